/** Title, a status filter and Refresh: the head of the sync inbox and the change requests. */
import { Button, Group, SegmentedControl, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useT } from '../i18n/use-t';

export function FilteredListHeader<F extends string>(p: { title: string; value: F; options: readonly NoInfer<F>[]; labelPrefix: string; onChange(v: NoInfer<F>): void; onRefresh(): void; testId: string }) {
  const t = useT();
  return (
    <Group justify="space-between">
      <Title order={3}>{p.title}</Title>
      <Group>
        <SegmentedControl value={p.value} onChange={(v) => p.onChange(v as F)} data={p.options.map((f) => ({ value: f, label: t(`${p.labelPrefix}${f}`) }))} data-testid={`${p.testId}-filter`} />
        <Button variant="default" leftSection={<IconRefresh size={14} />} onClick={p.onRefresh} data-testid={`${p.testId}-refresh`}>{t('syncui.inbox.refresh')}</Button>
      </Group>
    </Group>
  );
}
