/**
 * Item images: an image is an attachment of the item (checked by its signature) plus a thumbnail
 * row written in the same transaction; bad files, bad thumbnails, files over the limit and users
 * without the right write nothing; removal takes both; lists read thumbnails only.
 */
import { describe, it, expect } from 'vitest';
import { newCompany } from '../fixtures/company';
import { stockItem, code } from '../fixtures/stock';
import { createUser, login, listAttachments, removeAttachment, getAttachment, updateSettings, type Session } from '../../shared/api';
import { addItemImage, listItemImages, removeItemImage, itemThumbnails, sniffImage, isThumbnail, ITEM_IMAGES_TABLE } from '../../shared/stock';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size = 64) => Uint8Array.from({ length: size }, (_, i) => (i < 8 ? PNG[i] : i % 251));
const THUMB = 'data:image/webp;base64,UklGRhIAAABXRUJQVlA4TAYAAAAvAAAAAAfQ//73v/+BiOh/AAA=';

async function counts(s: Session) {
  return { images: await s.db.t(ITEM_IMAGES_TABLE).count(), files: await s.db.t('attachments').count(), outbox: await s.db.t('outbox').count(), audit: await s.db.t('audit').count() };
}

describe('item images', () => {
  it('recognises images by their bytes and thumbnails by their form', () => {
    expect(sniffImage(png())).toBe('image/png');
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffImage(new TextEncoder().encode('GIF89a....'))).toBe('image/gif');
    expect(sniffImage(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
    expect(isThumbnail(THUMB)).toBe(true);
    expect(isThumbnail('javascript:alert(1)')).toBe(false);
    expect(isThumbnail('data:image/svg+xml;base64,PHN2Zz4=')).toBe(false);
    expect(isThumbnail(`data:image/png;base64,${'A'.repeat(40_000)}`)).toBe(false);
  });

  it('adds an image as an attachment with its thumbnail, main first; removes both together', async () => {
    const { s } = await newCompany();
    const it = await stockItem(s);
    const other = await stockItem(s);
    const a = await addItemImage(s, it.id, { name: 'front.png', data: png(), thumbnail: THUMB });
    const b = await addItemImage(s, it.id, { name: 'back.png', data: png(80) });
    expect(a).toMatchObject({ item: it.id, name: 'front.png', mime: 'image/png', size: 64, thumb: THUMB });
    expect((await listItemImages(s, it.id)).map((x) => x.name)).toEqual(['front.png', 'back.png']);
    // the bytes are an ordinary attachment of the item (download, backup, replication, audit)
    expect((await listAttachments(s, 'Item', it.id)).map((x) => [x.name, x.mime])).toEqual([['front.png', 'image/png'], ['back.png', 'image/png']]);
    expect(Array.from((await getAttachment(s, a.id)).data)).toEqual(Array.from(png()));
    const outbox = await s.db.t<{ table: string; recordId: string }>('outbox').toArray();
    expect(outbox.filter((o) => o.recordId === a.id).map((o) => o.table).sort()).toEqual(['attachments', ITEM_IMAGES_TABLE]);
    // lists: the main thumbnail per item, nothing for items without one
    expect([...(await itemThumbnails(s, [it.id, other.id]))]).toEqual([[it.id, THUMB]]);

    await removeItemImage(s, a.id);
    expect((await listItemImages(s, it.id)).map((x) => x.name)).toEqual(['back.png']);
    expect((await listAttachments(s, 'Item', it.id)).map((x) => x.name)).toEqual(['back.png']);
    expect((await itemThumbnails(s, [it.id])).size).toBe(0); // back.png has no thumbnail
    expect(await code(removeItemImage(s, a.id))).toBe('error.attachment_not_found');
    // removed from the generic attachments panel instead: the image list no longer shows it
    await removeAttachment(s, b.id);
    expect(await listItemImages(s, it.id)).toEqual([]);
  });

  it('refuses a file that is not an image, a bad thumbnail, a file over the limit and a user without the right, writing nothing', async () => {
    const { env, s } = await newCompany();
    const it = await stockItem(s);
    const before = await counts(s);
    expect(await code(addItemImage(s, it.id, { name: 'spec.pdf', data: new TextEncoder().encode('%PDF-1.7 ...') }))).toBe('error.image_type');
    expect(await code(addItemImage(s, it.id, { name: 'photo.png', data: png(), thumbnail: 'javascript:alert(1)' }))).toBe('error.image_thumbnail');
    expect(await code(addItemImage(s, it.id, { name: '../photo.png', data: png() }))).toBe('error.attachment_name');
    expect(await code(addItemImage(s, it.id, { name: 'empty.png', data: new Uint8Array() }))).toBe('error.attachment_empty');
    expect(await code(addItemImage(s, 'no-such-item', { name: 'photo.png', data: png() }))).toBe('error.not_found');
    await updateSettings(s, { attachmentMaxBytes: 100 });
    const afterSettings = await counts(s);
    expect(await code(addItemImage(s, it.id, { name: 'big.png', data: png(200), thumbnail: THUMB }))).toBe('error.attachment_too_large');
    expect(await counts(s)).toEqual(afterSettings);
    expect(afterSettings.images).toBe(before.images);
    expect(afterSettings.files).toBe(before.files);

    await updateSettings(s, { attachmentMaxBytes: 10_000 });
    const img = await addItemImage(s, it.id, { name: 'ok.png', data: png(), thumbnail: THUMB });
    await createUser(s, { username: 'wang', password: 'warehouse-pass-1', roleIds: ['role-warehouse'] }, 1000);
    const clerk = await login(env, s.company.id, 'wang', 'warehouse-pass-1');
    const mid = await counts(s);
    expect(await code(addItemImage(clerk, it.id, { name: 'x.png', data: png() }))).toBe('error.forbidden');
    expect(await code(removeItemImage(clerk, img.id))).toBe('error.forbidden');
    expect(await counts(s)).toEqual(mid);
    // reading is allowed with Item read
    expect((await listItemImages(clerk, it.id)).map((x) => x.name)).toEqual(['ok.png']);
    expect((await itemThumbnails(clerk, [it.id])).get(it.id)).toBe(THUMB);
  });
});
