-- Credit ledger: accounts, holds (two-phase reservations) and the append-only journal.
-- Model: TigerBeetle's two-phase transfers. A hold is a pending transfer org -> system:revenue that is
-- later posted (possibly for less), voided or expired. Every journal entry names a debit and a credit
-- account, so the books always balance. Amounts are bigint credits.

create table ledger_accounts (
    account_id      text        primary key,
    kind            text        not null check (kind in ('org', 'system')),
    org_id          text        unique,
    -- false only for system:revenue: every hold of every org moves credits into it, so a cached counter
    -- there would be one row that every reserve/settle in the platform waits on. Its balance is the sum
    -- of its journal entries instead.
    balance_cached  boolean     not null,
    debits_pending  bigint      not null default 0 check (debits_pending >= 0),
    debits_posted   bigint      not null default 0 check (debits_posted >= 0),
    credits_pending bigint      not null default 0 check (credits_pending >= 0),
    credits_posted  bigint      not null default 0 check (credits_posted >= 0),
    created_at      timestamptz not null,
    constraint ledger_accounts_org_account_names_its_org
        check ((kind = 'org' and account_id = 'org:' || org_id) or (kind = 'system' and org_id is null)),
    constraint ledger_accounts_org_balance_is_cached
        check (kind <> 'org' or balance_cached),
    -- available = credits_posted - debits_posted - debits_pending >= 0, for every org, always.
    constraint ledger_accounts_available_never_negative
        check (kind <> 'org' or credits_posted - debits_posted - debits_pending >= 0),
    constraint ledger_accounts_uncached_counters_stay_zero
        check (balance_cached or (debits_pending = 0 and debits_posted = 0
                                  and credits_pending = 0 and credits_posted = 0))
);

insert into ledger_accounts (account_id, kind, org_id, balance_cached, created_at)
values ('system:grants', 'system', null, true, now()),
       ('system:revenue', 'system', null, false, now());

create table ledger_holds (
    job_id         text        primary key,
    -- No foreign key: reserve inserts a hold only in the statement that has just updated (and locked) the
    -- org's account row, so the account exists by construction; an RI trigger per reserve would only cost.
    -- The invariant check reports holds of unknown orgs.
    org_id         text        not null,
    amount_credits bigint      not null check (amount_credits > 0),
    status         text        not null check (status in ('pending', 'posted', 'voided', 'expired')),
    posted_credits bigint      not null default 0 check (posted_credits >= 0 and posted_credits <= amount_credits),
    expires_at     timestamptz not null,
    created_at     timestamptz not null,
    closed_at      timestamptz,
    constraint ledger_holds_closed_iff_not_pending check ((status = 'pending') = (closed_at is null)),
    constraint ledger_holds_only_posted_holds_post check (status = 'posted' or posted_credits = 0),
    constraint ledger_holds_expiry_after_creation check (expires_at > created_at)
);

-- The reaper's scan: pending holds by expiry.
create index ledger_holds_pending_by_expiry on ledger_holds (expires_at, job_id) where status = 'pending';

create table ledger_journal (
    entry_id              bigint      generated always as identity primary key,
    kind                  text        not null check (kind in ('grant', 'reserve', 'settle', 'release', 'expire')),
    -- every entry touches exactly one org account; kept here so a statement is one index range
    org_id                text        not null,
    -- No foreign keys here: each would take a KEY SHARE lock on system:revenue from every concurrent
    -- transaction (a MultiXact hot spot). The shape checks below pin both ids; the invariant check
    -- reports entries whose account does not exist.
    debit_account_id      text        not null,
    credit_account_id     text        not null,
    -- change of the pending counters of both accounts: +held on reserve, -held when the hold closes
    pending_delta_credits bigint      not null,
    -- credits moved into the posted counters of both accounts
    posted_credits        bigint      not null check (posted_credits >= 0),
    job_id                text,
    reference             text,
    created_at            timestamptz not null,
    constraint ledger_journal_double_entry check (debit_account_id <> credit_account_id),
    constraint ledger_journal_grant_shape check (kind <> 'grant' or (
        pending_delta_credits = 0 and posted_credits > 0 and reference is not null and job_id is null
        and debit_account_id = 'system:grants' and credit_account_id = 'org:' || org_id)),
    constraint ledger_journal_reserve_shape check (kind <> 'reserve' or (
        pending_delta_credits > 0 and posted_credits = 0 and job_id is not null)),
    constraint ledger_journal_settle_shape check (kind <> 'settle' or (
        pending_delta_credits < 0 and posted_credits <= -pending_delta_credits and job_id is not null)),
    constraint ledger_journal_void_shape check (kind not in ('release', 'expire') or (
        pending_delta_credits < 0 and posted_credits = 0 and job_id is not null)),
    constraint ledger_journal_hold_accounts check (kind = 'grant' or (
        debit_account_id = 'org:' || org_id and credit_account_id = 'system:revenue'))
);

create unique index ledger_journal_one_grant_per_reference on ledger_journal (reference) where kind = 'grant';
create unique index ledger_journal_one_reserve_per_job on ledger_journal (job_id) where kind = 'reserve';
create unique index ledger_journal_one_close_per_job on ledger_journal (job_id)
    where kind in ('settle', 'release', 'expire');
create index ledger_journal_by_org_and_time on ledger_journal (org_id, created_at, entry_id);

-- The journal is the record balances are recomputed from: it only grows.
create function ledger_journal_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'ledger_journal is append-only: % refused', tg_op using errcode = 'restrict_violation';
end;
$$;

create trigger ledger_journal_no_update_or_delete
    before update or delete on ledger_journal
    for each row execute function ledger_journal_refuse_change();

create trigger ledger_journal_no_truncate
    before truncate on ledger_journal
    for each statement execute function ledger_journal_refuse_change();
