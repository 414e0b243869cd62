/**
 * Data check: runs every registered integrity check (shared/kernel/integrity.ts) and shows,
 * per check, "agrees" or the differences found (what, from the ledger, stored) with the check's
 * advice; a check that can rebuild its derived data offers "Rebuild from the ledger".
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { repairIntegrity, runIntegrityChecks, type IntegrityResult } from '../../shared/api';
import type { PageProps } from '../pages/registry';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function DataCheckPage(_: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [results, setResults] = useState<IntegrityResult[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const runAll = async () => {
    setBusy('all');
    setError(null);
    try {
      setResults(await runIntegrityChecks(session));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const repair = async (r: IntegrityResult) => {
    setBusy(r.id);
    setError(null);
    try {
      const after = await repairIntegrity(session, r.id);
      setResults((rs) => (rs ?? []).map((x) => (x.id === r.id ? after : x)));
      notify(after.ok ? 'success' : 'error', t('integrity.repaired', { check: t(r.labelKey), count: fmt.number(after.count) }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack data-testid="data-check-page">
      <Title order={3}>{t('integrity.page')}</Title>
      <Text size="sm" c="dimmed">{t('integrity.intro')}</Text>
      <Group>
        <Button onClick={() => void runAll()} loading={busy === 'all'} data-testid="integrity-run">{busy === 'all' ? t('integrity.running') : t('integrity.run')}</Button>
      </Group>
      {error && <Alert color="red" data-testid="integrity-error">{error}</Alert>}
      {!results && !busy && <Text size="sm" c="dimmed">{t('integrity.never')}</Text>}
      {results?.map((r) => (
        <Paper key={r.id} withBorder p="md" data-testid={`integrity-${r.id}`}>
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600}>{t(r.labelKey)}</Text>
              <Group gap="xs">
                <Text size="xs" c="dimmed">{fmt.number(r.ms)} ms</Text>
                <Badge color={r.ok ? 'teal' : 'red'} variant="light" data-testid={`integrity-status-${r.id}`}>{r.ok ? t('integrity.ok') : t('integrity.differences', { count: fmt.number(r.count) })}</Badge>
              </Group>
            </Group>
            {!r.ok && (
              <>
                <Alert color="orange">{t(r.adviceKey)}</Alert>
                <Table striped withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('integrity.col.key')}</Table.Th>
                      <Table.Th>{t('integrity.col.expected')}</Table.Th>
                      <Table.Th>{t('integrity.col.actual')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.findings.map((f) => (
                      <Table.Tr key={f.key}>
                        <Table.Td style={{ fontFamily: 'monospace' }}>{f.key}</Table.Td>
                        <Table.Td style={{ fontFamily: 'monospace' }}>{show(f.expected)}</Table.Td>
                        <Table.Td style={{ fontFamily: 'monospace' }}>{show(f.actual)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {r.count > r.findings.length && <Text size="xs" c="dimmed">{t('integrity.shown', { shown: fmt.number(r.findings.length), count: fmt.number(r.count) })}</Text>}
                {r.repairable && (
                  <Group>
                    <Button color="orange" variant="light" loading={busy === r.id} onClick={() => void repair(r)} data-testid={`integrity-repair-${r.id}`}>{t('integrity.repair')}</Button>
                  </Group>
                )}
              </>
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
