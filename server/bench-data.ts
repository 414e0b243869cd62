/**
 * Realistic replicated changes for the sync benchmarks (server/bench-ingest.ts,
 * server/bench-seed.ts): what a branch device's outbox holds after ordinary work.
 *
 * Each "document" a device writes is TWO changes, as TxContext.putDoc makes them: the record
 * 'put' (shared master data: customers, items, with `_fieldHlc` for every field, search tokens
 * and CRM dedupe keys, as insertDocInTx builds them) and its 'audit' ledger 'append' (with the
 * field-level diff). Mix per document: 70% new customer, 10% new item, 20% an edit of one of
 * this device's earlier customers (a newer HLC on two fields: the merge path, `field_history`).
 */
import { encodeHlc } from '../shared/kernel/hlc';
import { newId } from '../shared/kernel/ids';
import { getDocType } from '../shared/kernel/registry';
import { normalizeDoc, searchTokens } from '../shared/kernel/validate';
import { dedupeKeys } from '../shared/crm/dedupe';
import type { WireChange } from '../shared/sync/protocol';

const CITIES = ['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', 'Chengdu', 'Wuhan', 'Xian', 'Nanjing', 'Suzhou', 'Qingdao'];
const INDUSTRIES = ['Retail', 'Manufacturing', 'Logistics', 'Food & beverage', 'Construction', 'Textiles', 'Electronics'];
const GROUPS = ['retail', 'wholesale', 'distributor', 'government'] as const;
const WORDS = ['Golden', 'Harbour', 'Eastern', 'Bright', 'Jade', 'River', 'Summit', 'Pacific', 'Lotus', 'Phoenix', 'Silk', 'Dragon', 'Crystal', 'Orchid'];
const INTERNAL = new Set(['_search', '_rev', '_hlc', '_fieldHlc', 'modifiedAt', 'modifiedBy']);

type Rec = Record<string, unknown>;

function diff(before: Rec | null, after: Rec): { field: string; before: unknown; after: unknown }[] {
  const out: { field: string; before: unknown; after: unknown }[] = [];
  for (const k of new Set([...Object.keys(before ?? {}), ...Object.keys(after)])) {
    if (INTERNAL.has(k)) continue;
    const a = before?.[k];
    const b = after[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ field: k, before: a ?? null, after: b ?? null });
  }
  return out;
}

export interface GenOptions {
  /** Branch the device writes for (its envelope branch and the records' branchId). */
  branchId: string;
  /** Node id of the device's HLC (distinct per device). */
  node: string;
  /** Prefix of document numbers (unique per device, so numbers never clash across devices). */
  prefix: string;
  /** A stable seed so two runs write the same kind of data. */
  seed?: number;
}

/** One device's stream of changes; `next(n)` returns the next n changes (n even). */
export class ChangeGen {
  private wall = 0;
  private counter = 0;
  private n = 0;
  /** Edits made so far: each supersedes one earlier put in HQ's pull log (compaction). */
  edits = 0;
  private rnd: number;
  private readonly customers: Rec[] = [];
  private readonly deviceId = newId();
  private readonly userId = newId();
  private readonly customerDef = getDocType('Customer');
  private readonly itemDef = getDocType('Item');

  constructor(private readonly o: GenOptions) {
    this.rnd = (o.seed ?? 1) >>> 0 || 1;
  }

  private rand(k: number): number {
    // xorshift32: cheap and deterministic
    let x = this.rnd;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rnd = x >>> 0;
    return this.rnd % k;
  }

  private tick(): string {
    const now = Date.now();
    if (now > this.wall) {
      this.wall = now;
      this.counter = 0;
    } else if (++this.counter > 99999) {
      this.wall++;
      this.counter = 0;
    }
    return encodeHlc(this.wall, this.counter, this.o.node);
  }

  private base(hlc: string, number: string, at: string): Rec {
    return { id: newId(), number, branchId: this.o.branchId, status: 'active', createdAt: at, createdBy: this.userId, modifiedAt: at, modifiedBy: this.userId, _hlc: hlc, deleted: 0, _rev: 1, _search: [] as string[] };
  }

  private newCustomer(at: string): Rec {
    const i = this.n;
    const hlc = this.tick();
    const name = `${WORDS[this.rand(WORDS.length)]} ${WORDS[this.rand(WORDS.length)]} ${CITIES[i % CITIES.length]} Trading Co., Ltd. ${i}`;
    const values = normalizeDoc(
      this.customerDef,
      {
        customerName: name,
        customerGroup: GROUPS[i % GROUPS.length],
        taxId: `91310000${String(100000000 + this.rand(899999999)).padStart(9, '0')}X`,
        email: `purchasing.${this.o.prefix.toLowerCase()}${i}@example-trading.cn`,
        phone: `+86 21 ${5000_0000 + this.rand(4000_0000)}`,
        city: CITIES[i % CITIES.length],
        address: `${1 + this.rand(999)} ${WORDS[this.rand(WORDS.length)]} Road, ${CITIES[i % CITIES.length]} ${this.rand(30) + 1} District, Building ${this.rand(20) + 1}, Room ${this.rand(3000) + 100}`,
        currency: 'CNY',
        creditLimit: `${(1 + this.rand(200)) * 1000}.00`,
        paymentTermsDays: 30,
        notes: i % 3 === 0 ? 'Prefers delivery before 10:00; invoices to the finance mailbox; monthly statement on the 25th.' : '',
        owner: '',
        tags: i % 4 === 0 ? 'key-account,north' : '',
        wechat: `wx_${this.o.prefix.toLowerCase()}_${i}`,
        website: i % 2 === 0 ? `https://www.trading-${i}.example.cn` : '',
        industry: INDUSTRIES[i % INDUSTRIES.length],
        source: 'referral',
      },
      'CNY',
    );
    const rec = this.base(hlc, `${this.o.prefix}-CUST-2026-${String(i).padStart(7, '0')}`, at);
    const fieldHlc: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      rec[k] = v;
      fieldHlc[k] = hlc;
    }
    Object.assign(rec, dedupeKeys('Customer', rec));
    rec._fieldHlc = fieldHlc;
    rec._search = searchTokens(this.customerDef, rec);
    return rec;
  }

  private newItem(at: string): Rec {
    const i = this.n;
    const hlc = this.tick();
    const code = `${this.o.prefix}-SKU-${String(i).padStart(7, '0')}`;
    const values = normalizeDoc(
      this.itemDef,
      {
        itemCode: code,
        itemName: `${WORDS[this.rand(WORDS.length)]} stainless steel bolt M${4 + this.rand(20)} x ${10 + this.rand(90)} mm`,
        itemNameZh: '不锈钢螺栓',
        itemType: 'stock',
        itemGroup: 'Fasteners',
        barcode: String(6900000000000 + this.rand(99999999)),
        uom: 'pcs',
        salePrice: `${1 + this.rand(500)}.50`,
        purchasePrice: `${1 + this.rand(300)}.20`,
        description: 'Hex head, fully threaded, A2-70. Packed in boxes of 100; cartons of 20 boxes.',
        uoms: [{ uom: 'box', factor: '100' }, { uom: 'ctn', factor: '2000' }],
        taxTemplate: 'VAT 13%',
      },
      'CNY',
    );
    const rec = this.base(hlc, code, at);
    const fieldHlc: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      rec[k] = v;
      fieldHlc[k] = hlc;
    }
    rec._fieldHlc = fieldHlc;
    rec._search = searchTokens(this.itemDef, rec);
    return rec;
  }

  private editCustomer(old: Rec, at: string): Rec {
    const hlc = this.tick();
    const rec: Rec = { ...old, _fieldHlc: { ...(old._fieldHlc as Record<string, string>) }, modifiedAt: at, _hlc: hlc, _rev: Number(old._rev) + 1 };
    rec.phone = `+86 21 ${5000_0000 + this.rand(4000_0000)}`;
    rec.creditLimit = (1 + this.rand(200)) * 100000;
    (rec._fieldHlc as Record<string, string>).phone = hlc;
    (rec._fieldHlc as Record<string, string>).creditLimit = hlc;
    Object.assign(rec, dedupeKeys('Customer', rec));
    rec._search = searchTokens(this.customerDef, rec);
    return rec;
  }

  private change(table: string, op: 'put' | 'append', data: Rec, hlc: string, at: string): WireChange {
    return { changeId: newId(), table, recordId: String(data.id), op, hlc, at, branchId: this.o.branchId, deviceId: this.deviceId, data };
  }

  /** The next document: its record put and its audit append. */
  nextDoc(): [WireChange, WireChange] {
    const at = new Date().toISOString();
    const kind = this.rand(10);
    let before: Rec | null = null;
    let rec: Rec;
    let docType: string;
    let table: string;
    if (kind < 2 && this.customers.length) {
      const k = this.rand(this.customers.length);
      before = this.customers[k];
      rec = this.editCustomer(before, at);
      this.customers[k] = rec;
      this.edits++;
      docType = 'Customer';
      table = 'customers';
    } else if (kind < 3) {
      rec = this.newItem(at);
      docType = 'Item';
      table = 'items';
    } else {
      rec = this.newCustomer(at);
      if (this.customers.length < 500) this.customers.push(rec);
      else this.customers[this.n % 500] = rec;
      docType = 'Customer';
      table = 'customers';
    }
    this.n++;
    const auditHlc = this.tick();
    const audit: Rec = { id: newId(), at, hlc: auditHlc, userId: this.userId, userName: 'bench', deviceId: this.deviceId, branchId: this.o.branchId, docType, docId: rec.id, docNumber: rec.number, action: before ? 'update' : 'create', changes: diff(before, rec) };
    return [this.change(table, 'put', rec, String(rec._hlc), at), this.change('audit', 'append', audit, auditHlc, at)];
  }

  /** The next n changes (n/2 documents; for an odd n the last document's audit row is left out). */
  next(n: number): WireChange[] {
    const out: WireChange[] = [];
    while (out.length < n) out.push(...this.nextDoc());
    return out.slice(0, n);
  }
}
