/**
 * Income vs expense per month as grouped bars, in plain SVG (no chart library is installed and
 * two series of twelve bars do not need one). Amounts are minor units; the scale is the largest
 * bar. Each month's pair is a button that opens that month's profit and loss.
 */
import { useFormat, useT } from '../i18n/use-t';

export interface MonthFigures {
  month: string;
  income: number;
  expense: number;
}

const W = 760;
const H = 240;
const PAD_L = 8;
const PAD_B = 28;
const PAD_T = 12;

export function IncomeExpenseChart(p: { data: MonthFigures[]; currency: string; onMonth?(month: string): void }) {
  const t = useT();
  const fmt = useFormat();
  const max = Math.max(1, ...p.data.flatMap((d) => [d.income, d.expense]));
  const slot = (W - PAD_L * 2) / Math.max(1, p.data.length);
  const bw = Math.max(4, slot * 0.34);
  const h = (v: number) => (Math.max(0, v) / max) * (H - PAD_B - PAD_T);
  return (
    <svg viewBox={`0 0 ${W} ${H + 24}`} width="100%" role="img" aria-label={t('books.dash.income_vs_expense')} data-testid="dash-chart">
      <line x1={PAD_L} x2={W - PAD_L} y1={H - PAD_B} y2={H - PAD_B} stroke="var(--mantine-color-gray-5)" />
      {p.data.map((d, i) => {
        const x = PAD_L + i * slot + (slot - bw * 2 - 2) / 2;
        return (
          <g key={d.month} style={{ cursor: p.onMonth ? 'pointer' : undefined }} onClick={() => p.onMonth?.(d.month)} data-testid={`dash-bar-${d.month}`}>
            <title>{`${d.month} · ${t('books.dash.income')} ${fmt.money(d.income, p.currency)} · ${t('books.dash.expense')} ${fmt.money(d.expense, p.currency)}`}</title>
            <rect x={PAD_L + i * slot} y={PAD_T} width={slot} height={H - PAD_B - PAD_T} fill="transparent" />
            <rect x={x} y={H - PAD_B - h(d.income)} width={bw} height={h(d.income)} fill="var(--mantine-color-teal-6)" />
            <rect x={x + bw + 2} y={H - PAD_B - h(d.expense)} width={bw} height={h(d.expense)} fill="var(--mantine-color-red-5)" />
            <text x={PAD_L + i * slot + slot / 2} y={H - PAD_B + 16} textAnchor="middle" fontSize={11} fill="currentColor">{d.month.slice(2)}</text>
          </g>
        );
      })}
      <g transform={`translate(${PAD_L}, ${H + 14})`} fontSize={12} fill="currentColor">
        <rect width={12} height={12} y={-10} fill="var(--mantine-color-teal-6)" />
        <text x={16}>{t('books.dash.income')}</text>
        <rect x={110} width={12} height={12} y={-10} fill="var(--mantine-color-red-5)" />
        <text x={126}>{t('books.dash.expense')}</text>
      </g>
    </svg>
  );
}
