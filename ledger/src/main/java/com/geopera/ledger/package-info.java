/**
 * The credit ledger: accounts, holds (reserve, then settle, release or expire), the append-only journal and the
 * named result of every operation; its invariants are checked by the database and by {@code InvariantChecker}. The
 * money rules themselves live in {@code billing}.
 */
package com.geopera.ledger;
