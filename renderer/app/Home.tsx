/** Welcome dashboard: how many records of each readable document type, with quick links. */
import { useEffect, useState } from 'react';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { countDocs } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useFormat, useT } from '../i18n/use-t';
import { readableModules, systemLinks } from './Sidebar';
import { iconFor } from './icons';

export function Home() {
  const t = useT();
  const fmt = useFormat();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const groups = readableModules(session);
  const [counts, setCounts] = useState<Record<string, number>>({});

  useEffect(() => {
    let live = true;
    for (const g of groups) for (const d of g.types) countDocs(session, d.name).then((n) => live && setCounts((c) => ({ ...c, [d.name]: n })), () => undefined);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  return (
    <Stack>
      <div>
        <Title order={2} data-testid="home-title">{t('home.welcome', { name: session.user.displayName })}</Title>
        <Text c="dimmed">{t('home.subtitle', { company: session.settings.name, branch: session.settings.branchName })}</Text>
      </div>
      {groups.map(({ module, types }) => (
        <Stack key={module.id} gap="xs">
          <Title order={5} c="dimmed">{t(`module.${module.id}`)}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {types.map((d) => (
              <Card key={d.name} withBorder padding="md" data-testid={`home-card-${d.name}`}>
                <Group justify="space-between" align="flex-start">
                  <Anchor component="button" fw={600} onClick={() => navigate({ name: 'list', docType: d.name })}>
                    <Group gap={6}>{iconFor(d.icon)}{t(`doctype.${d.name}`)}</Group>
                  </Anchor>
                  <Text size="xl" fw={700} data-testid={`home-count-${d.name}`}>{counts[d.name] === undefined ? '…' : fmt.number(counts[d.name])}</Text>
                </Group>
                {session.can(d.name, 'create') && (
                  <Button mt="sm" size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => navigate({ name: 'form', docType: d.name, id: null })}>
                    {t('home.new', { docType: d.name })}
                  </Button>
                )}
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
      {groups.length === 0 && <Text c="dimmed">{t('home.nothing')}</Text>}
      {systemLinks(session).length > 0 && (
        <Group gap="xs">
          {systemLinks(session).map((l) => (
            <Button key={l.key} variant="default" size="xs" leftSection={l.icon} onClick={() => navigate({ name: l.key })}>{t(`nav.${l.key}`)}</Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}
