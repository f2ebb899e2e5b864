package com.geopera.ledger;

/** Account ids: one {@code org:<orgId>} account per org, and the two system accounts every entry pairs with. */
final class Accounts {
    /** Source of granted credits: debited by every grant. */
    static final String GRANTS = "system:grants";
    /** Sink of charged credits: credited by every hold and its settlement. */
    static final String REVENUE = "system:revenue";

    private static final String ORG_PREFIX = "org:";

    private Accounts() {
    }

    static String ofOrg(String orgId) {
        return ORG_PREFIX + orgId;
    }
}
