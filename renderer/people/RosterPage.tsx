/**
 * Weekly roster grid of the branch: rows are employees, columns the seven days. A cell cycles
 * through the shift types on click, or takes a shift by keyboard (its code's first letter,
 * 0 or Delete for off; arrow keys move). Approved leave under an assigned shift is shown red.
 * "Copy last week" fills the empty cells of this week from the previous one. Leave is labelled
 * in its cells (approved or pending); "Go to date" jumps to any week (also `params.date`).
 */
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { addDays, copyRosterWeek, rosterWeek, setRosterCells, type RosterWeek } from '../../shared/people/index';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import type { PageProps } from '../pages/registry';

export function RosterPage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [date, setDate] = useState(params?.date ?? session.localDate());
  const [week, setWeek] = useState<RosterWeek | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => rosterWeek(session, date).then(setWeek, (e) => setError(errorText(e))), [session, date, errorText]);
  useEffect(() => void load(), [load]);
  if (!week) return error ? <Alert color="red">{error}</Alert> : null;

  const set = async (employee: string, day: string, shiftType: string) => {
    setError(null);
    try {
      await setRosterCells(session, [{ employee, date: day, shiftType }]);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const cycle = (employee: string, day: string) => {
    const cur = week.cells[`${employee}|${day}`] ?? '';
    const ids = ['', ...week.shiftTypes.map((s) => s.id)];
    return set(employee, day, ids[(ids.indexOf(cur) + 1) % ids.length]);
  };
  const onKey = (e: KeyboardEvent<HTMLTableCellElement>, employee: string, day: string, r: number, c: number) => {
    const move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
    if (move) {
      (document.querySelector(`[data-cell="${r + move[0]}-${c + move[1]}"]`) as HTMLElement | null)?.focus();
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') return void cycle(employee, day);
    if (e.key === '0' || e.key === 'Delete' || e.key === 'Backspace') return void set(employee, day, '');
    const st = week.shiftTypes.find((s) => s.code.toLowerCase().startsWith(e.key.toLowerCase()));
    if (st) void set(employee, day, st.id);
  };
  const code = (id: string | undefined) => week.shiftTypes.find((s) => s.id === id)?.code ?? '';

  return (
    <Stack>
      <Title order={3}>{t('people.page.roster')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      {notice && <Alert color="green">{notice}</Alert>}
      <Group>
        <Button variant="default" onClick={() => setDate(addDays(week.weekStart, -7))}>{t('people.prev_week')}</Button>
        <Text fw={600}>{t('people.week_of', { date: fmt.date(week.weekStart) })}</Text>
        <Button variant="default" onClick={() => setDate(addDays(week.weekStart, 7))}>{t('people.next_week')}</Button>
        <Button onClick={async () => {
          try {
            const n = await copyRosterWeek(session, addDays(week.weekStart, -7), week.weekStart);
            setNotice(t('people.copied', { count: n }));
            await load();
          } catch (e) {
            setError(errorText(e));
          }
        }} data-testid="roster-copy">{t('people.copy_last_week')}</Button>
        <TextInput type="date" aria-label={t('people.go_to_date')} title={t('people.go_to_date')} value={date} w={160} data-testid="roster-date"
          onChange={(e) => { if (e.currentTarget.value) setDate(e.currentTarget.value); }} />
      </Group>
      <Table withColumnBorders data-testid="roster-grid">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('people.employee')}</Table.Th>
            {week.days.map((d) => <Table.Th key={d}>{fmt.date(d)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {week.employees.map((e, r) => (
            <Table.Tr key={e.id}>
              <Table.Td>{e.name}</Table.Td>
              {week.days.map((d, c) => {
                const k = `${e.id}|${d}`;
                const leave = week.leave[k];
                const conflict = leave === 'leave_approved' && !!week.cells[k];
                return (
                  <Table.Td key={d} tabIndex={0} data-cell={`${r}-${c}`} data-testid={`roster-${e.number}-${d}`} data-leave={leave}
                    title={conflict ? t('people.leave_conflict') : undefined}
                    style={{ cursor: 'pointer', background: conflict ? 'var(--mantine-color-red-1)' : leave ? 'var(--mantine-color-yellow-0)' : undefined }}
                    onClick={() => cycle(e.id, d)} onKeyDown={(ev) => onKey(ev, e.id, d, r, c)}>
                    <Group gap={4} wrap="nowrap">
                      {code(week.cells[k]) ? <Text size="sm" fw={500}>{code(week.cells[k])}</Text> : !leave && <Text c="dimmed" size="xs">{t('people.off')}</Text>}
                      {leave && <Badge size="xs" variant="light" color={leave === 'leave_approved' ? (conflict ? 'red' : 'orange') : 'yellow'}>{t(leave === 'leave_approved' ? 'people.on_leave' : 'people.leave_pending')}</Badge>}
                    </Group>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
