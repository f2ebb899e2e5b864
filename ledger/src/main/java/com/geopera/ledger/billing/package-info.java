/**
 * Every money rule in one room: how much a run costs ({@link com.geopera.ledger.billing.CostModel}), how much a job
 * holds ({@link com.geopera.ledger.billing.HoldRule}), what a measured run may report
 * ({@link com.geopera.ledger.billing.UsageCap}), what a settlement asks for, including "no usage reported means the
 * hold is charged" ({@link com.geopera.ledger.billing.ChargeRule}), and what a closed hold gives back
 * ({@link com.geopera.ledger.billing.Refund}). Pure functions without storage; the ledger and its callers apply them.
 */
package com.geopera.ledger.billing;
