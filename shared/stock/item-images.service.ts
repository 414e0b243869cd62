/**
 * Item images. An item image IS an attachment of the item (kernel attachments: size limit,
 * rights, audit, backup, replication, download) whose bytes are a PNG, JPEG, GIF or WebP image —
 * checked by their signature, not by the file name. Beside it, one small row in `item_images`
 * (same id as the attachment) holds a thumbnail (a `data:image/...;base64,` URL of at most
 * MAX_THUMBNAIL_CHARS characters, made by the renderer when the image is added), so that lists
 * and type-aheads show pictures without reading the full files.
 *
 * - Both rows are written in ONE transaction (nothing half-added) and removed together.
 * - The first image (oldest) is the item's main picture (list, type-ahead).
 * - `item_images` replicates like attachments (rows owned by the branch that wrote them,
 *   tombstones, never physically deleted).
 * - Removing the file from the generic attachments panel instead leaves its thumbnail row:
 *   listItemImages hides such rows (it checks the attachments), lists may show the old
 *   thumbnail until removeItemImage is called for it (the item form's images panel offers it).
 */
import { DomainError } from '../kernel/errors';
import { getDocType, registerTable } from '../kernel/registry';
import { inDocTx } from '../kernel/docs.service';
import { ATTACHMENTS_TABLE, isValidAttachmentName, listAttachments, writeAttachmentInTx, type AttachmentRow } from '../kernel/attachments.service';
import type { BaseRecord } from '../kernel/doctype';
import type { Session } from '../kernel/session';

export const ITEM_IMAGES_TABLE = 'item_images';
/** Longest thumbnail accepted (characters of its data URL; a 96 px JPEG/WebP is 2-8 KB). */
export const MAX_THUMBNAIL_CHARS = 32_000;

registerTable(ITEM_IMAGES_TABLE, { schema: 'id, item, at' });

export interface ItemImage {
  /** Same id as the attachment holding the bytes. */
  id: string;
  item: string;
  name: string;
  mime: string;
  size: number;
  /** data:image/...;base64,... ('' when none was made). */
  thumb: string;
  at: string;
  byName: string;
}

interface ItemImageRow extends ItemImage {
  by: string;
  deleted: 0 | 1;
  branchId: string;
  _hlc: string;
  modifiedAt: string;
  modifiedBy: string;
}

/** The image type of `bytes` from its signature, or null (pure). */
export function sniffImage(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a && b(6) === 0x1a && b(7) === 0x0a) return 'image/png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38 && (b(4) === 0x37 || b(4) === 0x39) && b(5) === 0x61) return 'image/gif';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) return 'image/webp';
  return null;
}

/** A thumbnail the UI may show: a base64 data URL of an image type, not too long (pure). */
export function isThumbnail(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_THUMBNAIL_CHARS && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/.test(v);
}

function view(r: ItemImageRow): ItemImage {
  return { id: r.id, item: r.item, name: r.name, mime: r.mime, size: r.size, thumb: r.thumb, at: r.at, byName: r.byName };
}

/**
 * Add an image to an item (Item edit right). Refuses files that are not PNG/JPEG/GIF/WebP
 * (error.image_type), a malformed thumbnail (error.image_thumbnail) and files over the
 * attachment limit (error.attachment_too_large); writes nothing then.
 */
export async function addItemImage(s: Session, itemId: string, input: { name: string; data: Uint8Array; thumbnail?: string }): Promise<ItemImage> {
  const def = getDocType('Item');
  s.require('Item', 'edit');
  const name = typeof input?.name === 'string' ? input.name.trim() : '';
  if (!isValidAttachmentName(name)) throw new DomainError('error.attachment_name', { name: String(input?.name ?? '') }, 'name');
  const data = input.data;
  if (!ArrayBuffer.isView(data) || data.byteLength === 0) throw new DomainError('error.attachment_empty', { name }, 'data');
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const mime = sniffImage(bytes);
  if (!mime) throw new DomainError('error.image_type', { name }, 'data');
  const thumb = input.thumbnail ?? '';
  if (thumb !== '' && !isThumbnail(thumb)) throw new DomainError('error.image_thumbnail', { name }, 'thumbnail');
  return inDocTx(
    s,
    def,
    async (ctx) => {
      const att = await writeAttachmentInTx(ctx, def, itemId, { name, mime, bytes });
      const row: ItemImageRow = { id: att.id, item: itemId, name, mime, size: att.size, thumb, at: att.at, by: att.by, byName: att.byName, deleted: 0, branchId: s.branchId, _hlc: ctx.hlc(), modifiedAt: ctx.now, modifiedBy: s.user.id };
      await ctx.t(ITEM_IMAGES_TABLE).add(row as unknown as Record<string, unknown>);
      await ctx.outbox(ITEM_IMAGES_TABLE, row.id, 'put', row as unknown as Record<string, unknown>);
      return view(row);
    },
    [ATTACHMENTS_TABLE, ITEM_IMAGES_TABLE],
  );
}

/** The item's images, main (oldest) first; only those whose file is still attached. */
export async function listItemImages(s: Session, itemId: string): Promise<ItemImage[]> {
  s.require('Item', 'read');
  const [rows, files] = await Promise.all([s.db.t<ItemImageRow>(ITEM_IMAGES_TABLE).where('item').equals(itemId).toArray(), listAttachments(s, 'Item', itemId)]);
  const live = new Set(files.map((f) => f.id));
  return rows
    .filter((r) => !r.deleted && live.has(r.id))
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
    .map(view);
}

/** Remove an image: its thumbnail row and its attachment, in one transaction (Item edit right). */
export async function removeItemImage(s: Session, id: string): Promise<void> {
  const def = getDocType('Item');
  s.require('Item', 'edit');
  await inDocTx(
    s,
    def,
    async (ctx) => {
      const row = await ctx.t<ItemImageRow>(ITEM_IMAGES_TABLE).get(id);
      if (!row || row.deleted) throw new DomainError('error.attachment_not_found', { id });
      const hlc = ctx.hlc();
      const gone: ItemImageRow = { ...row, deleted: 1, _hlc: hlc, modifiedAt: ctx.now, modifiedBy: s.user.id };
      await ctx.t(ITEM_IMAGES_TABLE).put(gone as unknown as Record<string, unknown>);
      await ctx.outbox(ITEM_IMAGES_TABLE, id, 'put', gone as unknown as Record<string, unknown>);
      const att = await ctx.t<AttachmentRow>(ATTACHMENTS_TABLE).get(id);
      if (att && !att.deleted) {
        const tomb: AttachmentRow = { ...att, deleted: 1, _hlc: hlc, modifiedAt: ctx.now, modifiedBy: s.user.id };
        await ctx.t(ATTACHMENTS_TABLE).put(tomb as unknown as Record<string, unknown>);
        await ctx.outbox(ATTACHMENTS_TABLE, id, 'put', tomb as unknown as Record<string, unknown>);
      }
      const item = await ctx.t<BaseRecord>(def.table).get(row.item);
      await ctx.audit('Item', row.item, item?.number ?? row.item, 'update', [{ field: 'attachments', before: row.name, after: null }]);
    },
    [ATTACHMENTS_TABLE, ITEM_IMAGES_TABLE],
  );
}

/**
 * Main thumbnail per item for lists and type-aheads (item id -> data URL), through the item
 * index of `item_images` (small rows, no image bytes). Empty without the Item read right.
 */
export async function itemThumbnails(s: Session, itemIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(itemIds.filter(Boolean))];
  if (!ids.length || !s.can('Item', 'read')) return out;
  const rows = await s.db.t<ItemImageRow>(ITEM_IMAGES_TABLE).where('item').anyOf(ids).toArray();
  rows.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (const r of rows) if (!r.deleted && r.thumb && !out.has(r.item)) out.set(r.item, r.thumb);
  return out;
}
