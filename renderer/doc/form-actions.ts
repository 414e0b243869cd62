/**
 * Extra header buttons on a document's generic form, registered by a module from
 * `renderer/<module>/index.ts`: a lead's "Open in lead desk" (qualify, convert), a quote's
 * "Open in quoting", a customer's "Customer 360". An action only navigates or calls the
 * services; it is shown for a stored record when `visible` says so (rights, status).
 */
import type { ComponentType } from 'react';
import type { BaseRecord, Session } from '../../shared/api';
import type { Route } from '../state/app.store';

export interface FormAction {
  /** Stable id: the button's test id is `form-action-<id>`. */
  id: string;
  /** i18n key of the button label. */
  labelKey: string;
  icon?: ComponentType<{ size?: number }>;
  visible?(s: Session, rec: BaseRecord): boolean;
  /** Where the button leads. */
  route(rec: BaseRecord): Route;
}

const actions = new Map<string, FormAction[]>();

export function registerFormAction(docType: string, a: FormAction): void {
  const list = actions.get(docType) ?? [];
  if (!list.some((x) => x.id === a.id)) actions.set(docType, [...list, a]);
}

export function formActions(docType: string): readonly FormAction[] {
  return actions.get(docType) ?? [];
}
