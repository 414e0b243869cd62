/**
 * Head-office sync settings: enrol this installation with a one-time code, then see the
 * connection (device, branch, scope), sync now, last sync / attempt and the last error.
 * Enrolling needs Settings admin (enrolDevice checks it too).
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Code, Group, Paper, Progress, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';
import { enrolDevice, httpTransport } from './engine';
import { etaSeconds, refreshSync, runSync, useSync } from './sync.store';
import { syncErrorText } from './errors';

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" data-testid={testId} style={{ wordBreak: 'break-all' }}>{value}</Text>
    </Stack>
  );
}

export function SyncSettingsPage() {
  const t = useT();
  const fmt = useFormat();
  const lang = useApp((s) => s.lang);
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const sync = useSync();
  const eta = sync.running && sync.progress ? etaSeconds(sync.progress, sync.phaseStart, Date.now()) : null;
  const [server, setServer] = useState('');
  const [code, setCode] = useState('');
  const [device, setDevice] = useState(`${session.settings.branchCode}-${session.deviceId.slice(-6)}`);
  const [enrolError, setEnrolError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    // a device that never synced (just joined or enrolled) starts its first sync right away
    void refreshSync(session)
      .then(async () => {
        const { config, status, running } = useSync.getState();
        if (config && status?.state === 'never' && !running) await syncNow();
      })
      .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  const enrol = async () => {
    setEnrolError(null);
    setServerError(null);
    const url = server.trim().replace(/\/+$/, '');
    if (!/^https?:\/\/\S+$/i.test(url)) return setServerError(t('syncui.enrol.server_invalid'));
    if (!code.trim()) return setEnrolError(t('error.required'));
    setBusy(true);
    try {
      await enrolDevice(session, httpTransport(url), { serverUrl: url, code: code.trim(), deviceName: device.trim() || session.deviceId });
      setCode('');
      notify('success', t('syncui.enrol.done'));
      await refreshSync(session);
      void syncNow();
    } catch (e) {
      setEnrolError(syncErrorText(lang, e));
    } finally {
      setBusy(false);
    }
  };

  const syncNow = async () => {
    setResult(null);
    try {
      const r = await runSync(session);
      const issues = useSync.getState().openConflicts;
      const text = issues > 0 ? t('syncui.result_issues', { pushed: r.pushed, pulled: r.pulled, issues }) : t('syncui.result', { pushed: r.pushed, pulled: r.pulled });
      setResult({ ok: true, text });
      notify('success', t('syncui.done'), text, { toast: false });
    } catch (e) {
      const text = syncErrorText(lang, e);
      setResult({ ok: false, text });
      notify('error', t('syncui.failed'), text, { toast: false });
    }
  };

  const cfg = sync.config;
  const st = sync.status;
  const canAdmin = session.can('Settings', 'admin');

  return (
    <Stack maw={760}>
      <Title order={3}>{t('syncui.page.settings')}</Title>
      <Paper withBorder p="md">
        <Field label={t('syncui.branch_id')} value={session.branchId} testId="sync-branch-id" />
        <Text size="xs" c="dimmed" mt={4}>{t('syncui.branch_id_hint')}</Text>
      </Paper>

      {sync.loaded && !cfg && (
        <Paper withBorder p="md">
          <form noValidate onSubmit={(e) => { e.preventDefault(); void enrol(); }} data-testid="sync-enrol-form">
            <Stack>
              <Title order={5}>{t('syncui.enrol.title')}</Title>
              {enrolError && <Alert color="red" icon={<IconAlertTriangle size={16} />} data-testid="sync-enrol-error">{enrolError}</Alert>}
              <TextInput name="serverUrl" label={t('syncui.enrol.server')} description={t('syncui.enrol.server_hint')} placeholder="https://" required value={server} error={serverError} onChange={(e) => setServer(e.currentTarget.value)} disabled={!canAdmin} />
              <TextInput name="code" label={t('syncui.enrol.code')} description={t('syncui.enrol.code_hint')} required value={code} onChange={(e) => setCode(e.currentTarget.value)} disabled={!canAdmin} autoComplete="off" />
              <TextInput name="deviceName" label={t('syncui.enrol.device')} value={device} onChange={(e) => setDevice(e.currentTarget.value)} disabled={!canAdmin} />
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={!canAdmin} data-testid="sync-enrol-submit">{t('syncui.enrol.submit')}</Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}

      {cfg && (
        <Paper withBorder p="md" data-testid="sync-enrolled">
          <Stack>
            <Title order={5}>{t('syncui.enrolled.title')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field label={t('syncui.enrolled.server')} value={cfg.serverUrl} testId="sync-server" />
              <Field label={t('syncui.enrolled.device')} value={cfg.deviceId} testId="sync-device-id" />
              <Field label={t('syncui.enrolled.branch')} value={`${cfg.branchCode} · ${cfg.branchId}`} testId="sync-branch" />
              <Field label={t('syncui.enrolled.scope')} value={t(`syncui.scope.${cfg.scope}`)} testId="sync-scope" />
              <Field label={t('syncui.enrolled.since')} value={fmt.dateTime(cfg.enrolledAt)} />
            </SimpleGrid>
          </Stack>
        </Paper>
      )}

      {cfg && (
        <Paper withBorder p="md">
          <Stack>
            <Group justify="space-between">
              <Button leftSection={<IconRefresh size={16} />} loading={sync.running} onClick={() => void syncNow()} data-testid="sync-now">{t('syncui.now')}</Button>
              {sync.running && <Badge variant="light" data-testid="sync-running">{t('syncui.running')}</Badge>}
            </Group>
            {sync.running && sync.progress && (
              <Stack gap={4} data-testid="sync-progress">
                <Text size="xs" c="dimmed">
                  {t(`syncui.progress.${sync.progress.phase}`, { done: fmt.number(sync.progress.done), total: fmt.number(sync.progress.total) })}
                  {eta !== null && <span data-testid="sync-eta">{' · '}{eta < 60 ? t('syncui.progress.eta_soon') : t('syncui.progress.eta_minutes', { minutes: fmt.number(Math.ceil(eta / 60)) })}</span>}
                </Text>
                <Progress value={sync.progress.total ? (100 * sync.progress.done) / sync.progress.total : 0} animated />
              </Stack>
            )}
            {result && <Alert color={result.ok ? 'teal' : 'red'} data-testid={result.ok ? 'sync-result' : 'sync-result-error'}>{result.text}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Field label={t('syncui.last_sync')} value={st?.lastSyncAt ? fmt.dateTime(st.lastSyncAt) : t('syncui.never')} testId="sync-last-sync" />
              <Field label={t('syncui.last_attempt')} value={st?.lastAttemptAt ? fmt.dateTime(st.lastAttemptAt) : t('syncui.never')} />
              <Field label={t('syncui.pending')} value={fmt.number(sync.waiting)} testId="sync-pending" />
            </SimpleGrid>
            {st?.state === 'error' && st.lastError && (
              <Alert color="orange" title={t('syncui.last_error')} data-testid="sync-last-error">
                {syncErrorText(lang, st.lastError)} <Code>{st.lastError.code}</Code>
              </Alert>
            )}
            {sync.openConflicts > 0 && (
              <Group>
                <Button variant="light" color="orange" onClick={() => navigate({ name: 'page', page: 'sync.inbox' })} data-testid="sync-open-inbox">
                  {t('syncui.open_inbox', { count: sync.openConflicts })}
                </Button>
              </Group>
            )}
            <Text size="xs" c="dimmed">{t('syncui.auto_hint')}</Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
