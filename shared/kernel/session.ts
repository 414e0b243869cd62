/**
 * Session: who is acting, on which device and branch, in which company database. Every
 * application service takes a Session first; rights come from `user.roles`, never from input.
 */
import type { CompanyDb, CompanyInfo } from './db';
import { type Role, type SessionUser, can } from './auth';
import type { Right } from './doctype';
import { HybridClock } from './hlc';
import { DomainError } from './errors';

export interface CompanySettings {
  name: string;
  baseCurrency: string;
  country: string;
  template: string;
  language: string;
  branchId: string;
  branchCode: string;
  branchName: string;
  /** Stock: allow negative stock (off by default). */
  allowNegativeStock?: boolean;
  /** Books: nothing may be posted or cancelled on or before this date. */
  lockDate?: string;
  /**
   * Set when this installation is enrolled as a branch (scope 'branch') of a head office:
   * head-office data (chart of accounts, tax templates, budgets, payroll setup) is read-only
   * here and comes from HQ by sync.
   */
  hqManaged?: boolean;
  /**
   * Prefix of this installation's document numbers (default: the branch code). A second device
   * of a branch numbers apart ('SH2-SINV-2026-00001'), so two tills never make the same number.
   */
  seriesCode?: string;
  [key: string]: unknown;
}

export class Session {
  readonly clock: HybridClock;

  constructor(
    readonly db: CompanyDb,
    readonly company: CompanyInfo,
    public settings: CompanySettings,
    readonly user: SessionUser,
    readonly deviceId: string,
    /** Injectable time source (tests, simulation). */
    readonly now: () => Date = () => new Date(),
  ) {
    this.clock = new HybridClock(deviceId.slice(-12), () => this.now().getTime());
  }

  get branchId(): string {
    return this.settings.branchId;
  }

  get baseCurrency(): string {
    return this.settings.baseCurrency;
  }

  get roles(): Role[] {
    return this.user.roles;
  }

  can(docType: string, right: Right): boolean {
    return can(this.user.roles, docType, right);
  }

  /** Throws error.forbidden unless the user holds the right. */
  require(docType: string, right: Right): void {
    if (!this.can(docType, right)) throw new DomainError('error.forbidden', { docType, right });
  }

  /** Local calendar date (YYYY-MM-DD) of an instant, in this machine's time zone. */
  localDate(d: Date = this.now()): string {
    const y = d.getFullYear();
    const m = String(d.getMonth() + 1).padStart(2, '0');
    const day = String(d.getDate()).padStart(2, '0');
    return `${y}-${m}-${day}`;
  }
}
