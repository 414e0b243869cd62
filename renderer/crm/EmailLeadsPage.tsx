/**
 * Leads from e-mail addresses: the user pastes text (an address list, mail headers, a
 * signature), previewEmailLeads drafts one lead per distinct address and flags the ones a lead,
 * customer or contact already has; the user ticks, edits names and companies, and confirms;
 * createEmailLeads creates them (source email, assignment rules, all or nothing) and skips any
 * address that became known meanwhile unless it was ticked knowingly.
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { issueMessage } from '../../shared/api';
import { createEmailLeads, previewEmailLeads, type EmailLeadPreview } from '../../shared/crm';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';

interface Draft {
  pick: boolean;
  leadName: string;
  companyName: string;
}

export function EmailLeadsPage() {
  const t = useT();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const lang = useApp((s) => s.lang);
  const navigate = useApp((s) => s.navigate);
  const [text, setText] = useState('');
  const [campaign, setCampaign] = useState('');
  const [preview, setPreview] = useState<EmailLeadPreview | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [result, setResult] = useState<{ created: { id: string; number: string }[]; skipped: string[] } | null>(null);

  const find = async () => {
    setError(null);
    setProblems([]);
    setResult(null);
    setBusy(true);
    try {
      const p = await previewEmailLeads(session, text);
      setPreview(p);
      // new addresses are ticked; known ones only if the user decides so
      setDrafts(p.rows.map((r) => ({ pick: r.duplicates.length === 0, leadName: r.leadName, companyName: r.companyName })));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const edit = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const picked = drafts.filter((d) => d.pick).length;

  const create = async () => {
    if (!preview) return;
    setError(null);
    setProblems([]);
    setBusy(true);
    const chosen = preview.rows.map((r, i) => ({ r, d: drafts[i], i })).filter((x) => x.d.pick);
    try {
      const res = await createEmailLeads(
        session,
        chosen.map(({ r, d }) => ({ email: r.email, leadName: d.leadName, companyName: d.companyName, allowDuplicate: r.duplicates.length > 0 })),
        { campaign },
      );
      if (!res.ok) {
        setProblems(res.issues.map((x) => t('crm.email_row_problem', { email: chosen[x.row]?.r.email ?? '', problem: issueMessage(lang, x) })));
        return;
      }
      setResult({ created: res.created.map((l) => ({ id: l.id, number: l.number })), skipped: res.skipped.map((s) => s.email) });
      setPreview(null);
      setDrafts([]);
      setText('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const known = preview?.rows.filter((r) => r.duplicates.length > 0).length ?? 0;

  return (
    <Stack maw={1100}>
      <Title order={3}>{t('crm.page.email_leads')}</Title>
      <Text size="sm" c="dimmed">
        {t('crm.email_hint')}
      </Text>
      <Textarea
        label={t('crm.email_text')}
        autosize
        minRows={5}
        maxRows={14}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        placeholder={'"张伟" <zhang.wei@acme.cn>, Bob Smith <bob@example.com>; carol@foo.org'}
        data-testid="crm-email-text"
      />
      <Group align="flex-end">
        <TextInput label={t('field.Lead.campaign')} value={campaign} onChange={(e) => setCampaign(e.currentTarget.value)} w={260} data-testid="crm-email-campaign" />
        <Button onClick={() => void find()} loading={busy && !preview} disabled={!text.trim()} data-testid="crm-email-parse">
          {t('crm.email_parse')}
        </Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {result && (
        <Alert color="green" data-testid="crm-email-result">
          <Text size="sm">
            {t('crm.email_created', { count: result.created.length })}{' '}
            {result.created.map((l, i) => (
              <span key={l.id}>
                {i > 0 && ', '}
                <Anchor component="button" size="sm" onClick={() => navigate({ name: 'page', page: 'crm.leads', params: { id: l.id } })}>
                  {l.number}
                </Anchor>
              </span>
            ))}
          </Text>
          {result.skipped.length > 0 && <Text size="sm">{t('crm.email_skipped', { count: result.skipped.length, list: result.skipped.join(', ') })}</Text>}
        </Alert>
      )}
      {preview && (
        <>
          {preview.invalid.length > 0 && (
            <Alert color="yellow" data-testid="crm-email-invalid">
              {t('crm.email_invalid', { list: preview.invalid.join(', ') })}
            </Alert>
          )}
          {preview.automated.length > 0 && (
            <Text size="sm" c="dimmed" data-testid="crm-email-automated">
              {t('crm.email_automated', { list: preview.automated.join(', ') })}
            </Text>
          )}
          <Text size="sm" data-testid="crm-email-summary">
            {preview.rows.length ? t('crm.email_found', { count: preview.rows.length, existing: known }) : t('crm.email_none')}
          </Text>
          {problems.map((p, i) => (
            <Alert key={i} color="red" data-testid="crm-email-problem">
              {p}
            </Alert>
          ))}
          {preview.rows.length > 0 && (
            <Table withTableBorder fz="sm" data-testid="crm-email-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{t('crm.email_create_col')}</Table.Th>
                  <Table.Th>{t('field.Lead.email')}</Table.Th>
                  <Table.Th>{t('field.Lead.leadName')}</Table.Th>
                  <Table.Th>{t('field.Lead.companyName')}</Table.Th>
                  <Table.Th>{t('crm.email_status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((r, i) => {
                  const d = drafts[i];
                  return (
                    <Table.Tr key={r.email} data-testid={`crm-email-row-${i}`}>
                      <Table.Td>
                        <Checkbox checked={d.pick} onChange={(e) => edit(i, { pick: e.currentTarget.checked })} aria-label={t('crm.email_create_col')} data-testid={`crm-email-pick-${i}`} />
                      </Table.Td>
                      <Table.Td>{r.email}</Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          value={d.leadName}
                          onChange={(e) => edit(i, { leadName: e.currentTarget.value })}
                          aria-label={t('field.Lead.leadName')}
                          description={r.nameFrom === 'local_part' ? t('crm.email_name_guessed') : r.nameFrom === 'address' ? t('crm.email_name_missing') : undefined}
                          data-testid={`crm-email-name-${i}`}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          value={d.companyName}
                          onChange={(e) => edit(i, { companyName: e.currentTarget.value })}
                          aria-label={t('field.Lead.companyName')}
                          description={r.freeMail ? t('crm.email_free_mail') : undefined}
                          data-testid={`crm-email-company-${i}`}
                        />
                      </Table.Td>
                      <Table.Td data-testid={`crm-email-status-${i}`}>
                        {r.duplicates.length === 0 ? (
                          <Badge color="green" variant="light">
                            {t('crm.email_new')}
                          </Badge>
                        ) : (
                          <Stack gap={2}>
                            <Badge color="orange" variant="light">
                              {t('crm.email_known')}
                            </Badge>
                            <Text size="xs">{t('crm.email_exists', { list: r.duplicates.map((x) => `${t(`doctype.${x.docType}`)} ${x.number} ${x.title}`).join('; ') })}</Text>
                            <Text size="xs" c="dimmed">
                              {t('crm.email_exists_hint')}
                            </Text>
                          </Stack>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {preview.rows.length > 0 && (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPreview(null)}>
                {t('doc.close')}
              </Button>
              <Button onClick={() => void create()} loading={busy} disabled={picked === 0} data-testid="crm-email-create">
                {t('crm.email_create', { count: picked })}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
