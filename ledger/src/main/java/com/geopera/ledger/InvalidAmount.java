package com.geopera.ledger;

/** The amount was out of range (grants and holds need more than 0 credits, a settlement at least 0). */
public record InvalidAmount(long amountCredits) implements GrantResult, ReserveResult, SettleResult {
    @Override
    public String code() {
        return "invalid_amount";
    }
}
