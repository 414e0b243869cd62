/**
 * Quoting desk: recent quotes, and one quote's editor with LIVE STOCK per warehouse beside each
 * line (quoteStock: the stock module's balance report, on hand and available). Save creates or
 * updates the draft through the generic services, so the Quote behaviour prices the lines,
 * computes the totals and decides whether the discount needs a manager's approval; Submit is
 * refused by that behaviour while approval is pending. A submitted quote turns into a Sales
 * Order in one step (convertQuoteToOrder).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { createDoc, getDoc, linkTitles, listDocs, submitDoc, updateDoc, type BaseRecord } from '../../shared/api';
import { convertQuoteToOrder, quoteOutcome, quoteStock, type StockLine } from '../../shared/crm';
import { useApp } from '../state/app.store';
import type { PageProps } from '../pages/registry';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { notify } from '../app/notify';
import { LinkSelect } from '../doc/LinkSelect';

interface Line {
  item: string;
  qty: string;
  discountPercent: string;
}
const emptyLine = (): Line => ({ item: '', qty: '1', discountPercent: '' });

export function QuotePage({ params }: PageProps) {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const [id, setId] = useState<string | null>(params?.id ?? null);
  const [quote, setQuote] = useState<BaseRecord | null>(null);
  const [customer, setCustomer] = useState(params?.customer ?? '');
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  const [stock, setStock] = useState<Map<string, StockLine[]> | null>(null);
  const [recent, setRecent] = useState<BaseRecord[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [order, setOrder] = useState<BaseRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const loadRecent = useCallback(async () => {
    const rows = (await listDocs(session, 'Quote', { sort: 'modifiedAt', dir: 'desc', limit: 20 })).rows;
    setRecent(rows);
    setNames(await linkTitles(session, 'Customer', rows.map((r) => String(r.customer))));
  }, [session]);
  const loadQuote = useCallback(async () => {
    if (!id) return;
    const q = await getDoc(session, 'Quote', id);
    setQuote(q);
    setCustomer(String(q.customer));
    setLines(((q.items as Record<string, unknown>[]) ?? []).map((l) => ({ item: String(l.item), qty: String(l.qty ?? ''), discountPercent: String(l.discountPercent ?? '') })));
    const o = await quoteOutcome(session, q.id);
    if (o.event?.salesOrderId) setOrder(await getDoc(session, 'SalesOrder', o.event.salesOrderId).catch(() => null));
  }, [session, id]);
  useEffect(() => void loadRecent().catch((e) => setError(errorText(e))), [loadRecent, errorText]);
  useEffect(() => void loadQuote().catch((e) => setError(errorText(e))), [loadQuote, errorText]);

  // live stock of the quoted items, refreshed when the set of items changes
  const itemKey = useMemo(() => [...new Set(lines.map((l) => l.item).filter(Boolean))].sort().join(','), [lines]);
  useEffect(() => {
    let live = true;
    quoteStock(session, itemKey ? itemKey.split(',') : []).then((m) => live && setStock(m), () => live && setStock(null));
    return () => {
      live = false;
    };
  }, [session, itemKey]);

  const editable = !quote || quote.status === 'draft';
  const setLine = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const run = async (fn: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () => run(async () => {
    const prevItems = (quote?.items as Record<string, unknown>[]) ?? [];
    const items = lines.filter((l) => l.item).map((l, i) => {
      // keep the stored line (its rate, description) when the item did not change
      const prev = prevItems[i] && prevItems[i].item === l.item ? prevItems[i] : {};
      return { ...prev, item: l.item, qty: l.qty, discountPercent: l.discountPercent || '0' };
    });
    const input: Record<string, unknown> = { ...(quote ?? { quoteDate: session.localDate(), opportunity: params?.opportunity ?? '' }), customer, items };
    const saved = quote ? await updateDoc(session, 'Quote', quote.id, input, quote._rev) : await createDoc(session, 'Quote', input);
    notify('success', t('crm.quote_saved', { number: saved.number }));
    setId(saved.id);
    setQuote(saved);
    await loadRecent();
  });
  const submit = () => run(async () => {
    const q = await submitDoc(session, 'Quote', quote!.id);
    setQuote(q);
    notify('success', t('crm.quote_submitted', { number: q.number }));
    await loadRecent();
  });
  const toOrder = () => run(async () => {
    const r = await convertQuoteToOrder(session, quote!.id);
    setOrder(r.salesOrder);
    notify('success', t('crm.quote_ordered', { number: quote!.number, order: r.salesOrder.number }));
  });
  const fresh = () => {
    setId(null);
    setQuote(null);
    setOrder(null);
    setCustomer('');
    setLines([emptyLine()]);
  };

  const cur = String(quote?.currency || session.baseCurrency);
  const approval = String(quote?.approvalStatus ?? '');
  const stored = (quote?.items as Record<string, unknown>[]) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('crm.page.quote')}</Title>
        <Button variant="default" onClick={fresh} data-testid="crm-quote-new">{t('crm.new_quote')}</Button>
      </Group>
      {error && <Alert color="red" data-testid="crm-quote-error">{error}</Alert>}
      <Card withBorder data-testid="crm-quote-editor">
        <Group justify="space-between" mb="sm">
          <Text fw={600} data-testid="crm-quote-number">{quote ? quote.number : t('crm.new_quote')}</Text>
          {quote && (
            <Group gap="xs">
              <Badge variant="light" data-testid="crm-quote-status">{t(`status.${quote.status}`)}</Badge>
              <Badge color={approval === 'pending_approval' ? 'orange' : 'teal'} data-testid="crm-quote-approval">{t(`option.${approval || 'not_required'}`)}</Badge>
            </Group>
          )}
        </Group>
        <LinkSelect target="Customer" name="customer" label={t('field.Quote.customer')} value={customer} onChange={setCustomer} disabled={!editable} required />
        <Table mt="sm" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('field.Quote.items.item')}</Table.Th>
              <Table.Th w={90}>{t('field.Quote.items.qty')}</Table.Th>
              <Table.Th w={100}>{t('field.Quote.items.discountPercent')}</Table.Th>
              <Table.Th>{t('crm.stock_by_warehouse')}</Table.Th>
              <Table.Th w={120}>{t('field.Quote.items.netAmount')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => {
              const st = l.item ? stock?.get(l.item) : undefined;
              const saved = stored[i] && stored[i].item === l.item ? stored[i] : null;
              return (
                <Table.Tr key={i}>
                  <Table.Td><LinkSelect target="Item" name={`items.${i}.item`} size="xs" value={l.item} onChange={(v) => setLine(i, { item: v })} disabled={!editable} aria-label={t('field.Quote.items.item')} /></Table.Td>
                  <Table.Td><TextInput size="xs" name={`items.${i}.qty`} value={l.qty} onChange={(e) => setLine(i, { qty: e.currentTarget.value })} disabled={!editable} /></Table.Td>
                  <Table.Td><TextInput size="xs" name={`items.${i}.discountPercent`} value={l.discountPercent} onChange={(e) => setLine(i, { discountPercent: e.currentTarget.value })} disabled={!editable} rightSection="%" /></Table.Td>
                  <Table.Td data-testid={`crm-stock-${i}`}>
                    {!l.item ? null : stock === null ? <Text size="xs" c="dimmed">{t('crm.stock_unavailable')}</Text> : !st?.length ? <Text size="xs" c="orange">{t('crm.no_stock')}</Text> : st.map((w) => (
                      <Text size="xs" key={w.warehouse}>{w.warehouse}: {fmt.number(w.qty)} ({t('crm.available')} {fmt.number(w.available)})</Text>
                    ))}
                  </Table.Td>
                  <Table.Td>{saved ? fmt.money(Number(saved.netAmount ?? 0), cur) : '—'}</Table.Td>
                  <Table.Td>{editable && <ActionIcon variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}><IconTrash size={14} /></ActionIcon>}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {editable && <Button size="xs" variant="light" mt="xs" w={140} onClick={() => setLines((ls) => [...ls, emptyLine()])} data-testid="crm-quote-add-line">{t('crm.add_line')}</Button>}
        {quote && (
          <Group mt="sm" gap="xl">
            <Text size="sm">{t('field.Quote.totalAmount')}: {fmt.money(Number(quote.totalAmount ?? 0), cur)}</Text>
            <Text size="sm">{t('field.Quote.discountTotal')}: {fmt.money(Number(quote.discountTotal ?? 0), cur)}</Text>
            <Text size="sm" fw={600} data-testid="crm-quote-total">{t('field.Quote.grandTotal')}: {fmt.money(Number(quote.grandTotal ?? 0), cur)}</Text>
          </Group>
        )}
        {approval === 'pending_approval' && quote?.status === 'draft' && <Alert color="orange" mt="sm" data-testid="crm-quote-needs-approval">{t('crm.needs_approval', { discount: String(quote.maxDiscount) })}</Alert>}
        <Group mt="md">
          {editable && <Button onClick={() => void save()} loading={busy} disabled={!customer} data-testid="crm-quote-save">{t('common.save')}</Button>}
          {quote?.status === 'draft' && <Button color="teal" onClick={() => void submit()} loading={busy} disabled={approval === 'pending_approval'} data-testid="crm-quote-submit">{t('crm.submit_quote')}</Button>}
          {quote?.status === 'submitted' && !order && <Button color="teal" onClick={() => void toOrder()} loading={busy} data-testid="crm-quote-order">{t('crm.to_sales_order')}</Button>}
          {quote && <Button variant="default" onClick={() => navigate({ name: 'form', docType: 'Quote', id: quote.id })}>{t('crm.open_form')}</Button>}
        </Group>
        {order && (
          <Alert color="teal" mt="sm" data-testid="crm-quote-order-done">
            <Group justify="space-between">
              <Text size="sm">{t('crm.ordered_as', { order: order.number })}</Text>
              <Group gap="xs">
                <Button size="xs" variant="light" onClick={() => navigate({ name: 'form', docType: 'SalesOrder', id: order.id })}>{order.number}</Button>
                <Button size="xs" variant="light" onClick={() => navigate({ name: 'page', page: 'crm.customer360', params: { id: customer } })} data-testid="crm-quote-open-360">{t('crm.page.customer360')}</Button>
              </Group>
            </Group>
          </Alert>
        )}
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">{t('crm.recent_quotes')}</Text>
        <Table highlightOnHover>
          <Table.Tbody>
            {recent.map((r) => (
              <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => { setOrder(null); setId(r.id); }} data-testid={`crm-quote-row-${r.number}`}>
                <Table.Td>{r.number}</Table.Td>
                <Table.Td>{names.get(String(r.customer)) ?? ''}</Table.Td>
                <Table.Td>{t(`status.${r.status}`)}</Table.Td>
                <Table.Td>{t(`option.${String(r.approvalStatus || 'not_required')}`)}</Table.Td>
                <Table.Td>{fmt.money(Number(r.grandTotal ?? 0), String(r.currency || session.baseCurrency))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
