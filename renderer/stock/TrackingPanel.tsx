/**
 * Under a stock entry's or stock count's form: what batches and serial numbers do on this kind of
 * document (the rules the submit applies, in words), and each batch / serial of the lines as a
 * link to the Serial / batch trace page.
 */
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { parseSerials } from '../../shared/stock';
import type { FormPanelProps } from '../doc/form-panels';
import { useApp } from '../state/app.store';
import { useT } from '../i18n/use-t';

/** Links shown at most (a line may list hundreds of serials). */
const MAX_LINKS = 30;

export function TrackingPanel({ docType, rec }: FormPanelProps) {
  const t = useT();
  const navigate = useApp((s) => s.navigate);
  const lines = (rec.items as Record<string, unknown>[] | undefined) ?? [];
  const numbers = [...new Set(lines.flatMap((l) => [String(l.batch ?? '').trim(), ...parseSerials(l.serials)]).filter(Boolean))];
  return (
    <Paper withBorder p="md" data-testid="tracking-panel">
      <Stack gap="xs">
        <Title order={5}>{t('stock.tracking.title')}</Title>
        <Text size="sm" c="dimmed">{t(docType === 'StockCount' ? 'stock.tracking.count_hint' : 'stock.tracking.entry_hint')}</Text>
        {numbers.length > 0 && (
          <Group gap="xs">
            <Text size="sm">{t('stock.trace.open')}:</Text>
            {numbers.slice(0, MAX_LINKS).map((n) => (
              <Anchor key={n} size="sm" onClick={() => navigate({ name: 'page', page: 'stock.trace', params: { q: n } })}>{n}</Anchor>
            ))}
            {numbers.length > MAX_LINKS && <Text size="sm" c="dimmed">…</Text>}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
