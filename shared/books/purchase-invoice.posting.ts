/**
 * Purchase invoice posting rule (pure):
 *   Dr expense or stock (per line account)   net amounts
 *   Dr input VAT (per tax account)           tax amounts
 *       Cr payable (party = supplier)        grand total
 * A return (debit note, isReturn) swaps debit and credit. Conversion and rounding as for sales
 * (./sales-invoice.posting.ts).
 */
import type { PostingLine } from './gl';
import { postInvoice, type InvoicePostingInput } from './sales-invoice.posting';

export function postPurchaseInvoice(inp: InvoicePostingInput): PostingLine[] {
  return postInvoice(inp, 'credit');
}
