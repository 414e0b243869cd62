/**
 * Words for a sync failure: a thrown error (DomainError, SyncProtocolError, a network failure)
 * or the `lastError` kept in 'sync.status' ({ code, message }, no class any more).
 */
import { errorMessage, hasMessage, translate, type Lang } from '../../shared/i18n';

export function syncErrorText(lang: Lang, e: unknown): string {
  if (e && typeof e === 'object') {
    const x = e as { name?: string; code?: unknown; status?: unknown; message?: unknown };
    if (x.name === 'DomainError') return errorMessage(lang, e);
    if (typeof x.code === 'string' && hasMessage(x.code)) return translate(lang, x.code, { status: typeof x.status === 'number' ? x.status : '?', paths: typeof x.message === 'string' ? x.message : '' });
    // fetch failures (TypeError: Failed to fetch) and anything else not from HQ: unreachable
    if (e instanceof TypeError || x.code === undefined) return translate(lang, 'sync.network');
  }
  return errorMessage(lang, e);
}
