/**
 * Quantities in stock, as Vtiger keeps them for invoices
 * (`updateInventoryProductRel`, `addProductsToStock`,
 * `deductProductsFromStock`): an invoice's lines are taken out of
 * `qtyinstock` and marked counted (`incrementondel = 1`) unless the invoice
 * is cancelled; a change of its lines puts the counted ones back and takes
 * the new ones out; cancelling puts them back; a delete puts them back.
 * Quotes and sales orders leave the stock alone, as Vtiger's webservice
 * leaves it.
 *
 * A purchase order adds its lines to the stock when it is created already
 * received (status `Received Shipment`), and only then: through Vtiger's
 * webservice (F-RevoCRM 8.0.3, recorded in
 * `tests/mysql/replay/recordings/purchase_order_stock.json`) a later change
 * of status to received or cancelled, and a delete, leave the stock as it
 * is, and its lines stay uncounted (`incrementondel = 0`). Vtiger's edit form
 * moves stock on those changes from the lines it posts
 * (`PurchaseOrder::save_module`); its webservice posts none.
 *
 * @module
 */

import { phpFloat } from "./php_float.ts";

/** The module whose records move stock. */
export const STOCK_MODULE = "Invoice";

/** The invoice status that keeps an invoice's lines out of the stock count. */
export const CANCELLED_STATUS = "Cancel";

/** A line as far as stock goes. */
export interface StockLine {
  /** The product. */
  readonly productId: number;
  /** How many. */
  readonly quantity: string;
}

/** The state of an invoice's stock before or after a write. */
export interface StockState {
  /** The lines taken out of the stock (`incrementondel = 1`). */
  readonly counted: readonly StockLine[];
}

/** Whether an invoice in that status takes its lines out of the stock. */
export function countsStock(moduleName: string, status: string | null | undefined): boolean {
  return moduleName === STOCK_MODULE && (status ?? "") !== CANCELLED_STATUS;
}

/**
 * What each product's `qtyinstock` moves by between two states: the lines
 * counted before come back, the lines counted after go out. Products whose
 * stock does not move are left out.
 */
export function stockMoves(before: StockState, after: StockState): Map<number, number> {
  const moves = new Map<number, number>();
  const add = (line: StockLine, sign: number) =>
    moves.set(line.productId, (moves.get(line.productId) ?? 0) + sign * phpFloat(line.quantity));
  for (const line of before.counted) add(line, 1);
  for (const line of after.counted) add(line, -1);
  for (const [productId, move] of moves) if (move === 0) moves.delete(productId);
  return moves;
}

/** The module whose records add to the stock when received. */
export const RECEIVING_MODULE = "PurchaseOrder";

/** The purchase order status that means its goods arrived. */
export const RECEIVED_STATUS = "Received Shipment";

/** Whether a record created in that status adds its lines to the stock (a received purchase order). */
export function receivedOnCreate(moduleName: string, status: string | null | undefined): boolean {
  return moduleName === RECEIVING_MODULE && status === RECEIVED_STATUS;
}

/** What each product's `qtyinstock` moves by when lines come into the stock. */
export function stockReceived(lines: readonly StockLine[]): Map<number, number> {
  return stockMoves({ counted: lines }, { counted: [] });
}
