/**
 * Currency table: ISO 4217 code -> minor units. Amounts are stored as integer minor units of
 * their currency, so the exponent must be known for every currency the company uses; an unknown
 * code is a DomainError, never a guess.
 */
export interface CurrencyInfo {
  code: string;
  minorUnits: number;
  symbol: string;
}

const table: Record<string, [number, string]> = {
  CNY: [2, '¥'], USD: [2, '$'], EUR: [2, '€'], GBP: [2, '£'], JPY: [0, '¥'], HKD: [2, 'HK$'],
  TWD: [2, 'NT$'], SGD: [2, 'S$'], MYR: [2, 'RM'], THB: [2, '฿'], VND: [0, '₫'], IDR: [2, 'Rp'],
  PHP: [2, '₱'], KRW: [0, '₩'], INR: [2, '₹'], AUD: [2, 'A$'], NZD: [2, 'NZ$'], CAD: [2, 'C$'],
  CHF: [2, 'CHF'], SEK: [2, 'kr'], NOK: [2, 'kr'], DKK: [2, 'kr'], RUB: [2, '₽'], AED: [2, 'AED'],
  SAR: [2, 'SAR'], KWD: [3, 'KD'], BHD: [3, 'BD'], ZAR: [2, 'R'], BRL: [2, 'R$'], MXN: [2, 'MX$'],
};

export const CURRENCIES: readonly CurrencyInfo[] = Object.entries(table).map(([code, [minorUnits, symbol]]) => ({ code, minorUnits, symbol }));

export function currencyInfo(code: string): CurrencyInfo | undefined {
  const t = table[code];
  return t ? { code, minorUnits: t[0], symbol: t[1] } : undefined;
}

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && code in table;
}
