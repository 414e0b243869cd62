/**
 * CRM rights conventions, on top of the kernel's per-type rights (shared/kernel/auth.ts).
 *
 * ownOnly: a user WITHOUT the 'admin' right on a CRM type (the built-in Sales role) may change
 * only records they own (`owner` = their user id) or that nobody owns yet; a user with it (the
 * Administrator, or a custom "Sales Manager" role granting 'admin' on the crm module) may change
 * all. Enforced in the behaviours (every save through the generic services) and in the CRM
 * services, never only by hiding buttons.
 */
import { DomainError } from '../kernel/errors';
import type { Session } from '../kernel/session';

/** Types the ownOnly convention applies to. */
export const OWN_ONLY_TYPES = new Set(['Lead', 'Opportunity', 'Quote', 'Activity']);

/** Managers change any record of the type; reps only their own. */
export function isManager(s: Session, docType: string): boolean {
  return s.can(docType, 'admin');
}

/** May this user change a record with this owner? */
export function mayChange(s: Session, docType: string, owner: unknown): boolean {
  if (!OWN_ONLY_TYPES.has(docType) || isManager(s, docType)) return true;
  return !owner || owner === s.user.id;
}

/** Throws error.crm_not_owner unless the user may change the record. */
export function requireOwnership(s: Session, docType: string, rec: { owner?: unknown; number?: unknown }): void {
  if (!mayChange(s, docType, rec.owner)) throw new DomainError('error.crm_not_owner', { docType, number: String(rec.number ?? '') }, 'owner');
}
