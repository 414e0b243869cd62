/**
 * Draft leads from pasted text holding e-mail addresses, pure: a block of mail headers, a
 * signature, an address list (`"张伟" <zhang.wei@acme.cn>, Bob Smith <bob@example.com>;
 * carol@foo.org`), a column copied from a spreadsheet, `mailto:` links.
 *
 * One draft per DISTINCT address (compared by the dedupe e-mail key, so `Bob.Smith@Gmail.com`
 * and `bobsmith+news@gmail.com` are one), in the order first seen; an occurrence with a display
 * name wins over a bare one.
 * - Name: the display name (quotes, `\"` escapes and RFC 2047 encoded words such as
 *   `=?UTF-8?B?5byg5Lyf?=` or `=?GB2312?B?...?=` decoded; Outlook's "Smith, Bob" turned to
 *   "Bob Smith"), else a `(comment)` after the address, else guessed from the local part
 *   (`bob.smith` -> "Bob Smith", `zhang_wei2024` -> "Zhang Wei"), else — for role mailboxes
 *   (`info@`, `sales@`) and numeric ones (QQ numbers) — the address itself, marked so the
 *   preview can show that it is a placeholder.
 * - Company: from the domain's registrable label (`mail.acme.com.cn` -> "Acme",
 *   `hengda-trading.cn` -> "Hengda Trading"); none for free-mail providers (gmail.com, qq.com,
 *   163.com, 126.com, outlook.com, hotmail.com, yahoo.com, sina.com, foxmail.com and others).
 * - Addresses of machines (noreply@, mailer-daemon@, postmaster@) are set aside, not drafted.
 * - Text with an '@' that is not a valid address (`bob@localhost`, `a@@b.com`, `x@y`) is listed
 *   as invalid so the user sees what was not understood.
 * Addresses are ASCII (`local@domain.tld`, domain labels of letters, digits and hyphens, IDN
 * domains in their xn-- form) and lower-cased. No database, no DOM.
 */
import { emailKey } from './dedupe';

export interface EmailLeadDraft {
  /** The address, lower-cased. */
  email: string;
  leadName: string;
  /** Where leadName came from: the display name, a guess from the local part, or the address (placeholder). */
  nameFrom: 'display' | 'local_part' | 'address';
  /** '' for free-mail domains. */
  companyName: string;
  domain: string;
  freeMail: boolean;
}

export interface EmailLeadParse {
  drafts: EmailLeadDraft[];
  /** Pieces of text with an '@' that are not valid addresses, as written. */
  invalid: string[];
  /** Valid addresses of machines (noreply, mailer-daemon, ...), not drafted. */
  automated: string[];
}

// ---- domains --------------------------------------------------------------------------------

/** Free-mail providers: exact domains (and their subdomains, e.g. vip.qq.com). */
const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', '188.com', 'netease.com',
  'sina.com', 'sina.cn', 'sina.com.cn', 'sohu.com', '139.com', '189.cn', 'wo.cn', 'wo.com.cn', 'aliyun.com', 'tom.com', '21cn.com',
  'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com', 'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 't-online.de', 'mail.com',
  'mail.ru', 'yandex.ru', 'yandex.com', 'zoho.com', 'fastmail.com', 'tutanota.com', 'hey.com', 'naver.com', 'daum.net', 'hanmail.net',
]);
/** Providers with a country domain per market (hotmail.co.uk, yahoo.com.hk, outlook.de): matched by label. */
const FREE_MAIL_LABELS = new Set(['gmail', 'googlemail', 'hotmail', 'outlook', 'live', 'yahoo', 'gmx', 'yandex', 'icloud']);

/** Second-level registries under which a company registers the THIRD label (acme.com.cn). */
const SECOND_LEVEL = new Set([
  'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'edu.cn', 'ac.cn', 'mil.cn',
  'com.hk', 'org.hk', 'net.hk', 'edu.hk', 'gov.hk', 'com.tw', 'org.tw', 'net.tw', 'edu.tw', 'idv.tw', 'com.mo', 'com.sg', 'edu.sg', 'com.my',
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'ltd.uk', 'plc.uk', 'me.uk', 'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'co.kr', 'or.kr', 'ac.kr',
  'com.au', 'net.au', 'org.au', 'edu.au', 'co.nz', 'org.nz', 'co.in', 'net.in', 'org.in', 'co.za', 'com.br', 'com.mx', 'com.ar',
  'com.tr', 'com.vn', 'co.th', 'in.th', 'co.id', 'com.ph', 'com.pk', 'com.sa', 'com.eg', 'co.il',
]);

/** Labels that name a mail host rather than the organisation (never a company name). */
const HOST_LABELS = new Set(['mail', 'email', 'smtp', 'mx', 'webmail', 'post', 'exmail', 'corp']);

export function isFreeMailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  const labels = d.split('.');
  for (let i = 0; i < labels.length - 1; i++) if (FREE_MAIL.has(labels.slice(i).join('.'))) return true;
  return FREE_MAIL_LABELS.has(registrableLabel(d));
}

/** The label a company registered: acme.cn -> acme, mail.acme.com.cn -> acme, acme.co.uk -> acme. */
export function registrableLabel(domain: string): string {
  const labels = domain.toLowerCase().split('.').filter(Boolean);
  if (labels.length < 2) return labels[0] ?? '';
  const last2 = labels.slice(-2).join('.');
  const i = SECOND_LEVEL.has(last2) && labels.length >= 3 ? labels.length - 3 : labels.length - 2;
  return labels[i];
}

const titleWord = (w: string) => (w ? w[0].toUpperCase() + w.slice(1) : w);

/** A company name guessed from the domain ('' for free mail): hengda-trading.com.cn -> "Hengda Trading". */
export function companyFromDomain(domain: string): string {
  if (!domain || isFreeMailDomain(domain)) return '';
  const label = registrableLabel(domain);
  if (!label || HOST_LABELS.has(label) || label.startsWith('xn--') || !/[a-z]/.test(label)) return '';
  return label.split(/[-_]+/).filter(Boolean).map(titleWord).join(' ');
}

// ---- local parts ----------------------------------------------------------------------------

/** Mailboxes of machines: never a lead. */
const AUTOMATED = /^(no-?reply|do-?not-?reply|donotreply|noreply-.*|mailer-daemon|postmaster|bounces?|bounce-.*|notifications?|alerts?|daemon|newsletters?|news)$/;
/** Mailboxes of a role, not a person: the name cannot be guessed from them. */
const ROLE = new Set([
  'info', 'sales', 'contact', 'contacts', 'admin', 'support', 'service', 'services', 'hello', 'office', 'enquiries', 'enquiry', 'inquiry',
  'inquiries', 'marketing', 'hr', 'jobs', 'careers', 'billing', 'accounts', 'accounting', 'finance', 'team', 'help', 'webmaster',
  'purchase', 'purchasing', 'procurement', 'orders', 'order', 'export', 'import', 'trade', 'kefu', 'xiaoshou', 'caigou', 'business', 'biz', 'mail',
]);

export function isAutomatedLocalPart(local: string): boolean {
  return AUTOMATED.test(local.toLowerCase().split('+')[0]);
}

/** A person's name guessed from a local part ('' when it holds none): bob.smith -> "Bob Smith", j.smith -> "J. Smith". */
export function nameFromLocalPart(local: string): string {
  const base = local.toLowerCase().split('+')[0];
  const words = base
    .split(/[._-]+/)
    .map((w) => w.replace(/\d+/g, ''))
    .filter((w) => w.length > 0);
  if (words.length === 0 || words.some((w) => ROLE.has(w))) return '';
  return words.map((w) => (w.length === 1 ? `${w.toUpperCase()}.` : titleWord(w))).join(' ');
}

// ---- addresses ------------------------------------------------------------------------------

const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{4,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** The address lower-cased, or '' when it is not a valid `local@domain.tld`. */
export function normalizeAddress(raw: string): string {
  const s = raw.trim().replace(/^mailto:/i, '').split('?')[0];
  const at = s.lastIndexOf('@');
  if (at <= 0 || at > 64 || s.length > 254) return '';
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (!LOCAL_ATOM.test(local) || !DOMAIN.test(domain)) return '';
  return `${local}@${domain}`.toLowerCase();
}

// ---- display names --------------------------------------------------------------------------

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function decodeBytes(charset: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(charset.toLowerCase().replace(/\*.*$/, ''), { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?gb2312?Q?...?=`) decoded; whitespace between two of them dropped. */
export function decodeEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  return text.replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1').replace(ENCODED_WORD, (whole, charset: string, enc: string, data: string) => {
    let bytes: Uint8Array;
    try {
      if (enc.toUpperCase() === 'B') {
        const bin = atob(data);
        bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      } else {
        const s = data.replace(/_/g, ' ');
        const out: number[] = [];
        for (let i = 0; i < s.length; i++) {
          if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
            out.push(parseInt(s.slice(i + 1, i + 3), 16));
            i += 2;
          } else out.push(s.charCodeAt(i) & 0xff);
        }
        bytes = Uint8Array.from(out);
      }
    } catch {
      return whole;
    }
    return decodeBytes(charset, bytes) ?? whole;
  });
}

const LEGAL_SUFFIX = /^(inc|ltd|llc|llp|lp|co|corp|corporation|company|limited|gmbh|ag|sa|plc|pte|bv|jr|sr|ii|iii|phd|md)\.?$/i;

/** A display name cleaned: quotes and escapes removed, "Last, First" turned round, spaces collapsed. */
export function cleanDisplayName(raw: string): string {
  let s = decodeEncodedWords(raw).trim();
  if (/^".*"$/s.test(s)) s = s.slice(1, -1).replace(/\\(.)/g, '$1');
  else if (/^'.*'$/s.test(s)) s = s.slice(1, -1);
  s = s.replace(/\s+/g, ' ').trim();
  // a name that is only the address again, or nothing but punctuation, is no name
  if (!s || s.includes('@') || !/[\p{L}]/u.test(s)) return '';
  // Outlook's "Smith, Bob" (but not "Acme, Inc.")
  const turned = /^([A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)?), ?([A-Za-z][A-Za-z'’.-]*(?: [A-Za-z][A-Za-z'’.-]*)?)$/.exec(s);
  if (turned && !LEGAL_SUFFIX.test(turned[2])) s = `${turned[2]} ${turned[1]}`;
  return s.slice(0, 140);
}

// ---- splitting the text ---------------------------------------------------------------------

/** Split on , ; and line breaks that are outside "quotes", <angle brackets> and (comments). */
function splitEntries(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  let paren = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '\\' && i + 1 < text.length) {
        cur += ch + text[++i];
        continue;
      }
      if (ch === '"') quoted = false;
      // a line break ends even an unclosed quote: one bad line must not swallow the rest
      if (ch === '\n') {
        quoted = false;
        out.push(cur);
        cur = '';
        continue;
      }
      cur += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '<') angle++;
    else if (ch === '>' && angle > 0) angle--;
    else if (ch === '(') paren++;
    else if (ch === ')' && paren > 0) paren--;
    if (ch === '\n' || ch === '\r' || ((ch === ',' || ch === ';' || ch === '，' || ch === '；') && angle === 0 && paren === 0)) {
      out.push(cur);
      cur = '';
      angle = 0;
      paren = 0;
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((e) => e.trim()).filter(Boolean);
}

/** "From:", "To:", "Cc:", "E-mail:", "发件人：", "邮箱:" and similar labels before an address. */
const LABEL = /^(?:[^"<>@:：(\n]{1,30}[:：]\s*)+/;
const BARE = /(?:mailto:)?[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,63}\b/gi;

interface Found {
  email: string;
  name: string;
}

/** Every valid address in free text, without names (surrounding words are not reliably one). */
function parseFreeText(e: string, found: Found[], invalid: string[]): void {
  const hits: string[] = [];
  for (const m of e.matchAll(BARE)) {
    const email = normalizeAddress(m[0].replace(/^['.]+|['.]+$/g, ''));
    if (email) {
      hits.push(m[0]);
      found.push({ email, name: '' });
    }
  }
  for (const token of e.split(/[\s,;，；、<>()[\]{}"“”]+/)) {
    if (!token.includes('@') || token.startsWith('@') || hits.some((h) => h.includes(token) || token.includes(h))) continue;
    invalid.push(token.replace(/[.。:：!?]+$/, ''));
  }
}

function parseEntry(entry: string, found: Found[], invalid: string[]): void {
  const e = decodeEncodedWords(entry);
  // name <address> [name <address> ...] (an address may carry mailto:)
  const angles = [...e.matchAll(/<([^<>]*@[^<>]*)>/g)];
  if (angles.length) {
    let from = 0;
    for (const m of angles) {
      let display = e.slice(from, m.index).trim();
      from = m.index + m[0].length;
      const email = normalizeAddress(m[1]);
      if (!email) {
        invalid.push(m[1].trim());
        continue;
      }
      // "From: Bob <b@x.com>": drop a header label unless the name is quoted
      if (!display.startsWith('"')) display = display.replace(LABEL, '');
      // a bare address before the name ("carol@y.com Bob <bob@x.com>") is an address of its own
      if (display.includes('@') && !display.startsWith('"')) {
        parseFreeText(display, found, invalid);
        display = '';
      }
      // prose before the address ("Please get in touch with Bob at <...>") is not a name
      if (display.split(/\s+/).length > 6 || display.length > 80) display = '';
      found.push({ email, name: cleanDisplayName(display) });
    }
    parseFreeText(e.slice(from), found, invalid);
    return;
  }
  const rest = e.replace(LABEL, '');
  // address (Name)  |  Name (address)
  const comment = /^(\S+@\S+?)\s*\(([^()]*)\)$/.exec(rest);
  const reversed = /^([^()@]+?)\s*\((\S+@\S+)\)$/.exec(rest);
  const pair = comment ? { addr: comment[1], name: comment[2] } : reversed ? { addr: reversed[2], name: reversed[1] } : null;
  const email = pair ? normalizeAddress(pair.addr) : '';
  if (pair && email) {
    found.push({ email, name: cleanDisplayName(pair.name) });
    return;
  }
  parseFreeText(rest, found, invalid);
}

/** Parse pasted text into one draft lead per distinct address. */
export function parseEmailLeads(text: string): EmailLeadParse {
  const found: Found[] = [];
  const invalid: string[] = [];
  // header continuation lines (folded) belong to the line before
  const unfolded = (text ?? '').replace(/\r\n?/g, '\n').replace(/\n[ \t]+/g, ' ');
  for (const entry of splitEntries(unfolded)) parseEntry(entry, found, invalid);

  const byKey = new Map<string, Found>();
  const order: string[] = [];
  const automated: string[] = [];
  for (const f of found) {
    const local = f.email.slice(0, f.email.lastIndexOf('@'));
    if (isAutomatedLocalPart(local)) {
      if (!automated.includes(f.email)) automated.push(f.email);
      continue;
    }
    const key = emailKey(f.email);
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, f);
      order.push(key);
    } else if (!prev.name && f.name) byKey.set(key, { email: prev.email, name: f.name });
  }
  const drafts = order.map((key): EmailLeadDraft => {
    const f = byKey.get(key)!;
    const at = f.email.lastIndexOf('@');
    const domain = f.email.slice(at + 1);
    const guessed = f.name ? '' : nameFromLocalPart(f.email.slice(0, at));
    return {
      email: f.email,
      leadName: f.name || guessed || f.email,
      nameFrom: f.name ? 'display' : guessed ? 'local_part' : 'address',
      companyName: companyFromDomain(domain),
      domain,
      freeMail: isFreeMailDomain(domain),
    };
  });
  return { drafts, invalid: [...new Set(invalid.filter(Boolean))], automated };
}
