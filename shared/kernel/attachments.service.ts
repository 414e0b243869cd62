/**
 * Attachments: files attached to any document (contracts, scans, employee documents, journal
 * evidence). One row per file in the `attachments` table, replicated like a document record
 * (outbox 'put' of the whole row; removal is a tombstone `deleted: 1`, never a physical delete).
 *
 * The bytes are stored in the row as a base64 string (`data`), so that every path that
 * serialises rows as JSON (backup, outbox, sync) keeps them exactly; the services take and
 * return a Uint8Array.
 *
 * Rights follow the document: reading needs 'read' on its type; attaching needs 'edit', or
 * 'submit' when the document is submitted (evidence may be attached to a submitted document:
 * the document itself does not change, only an audit row on it is added).
 */
import { DomainError } from './errors';
import { newId } from './ids';
import { getDocType, registerTable } from './registry';
import { inDocTx } from './docs.service';
import type { BaseRecord, DocTypeDef } from './doctype';
import type { Session } from './session';
import type { TxContext } from './tx';

export const ATTACHMENTS_TABLE = 'attachments';
/** Default per-file limit (settings.attachmentMaxBytes overrides it). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const MAX_NAME_LENGTH = 255;

registerTable(ATTACHMENTS_TABLE, { schema: 'id, [docType+docId], at' });

/** A stored attachment row (data is base64). */
export interface AttachmentRow {
  id: string;
  docType: string;
  docId: string;
  name: string;
  mime: string;
  size: number;
  /** The file's bytes, base64. */
  data: string;
  at: string;
  /** User id of who attached it. */
  by: string;
  /** User name of who attached it (for display without a users lookup). */
  byName: string;
  deleted: 0 | 1;
  branchId: string;
  _hlc: string;
  modifiedAt: string;
  modifiedBy: string;
}

export type AttachmentMeta = Omit<AttachmentRow, 'data' | '_hlc'>;
export interface AttachmentFile extends AttachmentMeta {
  data: Uint8Array;
}

export interface AttachmentInput {
  name: string;
  mime?: string;
  data: Uint8Array;
}

// ---- base64 (browser and Node, no Buffer) ---------------------------------------------------

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// ---- validation (pure) ----------------------------------------------------------------------

export function attachmentMaxBytes(s: Session): number {
  const v = s.settings.attachmentMaxBytes;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : DEFAULT_ATTACHMENT_MAX_BYTES;
}

/** A plain file name: no path separators, no control characters, not '.' or '..'. */
export function isValidAttachmentName(name: unknown): name is string {
  if (typeof name !== 'string') return false;
  const n = name.trim();
  if (n === '' || n === '.' || n === '..' || n.length > MAX_NAME_LENGTH) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\\/\u0000-\u001f\u007f]/.test(n);
}

function meta(r: AttachmentRow): AttachmentMeta {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { data, _hlc, ...m } = r;
  return m;
}

function mayAttach(s: Session, docType: string, status: string | undefined): boolean {
  return s.can(docType, 'edit') || (status === 'submitted' && s.can(docType, 'submit'));
}

// ---- services -------------------------------------------------------------------------------

/** Attach a file to a document. Writes the row + an audit row on the document + outbox, atomically. */
export async function addAttachment(s: Session, docType: string, docId: string, input: AttachmentInput): Promise<AttachmentMeta> {
  const def = getDocType(docType);
  if (!s.can(docType, 'edit') && !s.can(docType, 'submit')) throw new DomainError('error.forbidden', { docType, right: 'edit' });
  const name = typeof input?.name === 'string' ? input.name.trim() : '';
  if (!isValidAttachmentName(name)) throw new DomainError('error.attachment_name', { name: String(input?.name ?? '') }, 'name');
  const data = input.data;
  if (!ArrayBuffer.isView(data) || data.byteLength === 0) throw new DomainError('error.attachment_empty', { name }, 'data');
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const mime = typeof input.mime === 'string' && input.mime.trim() && input.mime.length <= 255 ? input.mime.trim() : 'application/octet-stream';
  return inDocTx(s, def, async (ctx) => meta(await writeAttachmentInTx(ctx, def, docId, { name, mime, bytes })), [ATTACHMENTS_TABLE]);
}

/**
 * Write one attachment row inside an open transaction (which must include ATTACHMENTS_TABLE and
 * the document's table): size limit, the document must exist and the user may attach to it;
 * row + outbox + audit row on the document. `name`, `mime` and `bytes` must already be checked
 * (addAttachment does it). For modules that attach a file together with other writes, e.g.
 * an item image and its thumbnail (shared/stock/item-images.service.ts).
 */
export async function writeAttachmentInTx(ctx: TxContext, def: DocTypeDef, docId: string, file: { name: string; mime: string; bytes: Uint8Array }): Promise<AttachmentRow> {
  const s = ctx.session;
  const { name, mime, bytes } = file;
  const docType = def.name;
  // settings were refreshed at the start of the transaction: the limit is current
  const max = attachmentMaxBytes(s);
  if (bytes.byteLength > max) throw new DomainError('error.attachment_too_large', { name, max }, 'data');
  const doc = await ctx.t<BaseRecord>(def.table).get(docId);
  if (!doc || doc.deleted) throw new DomainError('error.not_found', { docType, id: docId });
  if (!mayAttach(s, docType, doc.status)) throw new DomainError('error.forbidden', { docType, right: 'edit' });
  const hlc = ctx.hlc();
  const row: AttachmentRow = {
    id: newId(),
    docType,
    docId,
    name,
    mime,
    size: bytes.byteLength,
    data: bytesToBase64(bytes),
    at: ctx.now,
    by: s.user.id,
    byName: s.user.displayName || s.user.username,
    deleted: 0,
    // the writing branch owns the row for replication (policy 'branch')
    branchId: s.branchId,
    _hlc: hlc,
    modifiedAt: ctx.now,
    modifiedBy: s.user.id,
  };
  await ctx.t(ATTACHMENTS_TABLE).add(row as unknown as Record<string, unknown>);
  await ctx.outbox(ATTACHMENTS_TABLE, row.id, 'put', row as unknown as Record<string, unknown>);
  await ctx.audit(docType, docId, doc.number, 'update', [{ field: 'attachments', before: null, after: name }]);
  return row;
}

/** The attachments of a document (metadata only, oldest first). Needs 'read' on the type. */
export async function listAttachments(s: Session, docType: string, docId: string): Promise<AttachmentMeta[]> {
  getDocType(docType);
  s.require(docType, 'read');
  const rows = await s.db.table<AttachmentRow, string>(ATTACHMENTS_TABLE).where('[docType+docId]').equals([docType, docId]).toArray();
  return rows
    .filter((r) => !r.deleted)
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
    .map(meta);
}

/** One attachment with its bytes. Needs 'read' on its document type. */
export async function getAttachment(s: Session, id: string): Promise<AttachmentFile> {
  const row = await s.db.table<AttachmentRow, string>(ATTACHMENTS_TABLE).get(id);
  if (!row || row.deleted) throw new DomainError('error.attachment_not_found', { id });
  s.require(row.docType, 'read');
  return { ...meta(row), data: base64ToBytes(row.data) };
}

/** Remove an attachment (tombstone + audit on its document). Needs 'edit' on the type. */
export async function removeAttachment(s: Session, id: string): Promise<void> {
  const found = await s.db.table<AttachmentRow, string>(ATTACHMENTS_TABLE).get(id);
  if (!found || found.deleted) throw new DomainError('error.attachment_not_found', { id });
  const def = getDocType(found.docType);
  s.require(def.name, 'edit');
  await inDocTx(
    s,
    def,
    async (ctx) => {
      const before = await ctx.t<AttachmentRow>(ATTACHMENTS_TABLE).get(id);
      if (!before || before.deleted) throw new DomainError('error.attachment_not_found', { id });
      const doc = await ctx.t<BaseRecord>(def.table).get(before.docId);
      const row: AttachmentRow = { ...before, deleted: 1, _hlc: ctx.hlc(), modifiedAt: ctx.now, modifiedBy: s.user.id };
      await ctx.t(ATTACHMENTS_TABLE).put(row as unknown as Record<string, unknown>);
      await ctx.outbox(ATTACHMENTS_TABLE, row.id, 'put', row as unknown as Record<string, unknown>);
      await ctx.audit(def.name, before.docId, doc?.number ?? before.docId, 'update', [{ field: 'attachments', before: before.name, after: null }]);
    },
    [ATTACHMENTS_TABLE],
  );
}

/** How many live attachments the company holds and their total size (settings page). */
export async function attachmentUsage(s: Session): Promise<{ count: number; bytes: number; maxBytes: number }> {
  s.require('Settings', 'read');
  let count = 0;
  let bytes = 0;
  await s.db.table<AttachmentRow, string>(ATTACHMENTS_TABLE).each((r) => {
    if (r.deleted) return;
    count++;
    bytes += r.size ?? 0;
  });
  return { count, bytes, maxBytes: attachmentMaxBytes(s) };
}
