/**
 * A small preview of an image file, made in the renderer (the shared layer has no canvas): the
 * picture scaled to fit `size` px, encoded as a WebP (keeps transparency) or JPEG data URL short
 * enough for shared/stock/item-images.service.ts (MAX_THUMBNAIL_CHARS). '' when the browser
 * cannot decode the file: the image is still stored, just without a preview.
 */
import { MAX_THUMBNAIL_CHARS } from '../../shared/stock';

export async function makeThumbnail(data: Uint8Array, size = 96): Promise<string> {
  try {
    const bmp = await createImageBitmap(new Blob([new Uint8Array(data)]));
    const scale = Math.min(1, size / Math.max(bmp.width, bmp.height, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bmp.width * scale));
    canvas.height = Math.max(1, Math.round(bmp.height * scale));
    const g = canvas.getContext('2d');
    if (!g) return '';
    g.drawImage(bmp, 0, 0, canvas.width, canvas.height);
    bmp.close();
    for (const [type, quality] of [['image/webp', 0.8], ['image/jpeg', 0.8], ['image/jpeg', 0.5]] as const) {
      const url = canvas.toDataURL(type, quality);
      if (url.startsWith(`data:${type};base64,`) && url.length <= MAX_THUMBNAIL_CHARS) return url;
    }
    return '';
  } catch {
    return '';
  }
}
