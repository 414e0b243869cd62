/**
 * Small DOM helpers of the generic form: Enter-to-next-field navigation, and which fields a
 * session may not see on a NEW document (sensitive fields: on a loaded document getDoc already
 * leaves them out).
 */
import type { KeyboardEvent } from 'react';
import { redact, type BaseRecord, type DocTypeDef, type Session } from '../../shared/api';

const FOCUSABLE = 'input:not([type=hidden]):not([disabled]):not([tabindex="-1"]), textarea:not([disabled])';

/**
 * Enter moves focus to the next field in document order. Left alone: text areas (Enter is a
 * new line), buttons, modifier chords (Ctrl+Enter submits) and keys a control already handled
 * (an open dropdown picking its option calls preventDefault).
 */
export function nextFieldFocus(e: KeyboardEvent, root: HTMLElement | null): void {
  if (e.key !== 'Enter' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.nativeEvent.isComposing || !root) return;
  const target = e.target as HTMLElement;
  if (target.tagName !== 'INPUT') return;
  const list = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === target);
  const i = list.indexOf(target);
  if (i < 0) return;
  e.preventDefault();
  const next = list[i + 1];
  if (next) {
    next.focus();
    if (next instanceof HTMLInputElement && next.type !== 'checkbox') next.select?.();
  }
}

/** Field names redact() would remove for this session (no read right on their sensitive module). */
export function hiddenForSession(s: Session, def: DocTypeDef): string[] {
  const probe = Object.fromEntries(def.fields.map((f) => [f.name, 1])) as unknown as BaseRecord;
  const seen = redact(s, def, probe);
  return def.fields.filter((f) => !(f.name in seen)).map((f) => f.name);
}
