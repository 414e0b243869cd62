/**
 * XLSX (Office Open XML spreadsheet) READER for imports: a workbook's worksheets as rows of
 * text cells, the same shape `parseCsv` gives, so column mapping, preview, dry run, the per-row
 * report and the all-or-nothing import are shared with CSV (see ./import-file.ts).
 *
 * - The zip container is read with fflate (small, dependency-free, runs in the browser, in
 *   Electron's renderer and in Node; synchronous). Only the parts needed are inflated:
 *   relationships, workbook, shared strings, styles and the chosen worksheet. A part declared
 *   larger than MAX_PART_BYTES is refused before anything is allocated (zip bombs).
 * - The XML is read by a small scanner (tags, attributes, text, CDATA, entities), not a DOM:
 *   `shared/` runs without one. Namespace prefixes (`x:c`, used by some .NET writers) are ignored.
 * - Cells become text: shared strings (rich-text runs joined, phonetic `rPh` runs left out),
 *   inline strings, formula string results, booleans (`TRUE` / `FALSE`, as Excel writes them in
 *   CSV), errors (`#N/A`) as written. Numbers keep Excel's own precision, 15 significant digits,
 *   in plain notation (a computed 0.1+0.2 stored as 0.30000000000000004 reads "0.3"; 1E-7 reads
 *   "0.0000001"), so money cells import exactly as they are shown. Numbers in a date format
 *   (built-in ids 14-22, the CJK date ids 27-36 and 50-58, times 45-47, or any custom format with
 *   date/time tokens) become ISO dates `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` (local time) when
 *   the format shows a time of day and it is not midnight; `HH:MM:SS` for time-only formats.
 *   The 1904 date system is honoured. Percent formats keep the stored fraction (15% -> "0.15").
 * - Rows: index + 1 is the spreadsheet row number; missing rows are empty arrays, trailing empty
 *   cells and trailing empty rows are dropped.
 * A file that is not a zip, not a workbook, or damaged raises DomainError `error.xlsx_invalid`;
 * an old binary .xls or a password-protected workbook (both OLE compound files) raises
 * `error.xlsx_legacy`. Nothing here touches a database.
 */
import { unzipSync } from 'fflate';
import { DomainError, isDomainError } from './errors';
import { D } from './money';
import { crc32 } from './xlsx';

/** Largest uncompressed part we inflate (a 1,048,576-row sheet of short cells is ~150 MB). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

export interface XlsxSheetInfo {
  name: string;
  /** `state="hidden"` or `"veryHidden"` in the workbook. */
  hidden: boolean;
}

export interface XlsxWorkbook {
  /** Worksheets in tab order (chart sheets are not listed). */
  sheets: XlsxSheetInfo[];
  /** The sheet an import uses unless told otherwise: the first visible worksheet. */
  defaultSheet: string;
  /** Rows of text cells of a sheet (by name or 0-based index; default `defaultSheet`). */
  rows(sheet?: string | number): string[][];
}

// ---- bytes ----------------------------------------------------------------------------------

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** True when the bytes start like a zip archive (every .xlsx is one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** True for an OLE compound file: a legacy .xls, or an encrypted (password-protected) .xlsx. */
export function looksLikeOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && OLE_MAGIC.every((b, i) => bytes[i] === b);
}

const invalid = (reason: string) => new DomainError('error.xlsx_invalid', { reason });

// ---- a small XML scanner --------------------------------------------------------------------

interface XmlHandlers {
  open?(name: string, attrs: string, selfClose: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

// a tag (attribute values may hold '>'), CDATA, a comment, a processing instruction or a DOCTYPE
const TOKEN = /<(?:!\[CDATA\[([\s\S]*?)\]\]>|!--[\s\S]*?-->|\?[\s\S]*?\?>|!DOCTYPE[^>]*>|(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>)/g;

const localName = (qname: string) => {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
};

/** Walks the XML and reports tags (local names) and decoded text. Text outside tags only. */
function scanXml(xml: string, h: XmlHandlers): void {
  TOKEN.lastIndex = 0;
  let at = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    if (m.index > at && h.text) h.text(decodeEntities(xml.slice(at, m.index)));
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) {
      h.text?.(m[1]);
    } else if (m[3] !== undefined) {
      const name = localName(m[3]);
      if (m[2]) h.close?.(name);
      else {
        h.open?.(name, m[4], m[5] === '/');
        if (m[5] === '/') h.close?.(name);
      }
    }
  }
  if (at < xml.length && h.text) h.text(decodeEntities(xml.slice(at)));
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e];
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes by local name (`r:id` -> `id`), values decoded. */
function attrsOf(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) out[localName(m[1])] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

/** Excel escapes characters XML cannot carry as `_xHHHH_` (`_x000D_` = CR; `_x005F_` = '_'). */
function unescapeXstring(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

// ---- package parts --------------------------------------------------------------------------

interface Rel {
  id: string;
  type: string;
  target: string;
}

function partDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** Resolve a relationship target against the folder of its source part. */
function resolveTarget(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`. */
function relsPathOf(part: string): string {
  return `${partDir(part)}_rels/${part.slice(partDir(part).length)}.rels`;
}

function readRels(xml: string, baseDir: string): Rel[] {
  const rels: Rel[] = [];
  scanXml(xml, {
    open(name, raw) {
      if (name !== 'Relationship') return;
      const a = attrsOf(raw);
      if (a.TargetMode === 'External' || !a.Target) return;
      rels.push({ id: a.Id ?? '', type: a.Type ?? '', target: resolveTarget(baseDir, a.Target) });
    },
  });
  return rels;
}

/**
 * CRC-32 of each entry from the central directory (fflate does not check them): a damaged
 * deflate stream can inflate to plausible garbage, and the CRC is what tells. Zip64 archives
 * (never an .xlsx within our size limit) are left unchecked.
 */
function centralCrcs(bytes: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let e = bytes.length - 22;
  while (e >= 0 && v.getUint32(e, true) !== 0x06054b50) {
    if (bytes.length - e > 65557) return out;
    e--;
  }
  if (e < 0) return out;
  const count = v.getUint16(e + 10, true);
  let p = v.getUint32(e + 16, true);
  if (count === 0xffff || p === 0xffffffff) return out;
  const utf8 = new TextDecoder('utf-8');
  const latin1 = new TextDecoder('latin1');
  for (let i = 0; i < count && p + 46 <= bytes.length && v.getUint32(p, true) === 0x02014b50; i++) {
    const nameLen = v.getUint16(p + 28, true);
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    out.set((v.getUint16(p + 8, true) & 0x800 ? utf8 : latin1).decode(rawName), v.getUint32(p + 16, true));
    p += 46 + nameLen + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return out;
}

class Package {
  /** Lower-cased entry name -> entry name as stored. */
  private readonly names = new Map<string, string>();
  private readonly sizes = new Map<string, number>();
  private readonly cache = new Map<string, string>();
  private readonly crcs: Map<string, number>;

  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.crcs = centralCrcs(bytes);
    // one walk of the central directory to learn the entries; nothing is inflated
    this.unzip(() => false);
  }

  private unzip(want: (name: string) => boolean): Record<string, Uint8Array> {
    try {
      return unzipSync(this.bytes, {
        filter: (f) => {
          this.names.set(f.name.toLowerCase(), f.name);
          this.sizes.set(f.name, f.originalSize);
          if (!want(f.name)) return false;
          if (f.originalSize > MAX_PART_BYTES) throw new DomainError('error.xlsx_too_large', { part: f.name, mb: Math.round(MAX_PART_BYTES / 1048576) });
          return true;
        },
      });
    } catch (e) {
      if (isDomainError(e)) throw e;
      throw invalid(e instanceof Error ? e.message : String(e));
    }
  }

  has(path: string): boolean {
    return this.names.has(path.toLowerCase());
  }

  /** The text of a part ('' when absent). */
  text(path: string): string {
    const name = this.names.get(path.toLowerCase());
    if (!name) return '';
    let t = this.cache.get(name);
    if (t === undefined) {
      const data = this.unzip((n) => n === name)[name];
      if (!data) throw invalid(`missing ${name}`);
      const crc = this.crcs.get(name);
      if (data.length !== this.sizes.get(name) || (crc !== undefined && crc32(data) !== crc)) throw invalid(`${name} is damaged`);
      try {
        t = new TextDecoder('utf-8', { fatal: true }).decode(data);
      } catch {
        // a UTF-16 part (rare, allowed by the standard) has a BOM
        t = data[0] === 0xff && data[1] === 0xfe ? new TextDecoder('utf-16le').decode(data) : data[0] === 0xfe && data[1] === 0xff ? new TextDecoder('utf-16be').decode(data) : undefined;
        if (t === undefined) throw invalid(`${name} is not UTF-8`);
      }
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      this.cache.set(name, t);
    }
    return t;
  }

  /** Forget a part's text (a worksheet, once read, is not kept twice). */
  drop(path: string): void {
    const name = this.names.get(path.toLowerCase());
    if (name) this.cache.delete(name);
  }
}

// ---- shared strings and styles --------------------------------------------------------------

/** The string items of sharedStrings.xml (rich-text runs joined, phonetic runs skipped). */
function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let inSi = false;
  let inT = false;
  let inPh = 0;
  let cur = '';
  scanXml(xml, {
    open(name, _raw, self) {
      if (self) return;
      if (name === 'si') {
        inSi = true;
        cur = '';
      } else if (name === 'rPh') inPh++;
      else if (name === 't' && inSi && !inPh) inT = true;
    },
    close(name) {
      if (name === 'si') {
        out.push(unescapeXstring(cur));
        inSi = false;
      } else if (name === 'rPh') inPh--;
      else if (name === 't') inT = false;
    },
    text(t) {
      if (inT) cur += t;
    },
  });
  return out;
}

export type DateKind = 'date' | 'datetime' | 'time';

const BUILTIN_DATE: Record<number, DateKind> = {};
for (const id of [14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]) BUILTIN_DATE[id] = 'date';
for (const id of [18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56]) BUILTIN_DATE[id] = 'time';
BUILTIN_DATE[22] = 'datetime';

/**
 * What a number format code shows: a date, a date with time, a time, or (null) a plain number.
 * Quoted text, escaped characters, fill/spacing (`*x`, `_x`) and bracketed colours/locales are
 * ignored; elapsed-time brackets ([h], [mm], [ss]) count as time. Only the first section counts.
 */
export function dateKindOfFormat(code: string): DateKind | null {
  let s = code.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/)[0];
  s = s
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, '$1')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '')
    .toLowerCase();
  const hasTime = /[hs]/.test(s) || /am\/pm|a\/p|上午\/下午/.test(s);
  const hasDate = /[dy]/.test(s) || (/m/.test(s) && !hasTime) || /[e年月日]/.test(s.replace(/\d?\.?\d*e[+-]/g, ''));
  if (hasDate && hasTime) return 'datetime';
  if (hasDate) return 'date';
  if (hasTime) return 'time';
  return null;
}

/** For each cell style index (the `s` attribute), its date kind or null. */
function readStyles(xml: string): (DateKind | null)[] {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  scanXml(xml, {
    open(name, raw, self) {
      if (name === 'numFmt') {
        const a = attrsOf(raw);
        custom.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'cellXfs' && !self) inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(attrsOf(raw).numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => (custom.has(id) ? dateKindOfFormat(custom.get(id)!) : (BUILTIN_DATE[id] ?? null)));
}

// ---- values ---------------------------------------------------------------------------------

/** A stored number as text with Excel's 15 significant digits, plain notation. */
export function numberText(v: string): string {
  const s = v.trim();
  if (/^-?\d{1,15}$/.test(s)) return s;
  try {
    const d = new D(s);
    if (!d.isFinite()) return s;
    return d.toSignificantDigits(15, D.ROUND_HALF_UP).toFixed();
  } catch {
    return s;
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An Excel serial day number as an ISO date / date-time / time (1900 or 1904 date system). */
export function serialToIso(serial: number, kind: DateKind, date1904 = false): string {
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) {
    days++;
    secs -= 86400;
  }
  const time = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
  if (kind === 'time' && days === 0) return time;
  // 1900 system: serial 1 = 1900-01-01, and Lotus' phantom 1900-02-29 is serial 60
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + days * 86400000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return kind === 'date' || secs === 0 ? date : `${date}T${time}`;
}

/** 'AB12' -> [11, 27] (0-based row, column); null when it is not a cell reference. */
function parseRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

interface SheetContext {
  shared: string[];
  styles: (DateKind | null)[];
  date1904: boolean;
}

function cellText(type: string, style: number, v: string, inline: string, hasInline: boolean, ctx: SheetContext): string {
  switch (type) {
    case 's': {
      if (v.trim() === '') return '';
      const i = Number(v);
      if (!Number.isInteger(i) || i < 0 || i >= ctx.shared.length) throw invalid(`shared string ${v} out of range`);
      return ctx.shared[i];
    }
    case 'inlineStr':
      return unescapeXstring(inline);
    case 'str':
      return unescapeXstring(v);
    case 'b':
      return v === '1' || v.toLowerCase() === 'true' ? 'TRUE' : v === '' ? '' : 'FALSE';
    case 'e':
      return v;
    case 'd':
      // strict OOXML: an ISO 8601 value; midnight is a plain date
      return v.replace(/T00:00(:00(\.0+)?)?Z?$/, '');
    default: {
      if (hasInline && v === '') return unescapeXstring(inline);
      if (v === '') return '';
      const kind = ctx.styles[style] ?? null;
      const n = Number(v);
      if (kind && Number.isFinite(n) && n >= 0 && n < 2958466) return serialToIso(n, kind, ctx.date1904);
      return numberText(v);
    }
  }
}

function readSheet(xml: string, ctx: SheetContext): string[][] {
  const rows: string[][] = [];
  let rowIdx = -1;
  let col = -1;
  let cell: { type: string; style: number; v: string; inline: string; hasInline: boolean } | null = null;
  let inV = false;
  let inIs = false;
  let inT = false;
  let inPh = 0;
  let last = -1; // last row holding a non-empty cell
  const put = (r: number, c: number, text: string) => {
    if (text === '') return;
    const row = (rows[r] ??= []);
    while (row.length < c) row.push('');
    row[c] = text;
    if (r > last) last = r;
  };
  scanXml(xml, {
    open(name, raw, self) {
      if (name === 'row') {
        const r = Number(attrsOf(raw).r);
        rowIdx = Number.isInteger(r) && r > 0 ? r - 1 : rowIdx + 1;
        if (rowIdx >= MAX_ROWS) throw invalid(`row ${rowIdx + 1}`);
        col = -1;
      } else if (name === 'c') {
        const a = attrsOf(raw);
        const ref = a.r ? parseRef(a.r) : null;
        if (a.r && !ref) throw invalid(`cell ${a.r}`);
        if (ref) {
          if (rowIdx < 0) rowIdx = ref[0];
          col = ref[1];
        } else col++;
        if (col >= MAX_COLS) throw invalid(`column ${col + 1}`);
        cell = { type: a.t ?? 'n', style: Number(a.s ?? 0), v: '', inline: '', hasInline: false };
        if (self) cell = null;
      } else if (!cell || self) {
        return;
      } else if (name === 'v') inV = true;
      else if (name === 'is') {
        inIs = true;
        cell.hasInline = true;
      } else if (name === 'rPh') inPh++;
      else if (name === 't' && inIs && !inPh) inT = true;
    },
    close(name) {
      if (name === 'c') {
        if (cell) put(Math.max(rowIdx, 0), col, cellText(cell.type, cell.style, cell.v, cell.inline, cell.hasInline, ctx));
        cell = null;
      } else if (name === 'v') inV = false;
      else if (name === 'is') inIs = false;
      else if (name === 'rPh') inPh--;
      else if (name === 't') inT = false;
    },
    text(t) {
      if (!cell) return;
      if (inV) cell.v += t;
      else if (inT) cell.inline += t;
    },
  });
  rows.length = last + 1;
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

// ---- workbook -------------------------------------------------------------------------------

const REL = {
  officeDocument: /\/officeDocument$/,
  worksheet: /\/worksheet$/,
  sharedStrings: /\/sharedStrings$/,
  styles: /\/styles$/,
};

/**
 * Open an .xlsx workbook. Throws DomainError `error.xlsx_invalid` / `error.xlsx_legacy` /
 * `error.xlsx_too_large` / `error.xlsx_no_sheet`. Sheets are parsed when `rows()` asks for them.
 */
export function readXlsx(bytes: Uint8Array): XlsxWorkbook {
  if (looksLikeOle(bytes)) throw new DomainError('error.xlsx_legacy');
  if (!looksLikeZip(bytes)) throw invalid('not a zip archive');
  const pkg = new Package(bytes);

  const rootRels = pkg.has('_rels/.rels') ? readRels(pkg.text('_rels/.rels'), '') : [];
  const wbPath = rootRels.find((r) => REL.officeDocument.test(r.type))?.target ?? 'xl/workbook.xml';
  if (!pkg.has(wbPath)) throw invalid('no workbook part');
  const wbRels = pkg.has(relsPathOf(wbPath)) ? readRels(pkg.text(relsPathOf(wbPath)), partDir(wbPath)) : [];

  let isWorkbook = false;
  let date1904 = false;
  const declared: { name: string; hidden: boolean; relId: string }[] = [];
  scanXml(pkg.text(wbPath), {
    open(name, raw) {
      if (name === 'workbook') isWorkbook = true;
      else if (name === 'workbookPr') {
        const v = attrsOf(raw).date1904;
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const a = attrsOf(raw);
        declared.push({ name: a.name ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden', relId: a.id ?? '' });
      }
    },
  });
  if (!isWorkbook) throw invalid('not a spreadsheet');
  const sheets = declared
    .map((d) => ({ ...d, path: wbRels.find((r) => r.id === d.relId && REL.worksheet.test(r.type))?.target ?? '' }))
    .filter((d) => d.path && pkg.has(d.path));
  if (sheets.length === 0) throw new DomainError('error.xlsx_no_sheet');

  let ctx: SheetContext | null = null;
  const context = (): SheetContext => {
    if (ctx) return ctx;
    const ssPath = wbRels.find((r) => REL.sharedStrings.test(r.type))?.target ?? resolveTarget(partDir(wbPath), 'sharedStrings.xml');
    const stPath = wbRels.find((r) => REL.styles.test(r.type))?.target ?? resolveTarget(partDir(wbPath), 'styles.xml');
    ctx = {
      shared: pkg.has(ssPath) ? readSharedStrings(pkg.text(ssPath)) : [],
      styles: pkg.has(stPath) ? readStyles(pkg.text(stPath)) : [],
      date1904,
    };
    pkg.drop(ssPath);
    pkg.drop(stPath);
    return ctx;
  };

  const defaultSheet = (sheets.find((s) => !s.hidden) ?? sheets[0]).name;
  return {
    sheets: sheets.map((s) => ({ name: s.name, hidden: s.hidden })),
    defaultSheet,
    rows(which?: string | number) {
      const sh = typeof which === 'number' ? sheets[which] : sheets.find((s) => s.name === (which ?? defaultSheet));
      if (!sh) throw new DomainError('error.xlsx_sheet_unknown', { sheet: String(which) });
      const c = context();
      const xml = pkg.text(sh.path);
      pkg.drop(sh.path);
      return readSheet(xml, c);
    },
  };
}
