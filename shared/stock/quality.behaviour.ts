/**
 * Quality inspection behaviour, and the split of a purchase receipt into accepted and rejected
 * stock that the receipt's posting uses.
 *
 * Save: the reference (receipt for incoming, delivery note for outgoing) must carry the item;
 * the inspected quantity is the item's stock quantity on it; readings are filled from the
 * template when empty; each reading is checked against its range (`outOfRange`) and the
 * inspection is `flagged` when any is; accepted + rejected must equal the inspected quantity
 * (both blank = all accepted).
 * Submit: every numeric reading needs a value; the inspector (the session's user) and the time
 * are stamped. For an incoming inspection of an item that requires inspection, the receipt must
 * still be a draft (the inspection decides where its stock goes) and only one inspection per
 * receipt and item may be submitted.
 * Cancel: refused once the receipt it decided has been posted (the record stays as evidence).
 */
import { DomainError, type FieldIssue } from '../kernel/errors';
import { D } from '../kernel/money';
import type { BaseRecord } from '../kernel/doctype';
import type { DocBehaviour } from '../kernel/behaviour';
import type { TxContext } from '../kernel/tx';
import { linesOf, throwIssues, type Line } from './stock.context';

export const QI_TABLE = 'quality_inspections';

/** Is a reading outside its parameter's range (pure)? Blank readings are not judged. */
export function readingOutOfRange(r: Line): boolean {
  if (r.kind === 'accept_reject') return !r.passed;
  const v = String(r.reading ?? '');
  if (v === '') return false;
  if (String(r.minValue ?? '') !== '' && new D(v).lt(r.minValue as string)) return true;
  if (String(r.maxValue ?? '') !== '' && new D(v).gt(r.maxValue as string)) return true;
  return false;
}

function dec(v: unknown): string {
  return String(v ?? '');
}

async function reference(ctx: TxContext, doc: BaseRecord): Promise<BaseRecord> {
  const incoming = doc.inspectionType !== 'outgoing';
  const field = incoming ? 'purchaseReceipt' : 'deliveryNote';
  if (incoming) doc.deliveryNote = '';
  else doc.purchaseReceipt = '';
  const id = doc[field] as string;
  const ref = id ? await ctx.t<BaseRecord>(incoming ? 'purchase_receipts' : 'delivery_notes').get(id) : undefined;
  if (!ref || ref.deleted) throw new DomainError('error.inspection_reference_required', {}, field);
  return ref;
}

export const qualityInspectionBehaviour: DocBehaviour = {
  tables: ['items', 'purchase_receipts', 'delivery_notes', 'inspection_templates', QI_TABLE],
  async beforeSave(doc, ctx) {
    if (!doc.inspectionDate) doc.inspectionDate = ctx.today;
    const ref = await reference(ctx, doc);
    const qty = linesOf(ref).filter((l) => l.item === doc.item).reduce((s, l) => s.add((l.stockQty as string) || '0'), new D(0));
    if (!qty.gt(0)) throw new DomainError('error.inspection_item_missing', { number: ref.number }, 'item');
    doc.inspectedQty = qty.toString();
    let readings = (doc.readings as Line[] | undefined) ?? [];
    if (readings.length === 0 && doc.template) {
      const tpl = await ctx.t<BaseRecord>('inspection_templates').get(doc.template as string);
      readings = ((tpl?.parameters as Line[] | undefined) ?? []).map((p) => ({ parameter: p.parameter, kind: p.kind, minValue: p.minValue ?? '', maxValue: p.maxValue ?? '', unit: p.unit ?? '', reading: '', passed: false, outOfRange: false }));
    }
    for (const r of readings) r.outOfRange = readingOutOfRange(r);
    doc.readings = readings;
    doc.flagged = readings.some((r) => r.outOfRange);
    let acc = dec(doc.acceptedQty);
    let rej = dec(doc.rejectedQty);
    if (acc === '' && rej === '') [acc, rej] = [qty.toString(), '0'];
    else if (acc === '') acc = qty.sub(rej).toString();
    else if (rej === '') rej = qty.sub(acc).toString();
    if (new D(acc).lt(0) || new D(rej).lt(0) || !new D(acc).add(rej).eq(qty)) throw new DomainError('error.inspection_qty_mismatch', { inspected: qty.toString(), accepted: acc, rejected: rej }, 'rejectedQty');
    doc.acceptedQty = acc;
    doc.rejectedQty = rej;
    doc.result = new D(rej).isZero() ? 'accepted' : new D(acc).isZero() ? 'not_accepted' : 'partly_accepted';
  },
  async onSubmit(doc, ctx) {
    const issues: FieldIssue[] = [];
    ((doc.readings as Line[]) ?? []).forEach((r, row) => {
      if (r.kind !== 'accept_reject' && dec(r.reading) === '') issues.push({ code: 'error.reading_required', field: 'readings.reading', row, params: { parameter: r.parameter } });
    });
    throwIssues(issues);
    doc.inspector = ctx.session.user.displayName || ctx.session.user.username;
    doc.inspectorId = ctx.session.user.id;
    doc.inspectedAt = ctx.now;
    if (doc.inspectionType === 'outgoing') return;
    const item = await ctx.t<BaseRecord>('items').get(doc.item as string);
    const ref = (await ctx.t<BaseRecord>('purchase_receipts').get(doc.purchaseReceipt as string))!;
    if (item?.inspectionRequired && ref.status !== 'draft') throw new DomainError('error.receipt_already_posted', { number: ref.number }, 'purchaseReceipt');
    const others = (await ctx.t<BaseRecord>(QI_TABLE).where('purchaseReceipt').equals(ref.id).toArray()).filter((q) => q.id !== doc.id && q.item === doc.item && q.status === 'submitted');
    if (others.length) throw new DomainError('error.inspection_exists', { number: others[0].number }, 'item');
  },
  async onCancel(doc, ctx) {
    if (doc.inspectionType === 'outgoing') return;
    const ref = await ctx.t<BaseRecord>('purchase_receipts').get(doc.purchaseReceipt as string);
    if (ref?.status === 'submitted') throw new DomainError('error.inspection_in_use', { number: ref.number });
  },
};

/**
 * Per receipt line, the rejected stock quantity decided by the receipt's submitted inspections
 * (allocated over the item's lines in order) and the inspection's id. An item that requires
 * inspection and has none refuses (error.inspection_required); an inspection whose quantities
 * no longer match the receipt refuses (error.inspection_qty_mismatch).
 */
export async function inspectionSplit(ctx: TxContext, receipt: BaseRecord, lines: Line[], items: Map<string, BaseRecord>): Promise<{ rejected: string; inspection: string }[]> {
  const qis = (await ctx.t<BaseRecord>(QI_TABLE).where('purchaseReceipt').equals(receipt.id).toArray()).filter((q) => q.status === 'submitted' && !q.deleted);
  const out = lines.map(() => ({ rejected: '0', inspection: '' }));
  const issues: FieldIssue[] = [];
  const byItem = new Map<string, number[]>();
  lines.forEach((l, i) => byItem.set(l.item as string, [...(byItem.get(l.item as string) ?? []), i]));
  for (const [itemId, rows] of byItem) {
    const it = items.get(itemId);
    const qi = qis.find((q) => q.item === itemId);
    if (!qi) {
      if (it?.inspectionRequired) issues.push({ code: 'error.inspection_required', field: 'items.item', row: rows[0], params: { item: `${it.itemCode} ${it.itemName}` } });
      continue;
    }
    const qty = rows.reduce((s, i) => s.add(lines[i].stockQty as string), new D(0));
    if (!new D(qi.acceptedQty as string).add(qi.rejectedQty as string).eq(qty)) {
      issues.push({ code: 'error.inspection_qty_mismatch', field: 'items.qty', row: rows[0], params: { inspected: new D(qi.acceptedQty as string).add(qi.rejectedQty as string).toString(), accepted: qi.acceptedQty, rejected: qi.rejectedQty } });
      continue;
    }
    let left = new D(qi.rejectedQty as string);
    for (const i of rows) {
      const r = D.min(left, lines[i].stockQty as string);
      left = left.sub(r);
      out[i] = { rejected: r.toString(), inspection: qi.id };
    }
  }
  throwIssues(issues);
  return out;
}
