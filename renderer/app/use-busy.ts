/**
 * One action at a time, errors as a notification in the user's language: the `guard` of small
 * panels (attachments, item images) that run a service call per button.
 */
import { useState } from 'react';
import { useErrorText } from '../i18n/use-t';
import { notify } from './notify';

export function useBusyGuard(): { busy: boolean; guard(fn: () => Promise<void>): Promise<void> } {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const guard = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      notify('error', errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, guard };
}
