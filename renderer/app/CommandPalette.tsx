/**
 * Command palette (Ctrl/Cmd+K, menu 'app:search'): type to find documents (searchAll over the
 * types the user may read, debounced) and actions; arrow keys move, Enter opens, Esc closes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Group, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { searchAll, type SearchHit } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { matchAction, paletteActions } from './palette-actions';

interface Item {
  key: string;
  label: string;
  detail?: string;
  badge: string;
  run(): void;
}

export function CommandPalette() {
  const t = useT();
  const errorText = useErrorText();
  const opened = useApp((s) => s.paletteOpen);
  const setOpen = useApp((s) => s.setPaletteOpen);
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 120);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sel, setSel] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  useHotkeys([['mod+K', () => setOpen(!useApp.getState().paletteOpen)]], []);

  useEffect(() => {
    let live = true;
    setError(null);
    if (!debounced.trim()) return setHits([]);
    searchAll(session, debounced).then((h) => live && setHits(h), (e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [debounced, session, errorText]);

  const items = useMemo<Item[]>(() => {
    const docs: Item[] = hits.map((h) => ({ key: `doc-${h.docType}-${h.id}`, label: h.title, detail: h.number, badge: t(`doctype.${h.docType}`), run: () => navigate({ name: 'form', docType: h.docType, id: h.id }) }));
    const acts = paletteActions(session, t, navigate).filter((a) => !text.trim() || matchAction(a, text.trim()));
    return [...docs, ...acts.slice(0, text.trim() ? 30 : 12).map((a) => ({ key: `act-${a.id}`, label: a.label, badge: a.group, run: a.run }))];
  }, [hits, session, t, navigate, text]);

  useEffect(() => setSel(0), [items.length, debounced]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${sel}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [sel]);

  const close = () => {
    setOpen(false);
    setText('');
    setHits([]);
  };
  const choose = (i: number) => {
    const it = items[i];
    if (!it) return;
    close();
    it.run();
  };

  return (
    <Modal opened={opened} onClose={close} withCloseButton={false} size="lg" padding="xs" yOffset="10vh" data-testid="search-modal">
      <TextInput
        data-autofocus
        data-testid="search-input"
        leftSection={<IconSearch size={16} />}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setSel((s) => Math.min(s + 1, items.length - 1)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setSel((s) => Math.max(s - 1, 0)); }
          else if (e.key === 'Enter') { e.preventDefault(); choose(sel); }
        }}
      />
      {error && <Text c="red" size="sm" mt="xs">{error}</Text>}
      <ScrollArea.Autosize mah="55vh" mt="xs" viewportRef={listRef}>
        <Stack gap={2}>
          {items.length === 0 && <Text c="dimmed" size="sm" p="xs">{t('search.nothing')}</Text>}
          {items.map((it, i) => (
            <UnstyledButton key={it.key} data-index={i} data-testid="search-result" data-selected={i === sel || undefined} onMouseEnter={() => setSel(i)} onClick={() => choose(i)}
              p="xs" style={{ borderRadius: 4, background: i === sel ? 'var(--mantine-color-default-hover)' : undefined }}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Text size="sm" truncate>{it.label}</Text>
                  {it.detail && <Text size="xs" c="dimmed">{it.detail}</Text>}
                </Group>
                <Badge size="xs" variant="light">{it.badge}</Badge>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Modal>
  );
}
