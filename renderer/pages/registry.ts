/**
 * Module pages: hand-written screens (reports, boards, dashboards) that a generic list or form
 * does badly. Each module registers its pages here from `renderer/<module>/index.ts`; the shell
 * lists them in the sidebar under their module (when the user holds the right) and routes
 * `{ name: 'page', page: id, params }` to the component.
 */
import type { ComponentType } from 'react';
import type { Right } from '../../shared/api';

export interface PageProps {
  params?: Record<string, string>;
}

export interface PageDef {
  /** Unique id, e.g. 'books.trial-balance'. */
  readonly id: string;
  /** Rights module it belongs to (sidebar group), e.g. 'books'. */
  readonly module: string;
  /** i18n key of the sidebar/page title. */
  readonly labelKey: string;
  /** The user needs this right to see the page: [docType, right]. */
  readonly right: readonly [string, Right];
  readonly component: ComponentType<PageProps>;
  /** Sidebar order within the module (lower first). */
  readonly order?: number;
  /** Hidden from the sidebar (reached from other screens only, e.g. a drill-down). */
  readonly hidden?: boolean;
}

const pages = new Map<string, PageDef>();

export function registerPage(p: PageDef): void {
  pages.set(p.id, p);
}

export function findPage(id: string): PageDef | undefined {
  return pages.get(id);
}

export function allPages(): PageDef[] {
  return [...pages.values()].sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}
