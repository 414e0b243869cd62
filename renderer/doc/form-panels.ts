/**
 * Extra read-only panels under a document's generic form (a fixed asset's depreciation schedule,
 * ...): a module registers them from `renderer/<module>/index.ts`, the generic form renders them
 * for a stored record, below the fields. Panels only read; writes go through the services.
 */
import type { ComponentType } from 'react';
import type { BaseRecord } from '../../shared/api';

export interface FormPanelProps {
  docType: string;
  /** The stored record as the form shows it (a new `_rev` after every save). */
  rec: BaseRecord;
}

const panels = new Map<string, ComponentType<FormPanelProps>[]>();

export function registerFormPanel(docType: string, component: ComponentType<FormPanelProps>): void {
  const list = panels.get(docType) ?? [];
  if (!list.includes(component)) panels.set(docType, [...list, component]);
}

export function formPanels(docType: string): readonly ComponentType<FormPanelProps>[] {
  return panels.get(docType) ?? [];
}
