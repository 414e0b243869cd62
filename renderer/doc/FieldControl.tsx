/**
 * One form control chosen by field type. Numbers and money are edited as TEXT (inputMode
 * decimal) and never parsed here: the exact string goes to the service, which parses it with
 * decimal arithmetic. `name` is the form path ('customer', 'lines.2.qty'); the error element
 * carries data-testid="field-error-<path>".
 */
import type { ReactNode } from 'react';
import { Checkbox, Select, TextInput, Textarea } from '@mantine/core';
import { CURRENCIES, type FieldDef } from '../../shared/api';
import { useT } from '../i18n/use-t';
import { LinkSelect } from './LinkSelect';

export interface FieldControlProps {
  field: FieldDef;
  /** Form path, also the input's name. */
  name: string;
  label?: string;
  value: unknown;
  onChange(v: unknown): void;
  /** Translated messages for this field. */
  errors?: string[];
  disabled?: boolean;
  /** Money: currency code shown beside the amount. */
  currency?: string;
  /** In a table cell: no label, smaller. */
  compact?: boolean;
}

const CURRENCY_DATA = CURRENCIES.map((c) => ({ value: c.code, label: `${c.code} ${c.symbol}` }));

export function errorNode(name: string, errors?: string[]): ReactNode {
  if (!errors?.length) return undefined;
  return <span data-testid={`field-error-${name}`}>{errors.join(' ')}</span>;
}

export function FieldControl({ field: f, name, label, value, onChange, errors, disabled, currency, compact }: FieldControlProps) {
  const t = useT();
  const common = {
    label: compact ? undefined : label,
    'aria-label': label,
    error: errorNode(name, errors),
    disabled: disabled || f.readOnly,
    required: !compact && f.required,
    size: compact ? ('xs' as const) : ('sm' as const),
    'data-field': name,
  };
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  const onText = (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value);

  switch (f.type) {
    case 'text':
      return <Textarea {...common} name={name} value={text} onChange={onText} autosize minRows={compact ? 1 : 2} maxRows={8} maxLength={f.maxLength} />;
    case 'select':
      return (
        <Select
          {...common}
          name={name}
          data-testid={`select-${name}`}
          data={(f.options ?? []).map((o) => ({ value: o, label: t(`option.${o}`) }))}
          value={text || null}
          onChange={(v) => onChange(v ?? '')}
          clearable={!f.required}
          allowDeselect={!f.required}
        />
      );
    case 'currency':
      return <Select {...common} name={name} data-testid={`select-${name}`} data={CURRENCY_DATA} value={text || null} onChange={(v) => onChange(v ?? '')} searchable clearable={!f.required} />;
    case 'link':
      return <LinkSelect {...common} name={name} target={f.link!} value={text} onChange={onChange} />;
    case 'check':
      return <Checkbox {...common} name={name} label={compact ? undefined : label} checked={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} mt={compact ? 0 : 'lg'} />;
    case 'int':
    case 'decimal':
    case 'percent':
    case 'money':
      return (
        <TextInput
          {...common}
          name={name}
          value={text}
          onChange={onText}
          inputMode={f.type === 'int' ? 'numeric' : 'decimal'}
          autoComplete="off"
          rightSection={f.type === 'percent' ? '%' : f.type === 'money' ? currency : undefined}
          rightSectionWidth={f.type === 'money' ? 44 : undefined}
          styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
        />
      );
    case 'date':
      return <TextInput {...common} name={name} type="date" value={text} onChange={onText} />;
    case 'email':
      return <TextInput {...common} name={name} type="email" value={text} onChange={onText} maxLength={f.maxLength} autoComplete="off" />;
    case 'phone':
      return <TextInput {...common} name={name} type="tel" value={text} onChange={onText} maxLength={f.maxLength} autoComplete="off" />;
    default:
      return <TextInput {...common} name={name} value={text} onChange={onText} maxLength={f.maxLength} autoComplete="off" />;
  }
}
