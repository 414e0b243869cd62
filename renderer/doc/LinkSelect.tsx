/**
 * A link field: a searchable Select over the target document type. Typing queries listDocs with
 * `search` (the lower-cased token index; debounced, 20 hits), options show the target's title
 * with its number; the stored value is the target's id, its title comes from linkTitles.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { findDocType, linkTitles, listDocs } from '../../shared/api';
import { useApp } from '../state/app.store';
import { safeThumb, useThumbs } from './record-thumbs';

interface Option {
  value: string;
  label: string;
  number: string;
}

export interface LinkSelectProps {
  target: string;
  name: string;
  value: string;
  onChange(v: string): void;
  label?: string;
  error?: ReactNode;
  disabled?: boolean;
  required?: boolean;
  size?: 'xs' | 'sm';
  'aria-label'?: string;
  'data-field'?: string;
}

export function LinkSelect({ target, name, value, onChange, ...rest }: LinkSelectProps) {
  const session = useApp((s) => s.session)!;
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search, 200);
  const [found, setFound] = useState<Option[]>([]);
  const [current, setCurrent] = useState<Option | null>(null);
  // query only once the dropdown is used: a form with 50 lines must not run 50 searches on open
  const [active, setActive] = useState(false);
  const def = findDocType(target);

  // title of the current value
  useEffect(() => {
    let live = true;
    if (!value) return setCurrent(null);
    if (current?.value === value) return;
    linkTitles(session, target, [value]).then((m) => live && setCurrent({ value, label: m.get(value) ?? value, number: '' }), () => undefined);
    return () => {
      live = false;
    };
  }, [session, target, value, current]);

  // server-side search: never load the whole target table into the dropdown
  useEffect(() => {
    if (!active) return;
    let live = true;
    const q = term === current?.label ? '' : term;
    listDocs(session, target, { search: q || undefined, limit: 20 }).then(
      (p) => live && setFound(p.rows.filter((r) => r.status !== 'cancelled').map((r) => ({ value: r.id, label: String((def && r[def.titleField]) || r.number), number: r.number }))),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, [session, target, term, current, def, active]);

  const data = useMemo(() => {
    const byId = new Map<string, Option>();
    if (current) byId.set(current.value, current);
    for (const o of found) byId.set(o.value, o);
    return [...byId.values()];
  }, [found, current]);
  const numbers = useMemo(() => new Map(data.map((o) => [o.value, o.number])), [data]);
  const foundIds = useMemo(() => found.map((o) => o.value), [found]);
  const thumbs = useThumbs(session, target, foundIds, foundIds);

  return (
    <Select
      {...rest}
      name={name}
      data-testid={`select-${name}`}
      searchable
      clearable={!rest.required}
      data={data.map(({ value: v, label }) => ({ value: v, label }))}
      value={value || null}
      onChange={(v) => {
        const o = data.find((x) => x.value === v);
        if (o) setCurrent(o);
        onChange(v ?? '');
      }}
      searchValue={search}
      onSearchChange={(v) => {
        setSearch(v);
        if (v !== current?.label) setActive(true);
      }}
      onDropdownOpen={() => setActive(true)}
      filter={({ options }) => options}
      nothingFoundMessage="—"
      renderOption={({ option }) => (
        <Group justify="space-between" wrap="nowrap" w="100%">
          <Group gap={6} wrap="nowrap">
            {safeThumb(thumbs.get(option.value)) && <img src={safeThumb(thumbs.get(option.value))} alt="" width={20} height={20} style={{ objectFit: 'cover', borderRadius: 3 }} />}
            <Text size="sm">{option.label}</Text>
          </Group>
          <Text size="xs" c="dimmed">
            {numbers.get(option.value)}
          </Text>
        </Group>
      )}
    />
  );
}
