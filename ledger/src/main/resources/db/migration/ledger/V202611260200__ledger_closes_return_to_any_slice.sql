-- A closing hold gives its credits back to whichever slice of its org no other transaction holds, not
-- necessarily the one it was taken from: a settle then never waits for the reserves and settles of other jobs
-- of the same org while a free slice exists, and a batch of settles changes one slice per org.
--
-- A slice's own counters can therefore go below zero (a slice that took back a hold it never held); what every
-- slice keeps is available >= 0, since a close only adds to available. The counters summed per account are
-- still exact: the invariant check compares them with the journal and the open holds.
alter table ledger_account_slices
    drop constraint ledger_account_slices_debits_pending_check,
    drop constraint ledger_account_slices_debits_posted_check,
    drop constraint ledger_account_slices_credits_posted_check;

comment on column ledger_holds.slice is
    'the slice of the org''s account the hold''s credits were taken from; closes give them back to any free slice';
