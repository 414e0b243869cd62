/**
 * Company-level module hooks: what a module installs when a company is created (chart of
 * accounts, warehouses, tax templates) and what it adds to a demo company. Seeders go through
 * the application services, so demo data is exactly what a user could have typed.
 */
import type { TxContext } from './tx';
import type { Session } from './session';

export interface CompanySetupOptions {
  name: string;
  baseCurrency: string;
  country: string;
  /** Accounting template id: 'generic' | 'cn-small-enterprise'. */
  template: string;
  language: string;
}

export interface CompanyHook {
  /** Module id, for ordering and error messages. */
  readonly module: string;
  readonly order: number;
  /** Runs inside the company-creation transaction; tables it writes must be listed. */
  readonly tables?: readonly string[];
  onCreate?(ctx: TxContext, opts: CompanySetupOptions): Promise<void>;
  /** Fills a demo company through the services, after creation. */
  seedDemo?(s: Session, opts: CompanySetupOptions): Promise<void>;
}

const hooks: CompanyHook[] = [];

export function registerCompanyHook(h: CompanyHook): void {
  if (!hooks.some((x) => x.module === h.module)) hooks.push(h);
}

export function companyHooks(): CompanyHook[] {
  return [...hooks].sort((a, b) => a.order - b.order);
}

/** Templates offered at company creation (modules may add more). */
export const ACCOUNTING_TEMPLATES = ['generic', 'cn-small-enterprise'] as const;
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
