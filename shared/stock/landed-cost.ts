/**
 * Landed costs, back-dated postings and valuation reposts in one place (docs/stock.md,
 * "Landed costs and back-dated postings"). `registerLandedCosts()` runs from ./index.ts after
 * the purchasing behaviours are registered: it registers LandedCost and StockRepost and wraps
 * the PurchaseReceipt behaviour with the guard that keeps a receipt carrying landed costs from
 * being cancelled.
 */
import './landed-cost.messages';
import { getBehaviour, registerDocType } from '../kernel/registry';
import { PurchaseReceipt } from './purchasing.doctypes';
import { LandedCost, StockRepost } from './landed-cost.doctypes';
import { landedCostBehaviour, landedCostReceiptGuard } from './landed-cost.behaviour';
import { stockRepostBehaviour } from './repost';

export function registerLandedCosts(): void {
  registerDocType(LandedCost, landedCostBehaviour);
  registerDocType(StockRepost, stockRepostBehaviour);
  registerDocType(PurchaseReceipt, landedCostReceiptGuard(getBehaviour('PurchaseReceipt')));
}

export { LandedCost, StockRepost, DISTRIBUTE_BY, type DistributeBy } from './landed-cost.doctypes';
export { landedCostsOfReceipt, makeLandedCostFromReceipt, LC_TABLE, type ReceiptLandedCost } from './landed-cost.behaviour';
export { allocateCharges, splitShare, landedCostGl, type ChargeInput, type RowBasis } from './landed-cost.posting';
export { replayValuation, previewRepost, repostValuation, REPOST_TABLE, type RepostLine, type RepostPreview, type Replay } from './repost';
