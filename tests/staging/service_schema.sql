-- SPDX-License-Identifier: MIT
-- The ledger service's own tables, as the Go service of the seed (Phase 4, shadow mode) has them in
-- PostgreSQL. This is the staging world's "foreign" schema: the cockpit did not create it and has none of its
-- own columns here (no change_seq, no system_key, no integer timestamps). tests/staging/staging-world.sh runs
-- it as the role staging_service, which therefore owns every table.
--
-- Sign convention: an account's balance = sum(credit amounts) - sum(debit amounts) of its entries. Every
-- transaction has at least two entries whose signed amounts sum to zero. System accounts (user_id NULL) may
-- go negative; user accounts never do (the service checks it before it posts, there is no constraint).
--
-- Ledger amounts are numeric(38,6); the legacy balances table has numeric(36,8) and columns the cockpit must
-- ignore. gen_random_uuid() is core since PostgreSQL 13.

CREATE TABLE users (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email       text        NOT NULL UNIQUE,
    status      text        NOT NULL DEFAULT 'active',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Account types: user accounts usdc_balance, fiat_exposure, pending_investment (created lazily on first
-- posting, or eagerly at sign-up); system accounts (user_id NULL) system_usdc_clearing and
-- system_investment_clearing.
CREATE TABLE ledger_accounts (
    id           uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid          NULL REFERENCES users(id),
    account_type text          NOT NULL,
    currency     text          NOT NULL DEFAULT 'USDC',
    balance      numeric(38,6) NOT NULL DEFAULT 0,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (user_id, account_type)
);
-- UNIQUE (user_id, account_type) does not hold for NULL user ids: one system account per type.
CREATE UNIQUE INDEX ledger_accounts_system_type ON ledger_accounts (account_type) WHERE user_id IS NULL;

CREATE TABLE ledger_transactions (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid        NULL,
    transaction_type text        NOT NULL,
    reference_id     uuid        NULL,
    reference_type   text        NULL,
    idempotency_key  text        NOT NULL UNIQUE,
    description      text,
    metadata         jsonb,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE ledger_entries (
    id             uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    transaction_id uuid          NOT NULL REFERENCES ledger_transactions(id),
    account_id     uuid          NOT NULL REFERENCES ledger_accounts(id),
    entry_type     text          NOT NULL CHECK (entry_type IN ('debit', 'credit')),
    amount         numeric(38,6) NOT NULL CHECK (amount > 0),
    currency       text          NOT NULL DEFAULT 'USDC',
    description    text,
    created_at     timestamptz   NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX ledger_entries_transaction_id ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_account_id ON ledger_entries (account_id);
-- The service's own time index (its statements and audits query entries by time); the cockpit's live mode
-- follows it as a change mark (ledger.service.entries.changeMark = created_at).
CREATE INDEX ledger_entries_created_at ON ledger_entries (created_at);

-- The legacy table (dual-written in shadow mode). Mapping the cockpit uses: ledger usdc_balance <->
-- pending_deposits, fiat_exposure <-> buying_power, pending_investment <-> pending_investments.
-- total_portfolio and currency are legacy columns the cockpit must ignore.
CREATE TABLE balances (
    user_id             uuid          PRIMARY KEY REFERENCES users(id),
    buying_power        numeric(36,8) NOT NULL DEFAULT 0,
    pending_deposits    numeric(36,8) NOT NULL DEFAULT 0,
    pending_investments numeric(36,8) NOT NULL DEFAULT 0,
    total_portfolio     numeric(36,8) NOT NULL DEFAULT 0,
    currency            text          NOT NULL DEFAULT 'USD',
    updated_at          timestamptz   NOT NULL DEFAULT now()
);
-- Likewise for the legacy table's last change (ledger.service.legacy.changeMark = updated_at).
CREATE INDEX balances_updated_at ON balances (updated_at);
