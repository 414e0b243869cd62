/**
 * Small dependency-free SVG charts for dashboards: horizontal (optionally stacked) bars and a
 * donut. No chart library is installed and a handful of bars does not need one.
 *
 * Accessibility: each chart is an `<svg role="img">` labelled by its `<title>` and described by
 * a `<desc>` that lists every figure in words, so a screen reader reads the data, not the
 * shapes; every value is also printed as text beside its bar / in the legend (nothing is told
 * by colour or length alone); each bar has a hover `<title>`. Colours are Mantine CSS
 * variables, so light and dark schemes both work.
 *
 * Values are plain numbers used only for geometry (counts, or money in minor units — exact
 * integers); the caller formats the text (money through useFormat, never from these floats).
 */
import { useId } from 'react';

export interface ChartSegment {
  value: number;
  color: string;
  /** Words for this part (series name), used in the description and the hover title. */
  label: string;
}

export interface BarDatum {
  key: string;
  label: string;
  segments: ChartSegment[];
  /** Printed after the bar, e.g. "3 · ¥12,000.00". */
  valueText: string;
}

export interface LegendItem {
  label: string;
  color: string;
}

const W = 600;
const LABEL_W = 128;
const BAR_X = LABEL_W + 8;
const BAR_W = 240;
const VALUE_X = BAR_X + BAR_W + 10;
const ROW_H = 26;
const BAR_H = 16;

/** Rough width in px of 12-13 px text (CJK characters are about twice as wide as Latin ones). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 13 : 7;
  return w;
}

/** Cut a label to what fits the label column (CJK characters count double). */
function fit(text: string, room = 19): string {
  let width = 0;
  let out = '';
  for (const ch of text) {
    width += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
    if (width > room) return `${out}…`;
    out += ch;
  }
  return out;
}

export function BarChart(p: { title: string; data: BarDatum[]; legend?: LegendItem[]; emptyText: string; testId?: string }) {
  const id = useId();
  const max = Math.max(0, ...p.data.map((d) => d.segments.reduce((a, s) => a + Math.max(0, s.value), 0)));
  const legendH = p.legend?.length && p.data.length ? 26 : 0;
  const h = Math.max(1, p.data.length) * ROW_H + legendH + 4;
  const desc = p.data.length
    ? p.data.map((d) => `${d.label}: ${d.valueText}${d.segments.length > 1 ? ` (${d.segments.map((s) => `${s.label} ${s.value}`).join(', ')})` : ''}`).join('; ')
    : p.emptyText;
  return (
    <svg viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid={p.testId} style={{ display: 'block', maxWidth: W }}>
      <title id={`${id}-t`}>{p.title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {p.data.length === 0 && (
        <text x={0} y={18} fontSize={13} fill="var(--mantine-color-dimmed)">
          {p.emptyText}
        </text>
      )}
      {p.data.map((d, i) => {
        const y = i * ROW_H;
        let x = BAR_X;
        return (
          <g key={d.key} data-testid={p.testId ? `${p.testId}-${d.key}` : undefined}>
            <title>{`${d.label}: ${d.valueText}`}</title>
            <text x={0} y={y + 17} fontSize={13} fill="currentColor">
              {fit(d.label)}
            </text>
            <rect x={BAR_X} y={y + 5} width={BAR_W} height={BAR_H} rx={3} fill="var(--mantine-color-default-border)" opacity={0.35} />
            {d.segments.map((s, k) => {
              const w = max > 0 ? (Math.max(0, s.value) / max) * BAR_W : 0;
              const rect = w > 0 ? <rect key={k} x={x} y={y + 5} width={w} height={BAR_H} rx={k === 0 ? 3 : 0} fill={s.color} /> : null;
              x += w;
              return rect;
            })}
            <text x={VALUE_X} y={y + 17} fontSize={13} fill="currentColor">
              {d.valueText}
            </text>
          </g>
        );
      })}
      {p.legend && p.legend.length > 0 && p.data.length > 0 && <Legend items={p.legend} y={p.data.length * ROW_H + 10} />}
    </svg>
  );
}

function Legend({ items, y }: { items: LegendItem[]; y: number }) {
  let x = BAR_X;
  return (
    <g fontSize={12} fill="currentColor" aria-hidden="true">
      {items.map((it) => {
        const at = x;
        x += 16 + textWidth(it.label) + 18;
        return (
          <g key={it.label} transform={`translate(${at}, ${y})`}>
            <rect width={12} height={12} rx={2} fill={it.color} />
            <text x={16} y={10}>
              {it.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export interface DonutDatum {
  key: string;
  label: string;
  value: number;
  color: string;
  /** Printed in the legend, e.g. "12 (3 converted)". */
  valueText: string;
}

const R = 56;
const STROKE = 22;
const C = 2 * Math.PI * R;

/** A ring of shares with a legend; `center` is printed in the middle (e.g. the win rate). */
export function DonutChart(p: { title: string; data: DonutDatum[]; center?: string; centerSub?: string; emptyText: string; testId?: string }) {
  const id = useId();
  const total = p.data.reduce((a, d) => a + Math.max(0, d.value), 0);
  const legendRows = p.data.length + (total === 0 ? 1 : 0);
  const h = Math.max(2 * (R + STROKE / 2) + 8, legendRows * 24 + 8);
  const desc = total > 0 ? [p.center, ...p.data.map((d) => `${d.label}: ${d.valueText}`)].filter(Boolean).join('; ') : [p.center, p.emptyText].filter(Boolean).join('; ');
  let offset = 0;
  const cx = R + STROKE / 2 + 4;
  const cy = h / 2;
  return (
    <svg viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid={p.testId} style={{ display: 'block', maxWidth: W }}>
      <title id={`${id}-t`}>{p.title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <circle cx={cx} cy={cy} r={R} fill="none" stroke="var(--mantine-color-default-border)" strokeWidth={STROKE} opacity={0.35} />
      {total > 0 &&
        p.data.map((d) => {
          const len = (Math.max(0, d.value) / total) * C;
          const arc = len > 0 ? (
            <circle
              key={d.key}
              cx={cx}
              cy={cy}
              r={R}
              fill="none"
              stroke={d.color}
              strokeWidth={STROKE}
              strokeDasharray={`${len} ${C - len}`}
              strokeDashoffset={-offset}
              transform={`rotate(-90 ${cx} ${cy})`}
            >
              <title>{`${d.label}: ${d.valueText}`}</title>
            </circle>
          ) : null;
          offset += len;
          return arc;
        })}
      {p.center && (
        <text x={cx} y={cy + (p.centerSub ? 2 : 7)} textAnchor="middle" fontSize={20} fontWeight={600} fill="currentColor" data-testid={p.testId ? `${p.testId}-center` : undefined}>
          {p.center}
        </text>
      )}
      {p.centerSub && (
        <text x={cx} y={cy + 20} textAnchor="middle" fontSize={11} fill="var(--mantine-color-dimmed)">
          {fit(p.centerSub, 14)}
        </text>
      )}
      <g transform={`translate(${2 * cx + 24}, ${(h - legendRows * 24) / 2})`} fontSize={13} fill="currentColor">
        {p.data.map((d, i) => (
          <g key={d.key} transform={`translate(0, ${i * 24})`} data-testid={p.testId ? `${p.testId}-${d.key}` : undefined}>
            <rect y={4} width={12} height={12} rx={2} fill={d.color} />
            <text x={18} y={15}>
              {`${fit(d.label, 18)}  ${d.valueText}`}
            </text>
          </g>
        ))}
        {total === 0 && (
          <text x={0} y={p.data.length * 24 + 15} fill="var(--mantine-color-dimmed)">
            {p.emptyText}
          </text>
        )}
      </g>
    </svg>
  );
}

/** Series colours in a fixed order (Mantine palette variables). */
export const CHART_COLORS = ['var(--mantine-color-blue-6)', 'var(--mantine-color-teal-6)', 'var(--mantine-color-grape-6)', 'var(--mantine-color-orange-6)', 'var(--mantine-color-cyan-6)', 'var(--mantine-color-pink-6)', 'var(--mantine-color-lime-7)', 'var(--mantine-color-indigo-6)'];
