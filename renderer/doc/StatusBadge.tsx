/** Coloured badge of a document's lifecycle status (draft / submitted / cancelled / active). */
import { Badge } from '@mantine/core';
import { useT } from '../i18n/use-t';

const COLORS: Record<string, string> = { draft: 'gray', submitted: 'blue', cancelled: 'red', active: 'green' };

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const t = useT();
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light" data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
