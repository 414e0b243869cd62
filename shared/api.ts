/**
 * Branchline's programmatic API: the same application services the UI calls, usable from a
 * Node script (with fake-indexeddb) or the browser. See docs/api.md.
 */
import './modules';

export * from './kernel/errors';
export * from './kernel/ids';
export * from './kernel/money';
export * from './kernel/currency';
export * from './kernel/doctype';
export * from './kernel/registry';
export * from './kernel/auth';
export * from './kernel/session';
export * from './kernel/db';
export * from './kernel/docs.service';
export * from './kernel/company.service';
export * from './kernel/audit.service';
export * from './kernel/backup';
export * from './kernel/hooks';
export * from './kernel/validate';
export { translate, errorMessage, issueMessage, catalog, LANGS, type Lang } from './i18n';
export * from './kernel/attachments.service';
export * from './kernel/integrity';
