-- Escrow slices: an org's credits are kept in several rows instead of one.
--
-- Every reserve and settle of an org used to update the org's single account row and hold its lock until
-- the commit's WAL flush, so one busy org ran at one flush per transaction, whatever the database could do
-- in parallel. Now the org's counters are split over slices (rows); a reserve takes whichever slice has
-- enough available and is not locked by another transaction, so concurrent reserves of one org commit
-- together (group commit). Every slice keeps available >= 0, so the org's sum does too. When no single
-- slice can cover a reserve, the ledger locks all of the org's slices in order and redistributes their
-- available credits (see Slices.java); only then can it answer "insufficient credits".
--
-- The journal is unchanged: slices are how an account's cached counters are stored, not accounts.

create table ledger_account_slices (
    account_id      text     not null references ledger_accounts (account_id),
    slice           smallint not null check (slice >= 0),
    debits_pending  bigint   not null default 0 check (debits_pending >= 0),
    debits_posted   bigint   not null default 0 check (debits_posted >= 0),
    credits_posted  bigint   not null default 0 check (credits_posted >= 0),
    primary key (account_id, slice),
    constraint ledger_account_slices_available_never_negative
        check (credits_posted - debits_posted - debits_pending >= 0)
) with (fillfactor = 50); -- room on the page, so counter updates stay heap-only (HOT)

-- Existing org balances move into slice 0; the ledger adds the other slices at the org's next grant.
insert into ledger_account_slices (account_id, slice, debits_pending, debits_posted, credits_posted)
select account_id, 0, debits_pending, debits_posted, credits_posted
from ledger_accounts where kind = 'org';

update ledger_accounts
set debits_pending = 0, debits_posted = 0, credits_pending = 0, credits_posted = 0
where kind = 'org';

alter table ledger_accounts
    drop constraint ledger_accounts_available_never_negative,
    add constraint ledger_accounts_org_counters_live_in_slices
        check (kind <> 'org' or (debits_pending = 0 and debits_posted = 0
                                 and credits_pending = 0 and credits_posted = 0));

comment on column ledger_accounts.balance_cached is
    'true when the account''s counters are kept up to date: in this row for system:grants, in '
    'ledger_account_slices for org accounts; false for system:revenue (summed from the journal)';

-- Which slice of the org's account a hold took its credits from, and gives them back to.
alter table ledger_holds add column slice smallint not null default 0 check (slice >= 0);
