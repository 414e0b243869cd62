/**
 * Keyboard-first forms and inline field errors, shared by the hand-written screens.
 *
 * `formKeyDown`: Enter in a text field moves to the next field; Enter in the last field or
 * Ctrl/Cmd+S anywhere submits (through requestSubmit, so the form's own onSubmit runs once).
 * `useFieldErrors`: turns a DomainError's issues into `{ field: words }` in the user's language;
 * issues without a field (or with a field the form does not show) become the general message.
 */
import { useCallback, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { isDomainError, issueMessage } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText } from '../i18n/use-t';

const FIELD_SELECTOR = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

export function formKeyDown(e: KeyboardEvent<HTMLFormElement>): void {
  const form = e.currentTarget;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
    e.preventDefault();
    form.requestSubmit();
    return;
  }
  if (e.key !== 'Enter' || e.defaultPrevented || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
  const target = e.target as HTMLElement;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON' || target.getAttribute('aria-expanded') === 'true') return;
  if (!(target instanceof HTMLInputElement) && !(target instanceof HTMLSelectElement)) return;
  const fields = Array.from(form.querySelectorAll<HTMLElement>(FIELD_SELECTOR)).filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
  const i = fields.indexOf(target);
  e.preventDefault();
  if (i >= 0 && i < fields.length - 1) fields[i + 1].focus();
  else form.requestSubmit();
}

export function useFieldErrors(fields: readonly string[]) {
  const lang = useApp((s) => s.lang);
  const errorText = useErrorText();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const fromError = useCallback(
    (e: unknown) => {
      if (!isDomainError(e)) {
        setErrors({});
        setGeneral(errorText(e));
        return;
      }
      const byField: Record<string, string> = {};
      const rest: string[] = [];
      for (const i of e.issues) {
        if (i.field && fields.includes(i.field) && !byField[i.field]) byField[i.field] = issueMessage(lang, i);
        else rest.push(issueMessage(lang, i));
      }
      setErrors(byField);
      setGeneral(rest.length ? rest.join(' ') : Object.keys(byField).length > 1 ? issueMessage(lang, { code: 'error.validation', params: { count: Object.keys(byField).length } }) : null);
    },
    [fields, lang, errorText],
  );
  const clear = useCallback(() => {
    setErrors({});
    setGeneral(null);
  }, []);
  const setField = useCallback((field: string, message: string) => setErrors((x) => ({ ...x, [field]: message })), []);
  return { errors, general, fromError, clear, setField };
}
