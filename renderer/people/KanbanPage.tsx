/**
 * Task board: three columns (to do, in progress, done) of the open tasks, moved with buttons
 * (keyboard-accessible, no drag library), and "who is working on what" beside it.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { listDocs, type BaseRecord } from '../../shared/api';
import { moveTask, TASK_STATES, whoIsWorkingOnWhat, type TaskState, type WorkingOn } from '../../shared/people/index';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';

export function KanbanPage() {
  const t = useT();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [tasks, setTasks] = useState<BaseRecord[]>([]);
  const [who, setWho] = useState<WorkingOn[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const rows: BaseRecord[] = [];
      for (const st of TASK_STATES) rows.push(...(await listDocs(session, 'Task', { filters: { taskState: st }, sort: 'taskState', limit: 200 })).rows);
      setTasks(rows);
      setWho(await whoIsWorkingOnWhat(session));
    } catch (e) {
      setError(errorText(e));
    }
  }, [session, errorText]);
  useEffect(() => void load(), [load]);
  const move = async (task: BaseRecord, to: TaskState) => {
    try {
      await moveTask(session, task.id, to);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Stack>
      <Title order={3}>{t('people.page.kanban')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      <SimpleGrid cols={4}>
        {TASK_STATES.map((st, i) => (
          <Stack key={st} gap="xs" data-testid={`kanban-${st}`}>
            <Text fw={600}>{t(`option.${st}`)}</Text>
            {tasks.filter((x) => x.taskState === st).map((task) => (
              <Card key={task.id} withBorder padding="xs">
                <Text size="sm">{String(task.subject)}</Text>
                <Group gap={4} mt={4}>
                  {i > 0 && <Button size="compact-xs" variant="subtle" onClick={() => move(task, TASK_STATES[i - 1])}>←</Button>}
                  {i < TASK_STATES.length - 1 && <Button size="compact-xs" variant="subtle" onClick={() => move(task, TASK_STATES[i + 1])}>→</Button>}
                </Group>
              </Card>
            ))}
          </Stack>
        ))}
        <Stack gap="xs">
          <Text fw={600}>{t('people.working_on')}</Text>
          {who.map((w) => (
            <Card key={w.employee} withBorder padding="xs">
              <Group justify="space-between"><Text size="sm" fw={500}>{w.name}</Text><Badge variant="light">{t('people.hours_week', { hours: w.hoursThisWeek })}</Badge></Group>
              {w.tasks.map((x) => <Text key={x.id} size="xs">{x.subject}</Text>)}
            </Card>
          ))}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
