/** Labels and errors of the exchange-rate table (./exchange-rates.ts), English and Chinese. */
import { registerMessages } from '../i18n';

export const en = {
  'doctype.ExchangeRate': 'Exchange rate',
  'field.ExchangeRate.currency': 'Currency',
  'field.ExchangeRate.rateDate': 'Rate date',
  'field.ExchangeRate.rate': 'Rate (base per 1 unit)',
  'field.ExchangeRate.source': 'Source / note',
  'field.ExchangeRate.rateKey': 'Currency and date',

  'error.exchange_rate_base': '{currency} is the base currency: its rate is always 1. Exchange rates are for foreign currencies.',
  'error.exchange_rate_positive': 'The rate of {currency} must be greater than zero.',
  'error.exchange_rate_duplicate': 'There is already a rate for {currency} on {date} ({rate}, {number}); change that one instead.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'doctype.ExchangeRate': '汇率',
  'field.ExchangeRate.currency': '币种',
  'field.ExchangeRate.rateDate': '汇率日期',
  'field.ExchangeRate.rate': '汇率（1 单位外币折合本位币）',
  'field.ExchangeRate.source': '来源 / 备注',
  'field.ExchangeRate.rateKey': '币种与日期',

  'error.exchange_rate_base': '{currency} 是本位币，汇率恒为 1。汇率表只登记外币。',
  'error.exchange_rate_positive': '{currency} 的汇率必须大于零。',
  'error.exchange_rate_duplicate': '{currency} 在 {date} 已有汇率（{rate}，{number}）；请修改那一条。',
};

registerMessages('exchange-rates', en, zh);
