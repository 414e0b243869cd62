/**
 * Joining a company from head office: a new installation at a branch (or a second HQ desk)
 * does not invent its own company. The HQ administrator registered the company (name, base
 * currency, chart template) and the branch on the server and issued a one-time code; this
 * installation:
 *
 *  1. looks the code up WITHOUT using it (`checkCode`): which company, which branch, whether
 *     HQ has set the currency and template, whether the company is already on this computer;
 *  2. checks the local administrator's user name and password, so a typo does not burn a code;
 *  3. enrols (uses the code, receives the device credential);
 *  4. creates the local company with HQ's company id, HQ's branch id and code, HQ's currency
 *     and template. Template records of head-office tables get the same ids HQ's have (seedId)
 *     and are never pushed; HQ's versions replace them at the first pull;
 *  5. stores the credential. The first sync (resumable pages, progress on the Sync page) then
 *     brings head-office data and, for an all-branches device, every branch's documents.
 *
 * Users are not replicated (each installation has its own logins); the local administrator
 * made here adds the others.
 */
import { DomainError } from '../kernel/errors';
import { createCompany, validateCompanyInput, type CreateCompanyInput, type Env } from '../kernel/company.service';
import type { Session } from '../kernel/session';
import { validateEnrolCheckResponse, validateEnrolResponse, type EnrolCheckResponse } from './protocol';
import { saveEnrolment, seriesCode, type SyncConfig, type SyncTransport } from './client';

export interface JoinInput {
  serverUrl: string;
  code: string;
  deviceName: string;
  language: string;
  admin: { username: string; displayName?: string; password: string };
}

export type JoinCheck = EnrolCheckResponse & { alreadyHere: boolean };

/** What the code would join, for the user to confirm; nothing is used or stored. */
export async function checkJoinCode(env: Env, transport: SyncTransport, code: string): Promise<JoinCheck> {
  if (!transport.checkCode) throw new DomainError('sync.server_too_old');
  const info = validateEnrolCheckResponse(await transport.checkCode({ code }));
  return { ...info, alreadyHere: !!(await env.registry.companies.get(info.companyId)) };
}

function companyInput(info: EnrolCheckResponse, input: JoinInput): CreateCompanyInput {
  if (!info.baseCurrency || !info.template) throw new DomainError('sync.company_setup_missing');
  return {
    name: info.companyName ?? info.branchCode,
    baseCurrency: info.baseCurrency,
    template: info.template,
    country: info.country ?? '',
    language: input.language,
    branchCode: info.branchCode,
    branchName: info.branchName || info.branchCode,
    companyId: info.companyId,
    branchId: info.branchId,
    hqManaged: info.scope === 'branch',
    ...(seriesCode(info.branchCode, info.deviceNo) ? { seriesCode: seriesCode(info.branchCode, info.deviceNo) } : {}),
    admin: input.admin,
  };
}

/** Join: returns the administrator's session of the new local company, enrolled and ready to sync. */
export async function joinCompany(env: Env, transport: SyncTransport, input: JoinInput): Promise<{ session: Session; config: SyncConfig }> {
  const info = await checkJoinCode(env, transport, input.code);
  if (info.alreadyHere) throw new DomainError('error.company_exists', { name: info.companyName ?? info.companyId });
  validateCompanyInput(companyInput(info, input));
  const res = validateEnrolResponse(await transport.enrol({ code: input.code, deviceName: input.deviceName }));
  const session = await createCompany(env, companyInput({ ...res, expiresAt: info.expiresAt }, input));
  const config: SyncConfig = { serverUrl: input.serverUrl, token: res.token, deviceId: res.deviceId, companyId: res.companyId, branchId: res.branchId, branchCode: res.branchCode, scope: res.scope, enrolledAt: session.now().toISOString(), ...(session.settings.seriesCode ? { seriesCode: session.settings.seriesCode } : {}) };
  await saveEnrolment(session, config, input.serverUrl);
  return { session, config };
}
