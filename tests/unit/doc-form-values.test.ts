import { describe, it, expect } from 'vitest';
import { normalizeDoc, type DocTypeDef } from '../../shared/api';
import { Customer, Item } from '../../shared/masters/masters.doctypes';
import { toFormValues, toInput, issuePath, groupIssues, isFieldPath, newChildRow, minorToMajorText } from '../../renderer/doc/form-values';
import { defaultColumns, pickableColumns, toggleColumn, nextSort, loadColumns, saveColumns } from '../../renderer/doc/list-columns';

const Order = {
  name: 'TestOrder', table: 'test_orders', module: 'selling', submittable: true, ownership: 'branch',
  naming: { series: 'ORD' }, titleField: 'customer',
  fields: [
    { name: 'customer', type: 'link', link: 'Customer', required: true },
    { name: 'currency', type: 'currency', default: 'USD' },
    { name: 'total', type: 'money', currencyField: 'currency', readOnly: true },
    { name: 'lines', type: 'table', currencyField: 'currency', fields: [
      { name: 'item', type: 'link', link: 'Item' },
      { name: 'qty', type: 'decimal', default: '1' },
      { name: 'rate', type: 'money' },
    ] },
  ],
  listColumns: ['number', 'customer', 'total'], searchFields: [],
} as const satisfies DocTypeDef;

describe('form values keep numbers exact', () => {
  const cases: [number, string, string][] = [[123456789, 'CNY', '1234567.89'], [5, 'CNY', '0.05'], [-1500, 'JPY', '-1500'], [1234, 'KWD', '1.234'], [9007199254740991, 'CNY', '90071992547409.91']];
  it.each(cases)('%d minor %s shows %s', (minor, cur, text) => {
    expect(minorToMajorText(minor, cur)).toBe(text);
  });

  it('round-trips a stored record through the form to the same stored values', () => {
    // a stored record: every declared field in its storage convention
    const rec = normalizeDoc(Customer, { customerName: 'A', customerGroup: 'retail', creditLimit: 123456789, paymentTermsDays: 30, email: 'a@b.cn', currency: 'CNY' }, 'CNY');
    const v = toFormValues(Customer, rec, 'CNY');
    expect(v.creditLimit).toBe('1234567.89');
    expect(v.paymentTermsDays).toBe('30');
    expect(normalizeDoc(Customer, toInput(Customer, v), 'CNY')).toEqual(rec);
  });

  it('starts a new document with defaults, blank numbers without a default', () => {
    const v = toFormValues(Customer, null, 'CNY');
    expect(v.customerGroup).toBe('retail');
    expect(v.paymentTermsDays).toBe('30');
    expect(v.creditLimit).toBe('');
    expect(toFormValues(Item, null, 'CNY').uom).toBe('pcs');
  });

  it('shows child money in the document currency, leaves read-only fields to the service', () => {
    const rec = { customer: 'c1', currency: 'JPY', total: 3000, lines: [{ id: 'l1', item: 'i1', qty: '2.5', rate: 1200 }] };
    const v = toFormValues(Order, rec, 'CNY');
    expect(v.lines).toEqual([{ id: 'l1', item: 'i1', qty: '2.5', rate: '1200' }]);
    expect(v.total).toBe('3000');
    const input = toInput(Order, v);
    expect('total' in input).toBe(false);
    expect(newChildRow(Order.fields[3], 'USD')).toEqual({ item: '', qty: '1', rate: '' });
  });

  it('leaves out fields the reader could not see (redacted)', () => {
    const v = toFormValues(Customer, { customerName: 'A' }, 'CNY');
    expect(Object.keys(v)).toEqual(['customerName']);
    expect(Object.keys(toInput(Customer, v))).toEqual(['customerName']);
  });
});

describe('issues find their fields', () => {
  it('maps child issues to the cell of their row', () => {
    expect(issuePath({ code: 'x', field: 'lines.qty', row: 2 })).toBe('lines.2.qty');
    expect(issuePath({ code: 'x', field: 'customer' })).toBe('customer');
    const g = groupIssues([{ code: 'a', field: 'lines.qty', row: 0 }, { code: 'b', field: 'nope' }, { code: 'c' }, { code: 'd', field: 'lines' }], (p) => isFieldPath(Order, p));
    expect([...g.byPath.keys()]).toEqual(['lines.0.qty', 'lines']);
    expect(g.other.map((i) => i.code)).toEqual(['b', 'c']);
  });
});

describe('list columns', () => {
  it('defaults to the declared columns, with status for submittable types', () => {
    expect(defaultColumns(Customer)).toEqual(['number', 'customerName', 'customerGroup', 'city', 'phone', 'email', 'creditLimit']);
    expect(defaultColumns(Order)).toEqual(['number', 'customer', 'total', 'status']);
    expect(defaultColumns(Item)[0]).toBe('itemCode');
  });

  it('offers only indexable fields, sortable only when indexed', () => {
    const cols = pickableColumns(Customer);
    expect(cols.map((c) => c.name)).not.toContain('address');
    expect(cols.find((c) => c.name === 'customerName')!.sortable).toBe(true);
    expect(cols.find((c) => c.name === 'paymentTermsDays')!.sortable).toBe(false);
  });

  it('toggles in declaration order, never to zero columns, and remembers per type', () => {
    expect(toggleColumn(Customer, ['number', 'city'], 'customerName')).toEqual(['number', 'customerName', 'city']);
    expect(toggleColumn(Customer, ['city'], 'city')).toEqual(['city']);
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveColumns('Customer', ['number', 'ghost', 'city'], storage);
    expect(loadColumns(Customer, storage)).toEqual(['number', 'city']);
    expect(nextSort({ sort: 'city', dir: 'asc' }, 'city')).toEqual({ sort: 'city', dir: 'desc' });
    expect(nextSort({ sort: 'city', dir: 'desc' }, 'number')).toEqual({ sort: 'number', dir: 'asc' });
  });
});
