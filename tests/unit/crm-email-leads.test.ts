/**
 * Leads from pasted e-mail addresses: the pure parser on real-world pastes (address lists,
 * mail headers, signatures, mailto: links, Chinese names, encoded words), then the services:
 * preview flags addresses that exist, create goes through the import path (assignment rules,
 * all or nothing) and skips what exists unless told otherwise.
 */
import { describe, it, expect } from 'vitest';
import { parseEmailLeads, companyFromDomain, nameFromLocalPart, isFreeMailDomain, cleanDisplayName, decodeEncodedWords, normalizeAddress } from '../../shared/crm/email-leads';
import { previewEmailLeads, createEmailLeads } from '../../shared/crm';
import { createDoc, createUser, login, saveRole, countDocs, getDoc, listAudit } from '../../shared/api';
import { newCompany } from '../fixtures/company';

type Row = [email: string, leadName: string, companyName: string, nameFrom?: string];
const drafts = (text: string) => parseEmailLeads(text).drafts.map((d): Row => [d.email, d.leadName, d.companyName, d.nameFrom]);

describe('parseEmailLeads: one draft per distinct address', () => {
  it.each<[string, string, Row[]]>([
    [
      'the issue example: quoted Chinese name, name <addr>, bare address, , and ; separators',
      '"张伟" <zhang.wei@acme.cn>, Bob Smith <bob@example.com>; carol@foo.org',
      [['zhang.wei@acme.cn', '张伟', 'Acme', 'display'], ['bob@example.com', 'Bob Smith', 'Example', 'display'], ['carol@foo.org', 'Carol', 'Foo', 'local_part']],
    ],
    [
      'a quoted display name holding a comma (Outlook "Last, First")',
      '"Smith, Bob" <bob.smith@acme-tools.com>, "Acme, Inc." <sales@acme.com>',
      [['bob.smith@acme-tools.com', 'Bob Smith', 'Acme Tools', 'display'], ['sales@acme.com', 'Acme, Inc.', 'Acme', 'display']],
    ],
    [
      'mail headers with labels, folded lines and an encoded Chinese name',
      'From: =?UTF-8?B?5byg5Lyf?= <zhang.wei@hengda.com.cn>\nTo: "Li, Na" <li.na@mail.jinling.com.cn>,\n Wang Fang <wangfang@163.com>\nCc: 陈静 <chenjing@qq.com>\nDate: Mon, 3 Mar 2026 10:00:00 +0800\nSubject: Re: 报价',
      [
        ['zhang.wei@hengda.com.cn', '张伟', 'Hengda', 'display'],
        ['li.na@mail.jinling.com.cn', 'Na Li', 'Jinling', 'display'],
        ['wangfang@163.com', 'Wang Fang', '', 'display'],
        ['chenjing@qq.com', '陈静', '', 'display'],
      ],
    ],
    [
      'a Chinese header block with full-width colon and separators',
      '发件人：刘洋 <liu.yang@chayu.cn>；抄送：周杰 <zhoujie@126.com>，吴敏<wumin@foxmail.com>',
      [['liu.yang@chayu.cn', '刘洋', 'Chayu', 'display'], ['zhoujie@126.com', '周杰', '', 'display'], ['wumin@foxmail.com', '吴敏', '', 'display']],
    ],
    [
      'a signature: the name is guessed from the address, not from nearby words',
      'Best regards,\nBob Smith | Sales Director\nAcme Ltd.\nTel: +86 21 5555 0101\nE-mail: bob.smith@acme.co.uk\nWeb: www.acme.co.uk',
      [['bob.smith@acme.co.uk', 'Bob Smith', 'Acme', 'local_part']],
    ],
    [
      'mailto: links, in brackets and with a query',
      '<mailto:j.doe@contoso.com>, mailto:sales.team@contoso.com?subject=Quote',
      [['j.doe@contoso.com', 'J. Doe', 'Contoso', 'local_part'], ['sales.team@contoso.com', 'sales.team@contoso.com', 'Contoso', 'address']],
    ],
    [
      'duplicates: case, gmail dots and +tags are one address; the named occurrence wins',
      'bobsmith@gmail.com\nBob.Smith+news@GMail.com\n"Bob S." <bob.smith@gmail.com>\nBOB@EXAMPLE.COM, bob@example.com',
      [['bobsmith@gmail.com', 'Bob S.', '', 'display'], ['bob@example.com', 'Bob', 'Example', 'local_part']],
    ],
    [
      'QQ numbers and role mailboxes keep the address as a placeholder name',
      '12345678@qq.com; info@hengda-trading.cn; kefu@jd.com',
      [['12345678@qq.com', '12345678@qq.com', '', 'address'], ['info@hengda-trading.cn', 'info@hengda-trading.cn', 'Hengda Trading', 'address'], ['kefu@jd.com', 'kefu@jd.com', 'Jd', 'address']],
    ],
    [
      'old-style comments and Outlook\'s Name (address)',
      'carol@foo.org (Carol King)\nDavid Lee (david.lee@bar.com.hk)',
      [['carol@foo.org', 'Carol King', 'Foo', 'display'], ['david.lee@bar.com.hk', 'David Lee', 'Bar', 'display']],
    ],
    [
      'a spreadsheet column and prose with trailing punctuation',
      'Email\nzhao.lei2024@sina.com\nPlease write to huang_min@jinling.org.\n（联系邮箱：tang.li@chayu.cn）',
      [['zhao.lei2024@sina.com', 'Zhao Lei', '', 'local_part'], ['huang_min@jinling.org', 'Huang Min', 'Jinling', 'local_part'], ['tang.li@chayu.cn', 'Tang Li', 'Chayu', 'local_part']],
    ],
    [
      'two name <address> pairs on one line without a separator, and escaped quotes',
      'Bob <bob@x-corp.com> "Ann \\"AJ\\" Jones" <ann@y-corp.com>',
      [['bob@x-corp.com', 'Bob', 'X Corp', 'display'], ['ann@y-corp.com', 'Ann "AJ" Jones', 'Y Corp', 'display']],
    ],
    ['nothing at all', 'Date: Mon, 3 Mar 2026\nSubject: hello', []],
  ])('%s', (_, text, want) => expect(drafts(text)).toEqual(want));

  it('lists what it could not understand, and sets machine mailboxes aside', () => {
    const r = parseEmailLeads('bob@localhost, carol@@foo.org; <not-an-address@>, x@y\nok@fine.com, noreply@github.com, MAILER-DAEMON@mx.acme.cn; @channel');
    expect(r.drafts.map((d) => d.email)).toEqual(['ok@fine.com']);
    expect(r.invalid).toEqual(['bob@localhost', 'carol@@foo.org', 'not-an-address@', 'x@y']);
    expect(r.automated).toEqual(['noreply@github.com', 'mailer-daemon@mx.acme.cn']);
  });

  it('one unclosed quote does not swallow the next lines', () => {
    expect(drafts('"Bob <bob@a-co.com>\nann@b-co.com').map((d) => d[0])).toEqual(['bob@a-co.com', 'ann@b-co.com']);
  });
});

describe('the pieces', () => {
  it.each([
    ['acme.cn', 'Acme'],
    ['mail.acme.com.cn', 'Acme'],
    ['hengda-trading.com', 'Hengda Trading'],
    ['acme.co.uk', 'Acme'],
    ['gmail.com', ''],
    ['qq.com', ''],
    ['vip.qq.com', ''],
    ['163.com', ''],
    ['126.com', ''],
    ['outlook.com', ''],
    ['hotmail.co.uk', ''],
    ['yahoo.com.hk', ''],
    ['sina.com', ''],
    ['foxmail.com', ''],
    ['xn--fiqs8s.cn', ''],
  ])('company from %s: %s', (domain, company) => expect(companyFromDomain(domain)).toBe(company));

  it.each([
    ['bob.smith', 'Bob Smith'],
    ['bob_smith', 'Bob Smith'],
    ['bob-smith+crm', 'Bob Smith'],
    ['zhang.wei88', 'Zhang Wei'],
    ['j.smith', 'J. Smith'],
    ['zhangwei', 'Zhangwei'],
    ['info', ''],
    ['sales01', ''],
    ['12345678', ''],
  ])('name from %s: %s', (local, name) => expect(nameFromLocalPart(local)).toBe(name));

  it('display names, encoded words and addresses', () => {
    expect(cleanDisplayName('"Smith, Bob"')).toBe('Bob Smith');
    expect(cleanDisplayName("'Bob Smith'")).toBe('Bob Smith');
    expect(cleanDisplayName('"bob@example.com"')).toBe('');
    expect(cleanDisplayName('  "---" ')).toBe('');
    expect(decodeEncodedWords('=?gb2312?B?1cXOsA==?=')).toBe('张伟');
    expect(decodeEncodedWords('=?UTF-8?Q?Jos=C3=A9_Garc=C3=ADa?=')).toBe('José García');
    expect(decodeEncodedWords('=?UTF-8?B?5byg?= =?UTF-8?B?5Lyf?=')).toBe('张伟');
    expect(decodeEncodedWords('=?x-unknown?B?5byg?=')).toBe('=?x-unknown?B?5byg?=');
    expect(normalizeAddress('  MAILTO:Bob@Example.COM?subject=x ')).toBe('bob@example.com');
    expect(normalizeAddress('bob..smith@example.com')).toBe('');
    expect(normalizeAddress('bob@-example.com')).toBe('');
    expect(isFreeMailDomain('outlook.de')).toBe(true);
    expect(isFreeMailDomain('acme.cn')).toBe(false);
  });
});

async function team() {
  const { env, s: admin } = await newCompany();
  await createUser(admin, { username: 'lily', password: 'sales-pass-1', roleIds: ['role-sales'] }, 1000);
  const lily = await login(env, admin.company.id, 'lily', 'sales-pass-1');
  return { env, admin, lily };
}

describe('previewEmailLeads / createEmailLeads', () => {
  it('flags addresses that exist as a lead, customer or contact; creates the rest through the rules', async () => {
    const { admin, lily } = await team();
    await createDoc(admin, 'AssignmentRule', { ruleName: 'Mail', matchSource: 'email', reps: [{ user: lily.user.id }] });
    const cust = await createDoc(admin, 'Customer', { customerName: 'Hengda', email: 'info@hengda.com.cn' });
    await createDoc(admin, 'Contact', { contactName: 'Li Na', email: 'Li.Na@jinling.cn', customer: cust.id });
    await createDoc(admin, 'Lead', { leadName: 'Bob', email: 'bobsmith@gmail.com' });
    const text = '"张伟" <zhang.wei@acme.cn>, li.na@jinling.cn; Bob <bob.smith@gmail.com>\ninfo@hengda.com.cn\nnoreply@x.com, bad@@x';
    const p = await previewEmailLeads(lily, text);
    expect(p.rows.map((r) => [r.email, r.duplicates.map((d) => d.docType)])).toEqual([
      ['zhang.wei@acme.cn', []],
      ['li.na@jinling.cn', ['Contact']],
      ['bob.smith@gmail.com', ['Lead']],
      ['info@hengda.com.cn', ['Customer']],
    ]);
    expect(p.invalid).toEqual(['bad@@x']);
    expect(p.automated).toEqual(['noreply@x.com']);
    expect(await countDocs(admin, 'Lead')).toBe(1); // the preview wrote nothing

    const before = await countDocs(admin, 'Lead');
    const r = await createEmailLeads(lily, [
      ...p.rows.map((x) => ({ email: x.email, leadName: x.leadName, companyName: x.companyName })),
      { email: 'Li.Na@jinling.cn', leadName: 'Li Na', allowDuplicate: true },
      { email: 'ZHANG.WEI@acme.cn', leadName: 'again' },
    ]);
    expect(r.ok).toBe(true);
    // the existing ones are skipped, unless the user ticked "create anyway" (Li Na); a repeat is skipped
    expect(r.created.map((l) => [l.leadName, l.companyName, l.email, l.source, l.owner])).toEqual([
      ['张伟', 'Acme', 'zhang.wei@acme.cn', 'email', lily.user.id],
      ['Li Na', '', 'li.na@jinling.cn', 'email', lily.user.id],
    ]);
    expect(r.skipped.map((x) => [x.email, x.reason])).toEqual([
      ['li.na@jinling.cn', 'exists'],
      ['bob.smith@gmail.com', 'exists'],
      ['info@hengda.com.cn', 'exists'],
      ['zhang.wei@acme.cn', 'repeated'],
    ]);
    expect(await countDocs(admin, 'Lead')).toBe(before + 2);
    const audit = await listAudit(admin, { docType: 'Lead', docId: r.created[0].id });
    expect(audit.rows[0].action).toBe('import');
    expect((await getDoc(admin, 'Lead', r.created[1].id)).source).toBe('email');

    // a dry run checks and writes nothing
    const dry = await createEmailLeads(lily, [{ email: 'new@gamma.cn', leadName: 'New' }], { dryRun: true });
    expect(dry).toMatchObject({ ok: true, created: [] });
    expect(await countDocs(admin, 'Lead')).toBe(before + 2);
  });

  it('all or nothing: one bad row (edited to an invalid name) writes nothing and is named by its input row', async () => {
    const { admin } = await team();
    const r = await createEmailLeads(admin, [
      { email: 'a@alpha.cn', leadName: 'A' },
      { email: 'b@beta.cn', leadName: '' },
      { email: 'not an address', leadName: 'C' },
    ]);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.row, i.field, i.code])).toEqual([[2, 'email', 'error.email_invalid']]);
    const r2 = await createEmailLeads(admin, [{ email: 'a@alpha.cn', leadName: 'A' }, { email: 'b@beta.cn', leadName: ' ' }]);
    expect(r2.issues.map((i) => [i.row, i.field, i.code])).toEqual([[1, 'leadName', 'error.required']]);
    expect(await countDocs(admin, 'Lead')).toBe(0);
  });

  it('needs the right to create leads', async () => {
    const { env, s: admin } = await newCompany();
    const role = await saveRole(admin, null, { name: 'Read only', moduleRights: { crm: ['read'] }, docRights: {} });
    await createUser(admin, { username: 'ro', password: 'read-only-1', roleIds: [role.id] }, 1000);
    const ro = await login(env, admin.company.id, 'ro', 'read-only-1');
    await expect(previewEmailLeads(ro, 'a@alpha.cn')).rejects.toMatchObject({ code: 'error.forbidden' });
    await expect(createEmailLeads(ro, [{ email: 'a@alpha.cn', leadName: 'A' }])).rejects.toMatchObject({ code: 'error.forbidden' });
  });
});
