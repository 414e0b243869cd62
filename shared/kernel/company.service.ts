/**
 * Companies, login, users and roles: the application services of the system module.
 *
 * Each company is its own Dexie database; the installation's registry database lists them and
 * holds this device's id. Creating a company writes its settings, its branch, the built-in roles,
 * the first administrator and each module's setup (chart of accounts, ...) in one transaction.
 */
import { CompanyDb, RegistryDb, companyDbName, type CompanyInfo } from './db';
import { newId } from './ids';
import { DomainError, type FieldIssue } from './errors';
import { BUILTIN_ROLES, DEFAULT_PBKDF2_ITERATIONS, MIN_PASSWORD_LENGTH, type PasswordHash, type Role, type SessionUser, hashPassword, verifyPassword } from './auth';
import { Session, type CompanySettings } from './session';
import { TxContext, diffRecords } from './tx';
import { companyHooks, type CompanySetupOptions, ACCOUNTING_TEMPLATES, LANGUAGES } from './hooks';
import { isCurrency } from './currency';
import { RIGHTS, type Right } from './doctype';

export interface Env {
  registry: RegistryDb;
  deviceId: string;
  /** PBKDF2 iterations for new passwords (tests lower it; the app uses the default). */
  pbkdf2Iterations?: number;
  now?: () => Date;
}

export interface UserRecord {
  id: string;
  username: string;
  usernameLower: string;
  displayName: string;
  password: PasswordHash;
  roleIds: string[];
  active: boolean;
  language?: string;
  createdAt: string;
  modifiedAt: string;
  /**
   * Where the user works (replication, see shared/sync/policy.ts): a branch id, or '' for a
   * company-wide user made at head office, who may sign in at every branch. Absent on a
   * device's own first administrator (made with the company): local to this installation.
   */
  branchId?: string;
  /** Record HLC of the last change (replicated users: newest wins). */
  _hlc?: string;
  [k: string]: unknown;
}

/** A user may sign in and be chosen on this installation (its branch, company-wide, or local). */
export function userWorksHere(u: Pick<UserRecord, 'branchId'>, settings: Pick<CompanySettings, 'branchId'>): boolean {
  return u.branchId === undefined || u.branchId === '' || u.branchId === settings.branchId;
}

/** Open the installation registry and make sure this device has an id. */
export async function openEnv(opts: { registryName?: string; pbkdf2Iterations?: number; now?: () => Date } = {}): Promise<Env> {
  const registry = new RegistryDb(opts.registryName);
  let dev = (await registry.local.get('deviceId'))?.value as string | undefined;
  if (!dev) {
    dev = newId();
    await registry.local.put({ key: 'deviceId', value: dev });
  }
  return { registry, deviceId: dev, pbkdf2Iterations: opts.pbkdf2Iterations, now: opts.now };
}

export async function listCompanies(env: Env): Promise<CompanyInfo[]> {
  return env.registry.companies.orderBy('name').toArray();
}

export interface CreateCompanyInput extends CompanySetupOptions {
  branchCode: string;
  branchName: string;
  /** Ids head office gave the company and this branch (joining an existing company). */
  companyId?: string;
  branchId?: string;
  /** This installation is a branch of a head office: HQ-owned data is read-only here. */
  hqManaged?: boolean;
  /** Document-number prefix of this installation (second device of a branch); default branchCode. */
  seriesCode?: string;
  admin: { username: string; displayName?: string; password: string };
  demo?: boolean;
}

const BRANCH_CODE_RE = /^[A-Z0-9]{1,8}$/;

export function validateCompanyInput(i: CreateCompanyInput): void {
  const issues: FieldIssue[] = [];
  if (!i.name?.trim()) issues.push({ code: 'error.required', field: 'name' });
  if (!isCurrency(i.baseCurrency)) issues.push({ code: 'error.currency_unknown', field: 'baseCurrency', params: { currency: i.baseCurrency } });
  if (!(ACCOUNTING_TEMPLATES as readonly string[]).includes(i.template)) issues.push({ code: 'error.option_invalid', field: 'template', params: { value: i.template, options: ACCOUNTING_TEMPLATES.join(', ') } });
  if (!(LANGUAGES as readonly string[]).includes(i.language)) issues.push({ code: 'error.option_invalid', field: 'language', params: { value: i.language, options: LANGUAGES.join(', ') } });
  if (!BRANCH_CODE_RE.test(i.branchCode ?? '')) issues.push({ code: 'error.branch_code', field: 'branchCode' });
  for (const k of ['companyId', 'branchId'] as const) if (i[k] !== undefined && !/^[A-Za-z0-9_.:-]{1,64}$/.test(i[k])) issues.push({ code: 'error.id_invalid', field: k });
  if (!i.branchName?.trim()) issues.push({ code: 'error.required', field: 'branchName' });
  issues.push(...usernameIssues(i.admin?.username ?? ''), ...passwordIssues(i.admin?.password ?? ''));
  if (issues.length) throw DomainError.invalid(issues);
}

function usernameIssues(u: string): FieldIssue[] {
  if (!u.trim()) return [{ code: 'error.required', field: 'username' }];
  if (!/^[\p{L}\p{N}._@-]{2,64}$/u.test(u.trim())) return [{ code: 'error.username_invalid', field: 'username' }];
  return [];
}

function passwordIssues(p: string): FieldIssue[] {
  return p.length < MIN_PASSWORD_LENGTH ? [{ code: 'error.password_short', field: 'password', params: { min: MIN_PASSWORD_LENGTH } }] : [];
}

function builtinRoleRecords(): Role[] {
  return BUILTIN_ROLES.map((r) => ({ ...r, id: `role-${r.builtin}` }));
}

/** Create a company with its first administrator; returns a session logged in as that user. */
export async function createCompany(env: Env, input: CreateCompanyInput): Promise<Session> {
  const i: CreateCompanyInput = { ...input, name: input.name?.trim(), branchCode: (input.branchCode ?? '').trim().toUpperCase(), branchName: input.branchName?.trim(), baseCurrency: (input.baseCurrency ?? '').toUpperCase() };
  validateCompanyInput(i);
  const id = i.companyId ?? newId();
  if (await env.registry.companies.get(id)) throw new DomainError('error.company_exists', { name: i.name });
  const now = (env.now ?? (() => new Date()))();
  const info: CompanyInfo = { id, name: i.name, // a joined company has HQ's id; the database name stays unique to this installation
  dbName: i.companyId ? `${companyDbName(id)}-${newId().slice(-8)}` : companyDbName(id), baseCurrency: i.baseCurrency, country: i.country, template: i.template, language: i.language, branchCode: i.branchCode, branchName: i.branchName, createdAt: now.toISOString(), demo: !!i.demo };
  const branchId = i.branchId ?? newId();
  const settings: CompanySettings = { name: i.name, baseCurrency: i.baseCurrency, country: i.country, template: i.template, language: i.language, branchId, branchCode: i.branchCode, branchName: i.branchName, allowNegativeStock: false, ...(i.hqManaged ? { hqManaged: true } : {}), ...(i.seriesCode ? { seriesCode: i.seriesCode } : {}) };
  const pw = await hashPassword(i.admin.password, env.pbkdf2Iterations ?? DEFAULT_PBKDF2_ITERATIONS);
  const roles = builtinRoleRecords();
  const admin: UserRecord = { id: newId(), username: i.admin.username.trim(), usernameLower: i.admin.username.trim().toLowerCase(), displayName: i.admin.displayName?.trim() || i.admin.username.trim(), password: pw, roleIds: ['role-administrator'], active: true, language: i.language, createdAt: now.toISOString(), modifiedAt: now.toISOString() };
  const db = new CompanyDb(info.dbName);
  const s = new Session(db, info, settings, toSessionUser(admin, roles, branchId), env.deviceId, env.now);
  try {
    const hooks = companyHooks();
    const tables = [...new Set(['meta', 'branches', 'roles', 'users', 'audit', 'outbox', 'series', 'notifications', ...hooks.flatMap((h) => h.tables ?? [])])];
    await db.transaction('rw', tables, async (tx) => {
      const ctx = new TxContext(db, s, tx);
      // template records (chart, taxes, payroll setup) get deterministic ids: see seedId
      ctx.seed = { template: i.template };
      await ctx.t('meta').put({ key: 'company', value: settings });
      await ctx.t('meta').put({ key: 'schema', value: { createdWith: 1 } });
      await ctx.t('branches').put({ id: branchId, code: i.branchCode, name: i.branchName, createdAt: ctx.now });
      await ctx.t('roles').bulkPut(roles as unknown as Record<string, unknown>[]);
      await ctx.t('users').put(admin);
      await ctx.audit('Settings', id, i.name, 'create', diffRecords(null, settings));
      await ctx.audit('User', admin.id, admin.username, 'create', diffRecords(null, publicUser(admin)));
      for (const h of hooks) await h.onCreate?.(ctx, i);
    });
    await env.registry.companies.put(info);
  } catch (e) {
    db.close();
    await db.delete();
    throw e;
  }
  if (i.demo) for (const h of companyHooks()) await h.seedDemo?.(s, i);
  return s;
}

export async function openCompanyDb(env: Env, companyId: string): Promise<{ db: CompanyDb; info: CompanyInfo; settings: CompanySettings }> {
  const info = await env.registry.companies.get(companyId);
  if (!info) throw new DomainError('error.company_not_found', { id: companyId });
  const db = new CompanyDb(info.dbName);
  const settings = (await db.meta.get('company'))?.value as CompanySettings | undefined;
  if (!settings) throw new DomainError('error.company_damaged', { name: info.name });
  return { db, info, settings };
}

function toSessionUser(u: UserRecord, roles: Role[], branchId: string): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, roles: roles.filter((r) => u.roleIds.includes(r.id)), branchId };
}

function publicUser(u: UserRecord): Record<string, unknown> {
  const { password: _pw, ...rest } = u;
  return rest;
}

/** Refresh built-in roles' rights from code (new modules' types are covered automatically). */
async function loadRoles(db: CompanyDb): Promise<Role[]> {
  const stored = (await db.roles.toArray()) as unknown as Role[];
  const builtins = new Map(builtinRoleRecords().map((r) => [r.id, r]));
  return stored.map((r) => (r.builtin && builtins.has(r.id) && !(r as Role & { customised?: boolean }).customised ? { ...builtins.get(r.id)!, name: r.name } : r));
}

/** Log in: checks the password, writes an audit row either way. */
export async function login(env: Env, companyId: string, username: string, password: string): Promise<Session> {
  const { db, info, settings } = await openCompanyDb(env, companyId);
  // replicated users: the same name may exist twice (made at two places while offline); the
  // ones who work here are tried, this branch's own first, and the password decides
  const named = ((await db.users.where('usernameLower').equals(username.trim().toLowerCase()).toArray()) as UserRecord[]).filter((x) => userWorksHere(x, settings));
  named.sort((a, b) => Number(b.branchId === settings.branchId) - Number(a.branchId === settings.branchId) || Number(b.active) - Number(a.active));
  let u: UserRecord | undefined = named[0];
  let ok = false;
  for (const cand of named) {
    if (cand.active && (await verifyPassword(password, cand.password))) {
      u = cand;
      ok = true;
      break;
    }
  }
  const roles = await loadRoles(db);
  const system: SessionUser = { id: 'system', username: username.trim(), displayName: username.trim(), roles: [], branchId: settings.branchId };
  const s = new Session(db, info, settings, ok ? toSessionUser(u!, roles, settings.branchId) : system, env.deviceId, env.now);
  await db.transaction('rw', ['audit', 'outbox'], async (tx) => {
    const ctx = new TxContext(db, s, tx);
    await ctx.audit('User', u?.id ?? '', username.trim(), ok ? 'login' : 'login_failed', []);
  });
  if (!ok) {
    db.close();
    throw new DomainError(u && !u.active && named.every((x) => !x.active) ? 'error.user_inactive' : 'error.login_failed');
  }
  return s;
}

export function logout(s: Session): void {
  s.db.close();
}

// ---- users -------------------------------------------------------------------------------

export interface UserInput {
  username: string;
  displayName?: string;
  password?: string;
  roleIds: string[];
  active?: boolean;
  language?: string;
  /** Head office only: the user signs in at every branch (replicated to all of them). */
  allBranches?: boolean;
}

export interface BranchRow {
  id: string;
  code: string;
  name: string;
}

/**
 * Branches this installation knows: its own, plus every branch of the company once it synced
 * with head office (the sync client keeps the list). Report filters offer them.
 */
export async function listBranches(s: Session): Promise<BranchRow[]> {
  const rows = (await s.db.t<BranchRow>('branches').toArray()).map((b) => ({ id: b.id, code: b.code, name: b.name }));
  return rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Users of this installation: its branch's, the company-wide ones, and at head office (a device
 * that sees every branch) every branch's users too, for administration.
 */
export async function listUsers(s: Session): Promise<Omit<UserRecord, 'password'>[]> {
  s.require('User', 'read');
  const all = (await s.db.users.toArray()) as UserRecord[];
  return all.map((u) => publicUser(u) as Omit<UserRecord, 'password'>).sort((a, b) => String(a.usernameLower).localeCompare(String(b.usernameLower)));
}

export async function createUser(s: Session, input: UserInput, iterations = DEFAULT_PBKDF2_ITERATIONS): Promise<Omit<UserRecord, 'password'>> {
  s.require('User', 'admin');
  const issues = [...usernameIssues(input.username ?? ''), ...passwordIssues(input.password ?? '')];
  if (!input.roleIds?.length) issues.push({ code: 'error.role_required', field: 'roleIds' });
  if (issues.length) throw DomainError.invalid(issues);
  // a branch of a head office makes users of its own branch; company-wide users are HQ's
  if (input.allBranches && s.settings.hqManaged) throw new DomainError('error.user_all_branches_hq', {}, 'allBranches');
  const pw = await hashPassword(input.password!, iterations);
  return s.db.transaction('rw', ['users', 'roles', 'audit', 'outbox'], async (tx) => {
    const ctx = new TxContext(s.db, s, tx);
    const lower = input.username.trim().toLowerCase();
    const taken = ((await ctx.t('users').where('usernameLower').equals(lower).toArray()) as UserRecord[]).some((x) => input.allBranches || userWorksHere(x, s.settings));
    if (taken) throw new DomainError('error.duplicate', { value: input.username }, 'username');
    await assertRolesExist(ctx, input.roleIds);
    const u: UserRecord = { id: newId(), username: input.username.trim(), usernameLower: lower, displayName: input.displayName?.trim() || input.username.trim(), password: pw, roleIds: [...input.roleIds], active: input.active ?? true, language: input.language, createdAt: ctx.now, modifiedAt: ctx.now, branchId: input.allBranches ? '' : s.settings.branchId, _hlc: ctx.hlc() };
    await ctx.t('users').add(u);
    await ctx.outbox('users', u.id, 'put', u as unknown as Record<string, unknown>);
    await ctx.audit('User', u.id, u.username, 'create', diffRecords(null, publicUser(u)));
    return publicUser(u) as Omit<UserRecord, 'password'>;
  });
}

/**
 * A branch of a head office changes only its own users: a company-wide user (and, at a branch,
 * another branch's) is head office's to change, as HQ would refuse the change at the next sync.
 */
function assertUserEditableHere(s: Session, u: UserRecord): void {
  if (!s.settings.hqManaged) return;
  if (u.branchId === '' || (u.branchId !== undefined && u.branchId !== s.settings.branchId)) throw new DomainError('error.user_company_wide', { username: u.username });
}

async function assertRolesExist(ctx: TxContext, ids: string[]): Promise<void> {
  const found = await ctx.t('roles').bulkGet(ids);
  const missing = ids.filter((_, i) => !found[i]);
  if (missing.length) throw new DomainError('error.role_missing', { ids: missing.join(', ') }, 'roleIds');
}

export async function updateUser(s: Session, id: string, input: Partial<UserInput>, iterations = DEFAULT_PBKDF2_ITERATIONS): Promise<void> {
  s.require('User', 'admin');
  const issues = input.password !== undefined && input.password !== '' ? passwordIssues(input.password) : [];
  if (input.roleIds && input.roleIds.length === 0) issues.push({ code: 'error.role_required', field: 'roleIds' });
  if (issues.length) throw DomainError.invalid(issues);
  const pw = input.password ? await hashPassword(input.password, iterations) : undefined;
  await s.db.transaction('rw', ['users', 'roles', 'audit', 'outbox'], async (tx) => {
    const ctx = new TxContext(s.db, s, tx);
    const before = (await ctx.t('users').get(id)) as UserRecord | undefined;
    if (!before) throw new DomainError('error.not_found', { docType: 'User', id });
    assertUserEditableHere(s, before);
    if (input.roleIds) await assertRolesExist(ctx, input.roleIds);
    const after: UserRecord = { ...before, ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}), ...(input.roleIds ? { roleIds: [...input.roleIds] } : {}), ...(input.active !== undefined ? { active: input.active } : {}), ...(input.language !== undefined ? { language: input.language } : {}), ...(pw ? { password: pw } : {}), modifiedAt: ctx.now, _hlc: ctx.hlc() };
    // never lock this installation out: at least one active administrator who works here must remain
    const admins = ((await ctx.t('users').toArray()) as UserRecord[]).map((u) => (u.id === id ? after : u)).filter((u) => u.active && u.roleIds.includes('role-administrator') && userWorksHere(u, s.settings));
    if (admins.length === 0) throw new DomainError('error.last_admin');
    await ctx.t('users').put(after);
    if (after.branchId !== undefined) await ctx.outbox('users', id, 'put', after as unknown as Record<string, unknown>);
    const changes = diffRecords(publicUser(before), publicUser(after));
    if (pw) changes.push({ field: 'password', before: '***', after: '***' });
    await ctx.audit('User', id, after.username, 'update', changes);
  });
}

/** A user changes their own password (needs the old one). */
export async function changeOwnPassword(s: Session, oldPassword: string, newPassword: string, iterations = DEFAULT_PBKDF2_ITERATIONS): Promise<void> {
  const u = (await s.db.users.get(s.user.id)) as UserRecord | undefined;
  if (!u || !(await verifyPassword(oldPassword, u.password))) throw new DomainError('error.password_wrong', {}, 'oldPassword');
  const issues = passwordIssues(newPassword);
  if (issues.length) throw DomainError.invalid(issues.map((i) => ({ ...i, field: 'newPassword' })));
  if (u.branchId === '' && s.settings.hqManaged) throw new DomainError('error.user_company_wide', { username: u.username }, 'newPassword');
  const pw = await hashPassword(newPassword, iterations);
  await s.db.transaction('rw', ['users', 'audit', 'outbox'], async (tx) => {
    const ctx = new TxContext(s.db, s, tx);
    const after: UserRecord = { ...u, password: pw, modifiedAt: ctx.now, _hlc: ctx.hlc() };
    await ctx.t('users').put(after);
    if (after.branchId !== undefined) await ctx.outbox('users', u.id, 'put', after as unknown as Record<string, unknown>);
    await ctx.audit('User', u.id, u.username, 'update', [{ field: 'password', before: '***', after: '***' }]);
  });
}

// ---- roles -------------------------------------------------------------------------------

export async function listRoles(s: Session): Promise<Role[]> {
  s.require('Role', 'read');
  return (await loadRoles(s.db)).sort((a, b) => a.name.localeCompare(b.name));
}

export interface RoleInput {
  name: string;
  moduleRights: Record<string, Right[]>;
  docRights: Record<string, Right[]>;
}

function checkRights(r: Record<string, Right[]>): void {
  for (const [k, rights] of Object.entries(r)) for (const x of rights) if (!(RIGHTS as readonly string[]).includes(x)) throw new DomainError('error.option_invalid', { value: `${k}:${x}`, options: RIGHTS.join(', ') }, 'rights');
}

export async function saveRole(s: Session, id: string | null, input: RoleInput): Promise<Role> {
  s.require('Role', 'admin');
  if (!input.name?.trim()) throw new DomainError('error.required', {}, 'name');
  checkRights(input.moduleRights);
  checkRights(input.docRights);
  // roles replicate from head office: a branch of a head office uses HQ's
  if (s.settings.hqManaged) throw new DomainError('error.hq_managed', { docType: 'Role' });
  return s.db.transaction('rw', ['roles', 'audit', 'outbox'], async (tx) => {
    const ctx = new TxContext(s.db, s, tx);
    const before = id ? ((await ctx.t('roles').get(id)) as unknown as Role | undefined) : undefined;
    if (id && !before) throw new DomainError('error.not_found', { docType: 'Role', id });
    if (before?.all) throw new DomainError('error.role_admin_fixed');
    const clash = (await ctx.t('roles').where('name').equals(input.name.trim()).first()) as unknown as Role | undefined;
    if (clash && clash.id !== id) throw new DomainError('error.duplicate', { value: input.name }, 'name');
    const role: Role & { customised?: boolean; _hlc?: string } = { ...(before ?? {}), id: id ?? newId(), name: input.name.trim(), moduleRights: input.moduleRights, docRights: input.docRights, ...(before?.builtin ? { builtin: before.builtin, customised: true } : {}), _hlc: ctx.hlc() };
    await ctx.t('roles').put(role as unknown as Record<string, unknown>);
    await ctx.outbox('roles', role.id, 'put', role as unknown as Record<string, unknown>);
    await ctx.audit('Role', role.id, role.name, before ? 'update' : 'create', diffRecords((before ?? null) as Record<string, unknown> | null, role as unknown as Record<string, unknown>));
    return role;
  });
}

// ---- settings ------------------------------------------------------------------------------

export async function updateSettings(s: Session, patch: Partial<CompanySettings>): Promise<CompanySettings> {
  s.require('Settings', 'admin');
  const forbidden = ['branchId', 'branchCode', 'baseCurrency'].filter((k) => k in patch);
  if (forbidden.length) throw new DomainError('error.setting_fixed', { fields: forbidden.join(', ') });
  if (patch.language && !(LANGUAGES as readonly string[]).includes(patch.language)) throw new DomainError('error.option_invalid', { value: patch.language, options: LANGUAGES.join(', ') }, 'language');
  return s.db.transaction('rw', ['meta', 'audit', 'outbox'], async (tx) => {
    const ctx = new TxContext(s.db, s, tx);
    const before = (await ctx.t('meta').get('company'))!.value as CompanySettings;
    const after = { ...before, ...patch };
    await ctx.t('meta').put({ key: 'company', value: after });
    await ctx.audit('Settings', s.company.id, after.name, 'settings', diffRecords(before, after));
    s.settings = after;
    return after;
  });
}

export async function deleteCompany(env: Env, companyId: string): Promise<void> {
  const info = await env.registry.companies.get(companyId);
  if (!info) return;
  await env.registry.companies.delete(companyId);
  const db = new CompanyDb(info.dbName);
  await db.delete();
}
