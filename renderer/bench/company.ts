/** A fresh company per scenario, created through the public API (a fast PBKDF2 for setup only). */
import { openEnv, createCompany, type Session } from '../../shared/api';

export async function benchCompany(tag: string, template = 'cn-small-enterprise'): Promise<Session> {
  const env = await openEnv({ registryName: `bench-registry-${tag}`, pbkdf2Iterations: 1000 });
  return createCompany(env, { name: `Bench ${tag}`, baseCurrency: 'CNY', country: 'CN', template, language: 'en', branchCode: 'HQ', branchName: 'Head office', admin: { username: 'admin', password: 'bench-pass-1' } });
}
