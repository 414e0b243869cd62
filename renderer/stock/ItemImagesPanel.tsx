/**
 * Images of a stored item, under its form: thumbnails (the first is the main picture shown in
 * lists and type-aheads), add an image (PNG / JPEG / GIF / WebP, a preview made here), view it
 * full size, remove it. The services check rights, the file type and the attachment size limit.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Image, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { addItemImage, listItemImages, removeItemImage, type ItemImage } from '../../shared/stock';
import { getAttachment } from '../../shared/api';
import type { FormPanelProps } from '../doc/form-panels';
import { safeThumb } from '../doc/record-thumbs';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { notify } from '../app/notify';
import { platform } from '../platform';
import { makeThumbnail } from './thumbnail';
import { useBusyGuard } from '../app/use-busy';

export function ItemImagesPanel({ rec }: FormPanelProps) {
  const t = useT();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const [images, setImages] = useState<ItemImage[]>([]);
  const { busy, guard } = useBusyGuard();
  const [view, setView] = useState<{ image: ItemImage; url: string } | null>(null);
  const [confirm, setConfirm] = useState<ItemImage | null>(null);
  const canEdit = session.can('Item', 'edit');

  const reload = useCallback(() => listItemImages(session, rec.id).then(setImages, (e) => notify('error', errorText(e))), [session, rec.id, errorText]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // the object URL of the full-size view is released when the view closes
  useEffect(() => () => void (view && URL.revokeObjectURL(view.url)), [view]);

  const onAdd = () =>
    guard(async () => {
      const f = await platform.openFile({ accept: ['.png', '.jpg', '.jpeg', '.gif', '.webp'] });
      if (!f) return;
      const thumbnail = await makeThumbnail(f.data);
      const img = await addItemImage(session, rec.id, { name: f.name, data: f.data, thumbnail });
      notify('success', t('item_images.added', { name: img.name }));
      await reload();
    });

  const onOpen = (image: ItemImage) =>
    guard(async () => {
      const file = await getAttachment(session, image.id);
      setView({ image, url: URL.createObjectURL(new Blob([new Uint8Array(file.data)], { type: file.mime })) });
    });

  const onRemove = (image: ItemImage) =>
    guard(async () => {
      await removeItemImage(session, image.id);
      setConfirm(null);
      notify('success', t('item_images.removed', { name: image.name }));
      await reload();
    });

  return (
    <Paper withBorder p="md" mt="lg" data-testid="item-images">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>{t('item_images.title')}</Title>
          {canEdit && (
            <Button size="xs" variant="light" leftSection={<IconPhoto size={14} />} onClick={() => void onAdd()} loading={busy} data-testid="item-image-add">
              {t('item_images.add')}
            </Button>
          )}
        </Group>
        {images.length === 0 ? (
          <Text size="sm" c="dimmed">{t('item_images.none')}</Text>
        ) : (
          <Group gap="sm">
            {images.map((img, i) => (
              <Card key={img.id} withBorder padding={6} w={132} data-testid={`item-image-${img.name}`}>
                <Stack gap={4} align="center">
                  <button type="button" onClick={() => void onOpen(img)} title={t('item_images.view')} style={{ border: 0, padding: 0, background: 'none', cursor: 'zoom-in' }}>
                    {safeThumb(img.thumb) ? (
                      <img src={safeThumb(img.thumb)} alt={img.name} width={96} height={96} style={{ objectFit: 'contain', display: 'block' }} data-testid="item-image-thumb" />
                    ) : (
                      <IconPhoto size={48} stroke={1.2} aria-label={img.name} />
                    )}
                  </button>
                  <Text size="xs" truncate maw={120} title={img.name}>{img.name}</Text>
                  <Group gap={4}>
                    {i === 0 && <Badge size="xs" variant="light">{t('item_images.main')}</Badge>}
                    {canEdit && (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirm(img)} data-testid={`item-image-remove-${img.name}`}>
                        {t('attachments.remove')}
                      </Button>
                    )}
                  </Group>
                </Stack>
              </Card>
            ))}
          </Group>
        )}
      </Stack>
      {view && (
        <Modal opened size="lg" onClose={() => setView(null)} title={view.image.name} data-testid="item-image-view">
          <Image src={view.url} alt={view.image.name} fit="contain" mah="70vh" />
        </Modal>
      )}
      {confirm && (
        <Modal opened onClose={() => setConfirm(null)} title={t('attachments.remove')}>
          <Stack>
            <Text size="sm">{t('attachments.remove_confirm', { name: confirm.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>{t('doc.keep')}</Button>
              <Button color="red" loading={busy} onClick={() => void onRemove(confirm)} data-testid="item-image-remove-confirm">{t('attachments.remove')}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Paper>
  );
}
