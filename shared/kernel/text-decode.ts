/**
 * Bytes of a text file (CSV, bank statement) -> text. UTF-8 when the bytes are valid UTF-8 (a
 * BOM is kept for the CSV reader to drop); otherwise GB18030, the superset of GBK that Excel
 * and Chinese banks save "CSV" in on Chinese Windows. Without this a GBK file decodes to
 * replacement characters and garbled names are imported silently.
 */
export type TextEncodingName = 'utf-8' | 'gb18030';

export function decodeTextFile(data: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030').decode(data), encoding: 'gb18030' };
    } catch {
      return { text: new TextDecoder('utf-8').decode(data), encoding: 'utf-8' };
    }
  }
}
