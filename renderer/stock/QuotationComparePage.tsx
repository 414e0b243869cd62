/**
 * Compare supplier quotations: the quotations valid on a date, per item, cheapest first (price
 * per stock unit in base currency, so offers in boxes and pieces, in CNY and USD compare), with
 * the lead time; the cheapest and the fastest offers are marked. Each offer can become a draft
 * purchase order (that one line, at the quoted rate), opened in the generic form.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { compareQuotations, makePurchaseOrderFromQuotation, type QuoteOffer } from '../../shared/stock';
import { D, minorUnitsOf } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useFormat, useT } from '../i18n/use-t';
import { useReport } from '../books/report-kit';
import { LinkSelect } from '../doc/LinkSelect';

export function QuotationComparePage() {
  const t = useT();
  const fmt = useFormat();
  const errorText = useErrorText();
  const session = useApp((s) => s.session)!;
  const navigate = useApp((s) => s.navigate);
  const base = session.baseCurrency;
  const [asOf, setAsOf] = useState(() => session.localDate());
  const [item, setItem] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [data, error] = useReport((s) => compareQuotations(s, { asOf, item: item || undefined }), [asOf, item]);

  const perUnit = (o: QuoteOffer) => fmt.number(new D(o.baseUnitRate).div(new D(10).pow(minorUnitsOf(base))).toDecimalPlaces(4).toString(), 4);

  const order = async (o: QuoteOffer) => {
    setBusy(`${o.quotation}|${o.line}`);
    setActionError(null);
    try {
      const po = await makePurchaseOrderFromQuotation(session, o.quotation, { lines: [o.line], asOf });
      navigate({ name: 'form', docType: 'PurchaseOrder', id: po.id });
    } catch (e) {
      setActionError(errorText(e));
      setBusy(null);
    }
  };

  return (
    <Stack data-testid="quote-compare">
      <Title order={3}>{t('buying.page.compare')}</Title>
      <Text size="sm" c="dimmed">{t('buying.compare.hint', { currency: base })}</Text>
      <Group align="flex-end">
        <TextInput type="date" label={t('buying.compare.as_of')} value={asOf} onChange={(e) => e.currentTarget.value && setAsOf(e.currentTarget.value)} data-testid="compare-as-of" />
        <div style={{ width: 320 }}>
          <LinkSelect target="Item" name="compareItem" label={t('stock.col.item')} value={item} onChange={setItem} />
        </div>
      </Group>
      {(error || actionError) && <Alert color="red" data-testid="compare-error">{error ?? actionError}</Alert>}
      {data && data.length === 0 && <Text c="dimmed" data-testid="compare-empty">{t('buying.compare.none')}</Text>}
      {data?.map((c) => (
        <Stack key={c.item} gap={4}>
          <Text fw={600}>{c.itemCode} {c.itemName}</Text>
          <Table withTableBorder striped fz="sm" data-testid={`compare-item-${c.itemCode}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('doctype.Supplier')}</Table.Th>
                <Table.Th>{t('doctype.SupplierQuotation')}</Table.Th>
                <Table.Th>{t('field.SupplierQuotation.validTill')}</Table.Th>
                <Table.Th ta="right">{t('field.SupplierQuotation.items.qty')}</Table.Th>
                <Table.Th ta="right">{t('field.SupplierQuotation.items.rate')}</Table.Th>
                <Table.Th ta="right">{t('buying.compare.unit_price', { currency: base, uom: c.stockUom })}</Table.Th>
                <Table.Th ta="right">{t('field.SupplierQuotation.items.leadTimeDays')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.offers.map((o) => (
                <Table.Tr key={`${o.quotation}|${o.line}`} data-testid={`compare-offer-${o.number}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{o.supplierName}</Text>
                      {o.cheapest && <Badge size="xs" color="teal" variant="light" data-testid="offer-cheapest">{t('buying.compare.cheapest')}</Badge>}
                      {o.fastest && <Badge size="xs" color="blue" variant="light" data-testid="offer-fastest">{t('buying.compare.fastest')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <UnstyledButton fz="sm" c="var(--mantine-color-anchor)" onClick={() => navigate({ name: 'form', docType: 'SupplierQuotation', id: o.quotation })}>{o.number}</UnstyledButton>
                  </Table.Td>
                  <Table.Td>{fmt.date(o.validTill)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(o.qty)} {o.uom || c.stockUom}</Table.Td>
                  <Table.Td ta="right">{fmt.money(o.rate, o.currency)}</Table.Td>
                  <Table.Td ta="right" fw={o.cheapest ? 600 : undefined}>{perUnit(o)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(o.leadTimeDays)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="compact-xs" variant="light" loading={busy === `${o.quotation}|${o.line}`} disabled={!session.can('PurchaseOrder', 'create')} onClick={() => void order(o)} data-testid={`compare-order-${o.number}`}>
                      {t('buying.make_po')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}
