// SPDX-License-Identifier: MIT
#include "ledger/ledger_schema.h"

#include <span>

namespace Cockpit {

namespace {

// {ID}: auto-increment primary key; {MONEY}: exact amount column (SQLite: INTEGER micro-units,
// PostgreSQL: NUMERIC(38,6), see docs/ledger.md); {TEXT}: text column.
const char *const version1[] = {
    "CREATE TABLE IF NOT EXISTS users ("
    " id TEXT PRIMARY KEY,"
    " created_at BIGINT NOT NULL DEFAULT 0)",

    "CREATE TABLE IF NOT EXISTS ledger_accounts ("
    " id {ID},"
    " user_id TEXT REFERENCES users(id),"
    " system_key TEXT UNIQUE,"
    " account_type TEXT NOT NULL,"
    " currency TEXT NOT NULL DEFAULT 'USDC',"
    " balance {MONEY} NOT NULL DEFAULT 0,"
    " change_seq BIGINT NOT NULL DEFAULT 0,"
    " created_at BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL,"
    " UNIQUE (user_id, account_type),"
    " CHECK ((user_id IS NULL) <> (system_key IS NULL)),"
    " CHECK (user_id IS NULL OR balance >= 0))",
    "CREATE INDEX IF NOT EXISTS ledger_accounts_change_seq ON ledger_accounts (change_seq)",
    "CREATE INDEX IF NOT EXISTS ledger_accounts_type ON ledger_accounts (account_type, user_id)",

    "CREATE TABLE IF NOT EXISTS ledger_transactions ("
    " id {ID},"
    " reference_type TEXT NOT NULL,"
    " reference_id TEXT NOT NULL,"
    " description TEXT NOT NULL DEFAULT '',"
    " created_at BIGINT NOT NULL,"
    " UNIQUE (reference_type, reference_id))",

    "CREATE TABLE IF NOT EXISTS ledger_entries ("
    " id {ID},"
    " transaction_id BIGINT NOT NULL REFERENCES ledger_transactions(id),"
    " account_id BIGINT NOT NULL REFERENCES ledger_accounts(id),"
    " entry_type TEXT NOT NULL CHECK (entry_type IN ('debit', 'credit')),"
    " amount {MONEY} NOT NULL CHECK (amount > 0),"
    " created_at BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ledger_entries_transaction ON ledger_entries (transaction_id)",
    "CREATE INDEX IF NOT EXISTS ledger_entries_account ON ledger_entries (account_id, id)",

    // The legacy service's table, as the service has it; change_seq lets the reconciler find changed users.
    "CREATE TABLE IF NOT EXISTS balances ("
    " user_id TEXT PRIMARY KEY,"
    " pending_deposits {MONEY} NOT NULL DEFAULT 0,"
    " buying_power {MONEY} NOT NULL DEFAULT 0,"
    " pending_investments {MONEY} NOT NULL DEFAULT 0,"
    " change_seq BIGINT NOT NULL DEFAULT 0,"
    " updated_at BIGINT NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS balances_change_seq ON balances (change_seq)",

    "CREATE TABLE IF NOT EXISTS ledger_shadow_failures ("
    " id {ID},"
    " at_ms BIGINT NOT NULL,"
    " user_id TEXT NOT NULL,"
    " operation TEXT NOT NULL,"
    " reference_type TEXT NOT NULL,"
    " reference_id TEXT NOT NULL,"
    " error TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ledger_shadow_failures_at ON ledger_shadow_failures (at_ms)",

    "CREATE TABLE IF NOT EXISTS ledger_discrepancy_events ("
    " id {ID},"
    " at_ms BIGINT NOT NULL,"
    " user_id TEXT NOT NULL,"
    " account_type TEXT NOT NULL,"
    " legacy_column TEXT NOT NULL,"
    " ledger_value TEXT NOT NULL,"
    " legacy_value TEXT NOT NULL,"
    " source TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ledger_discrepancy_events_at ON ledger_discrepancy_events (at_ms)",

    "CREATE TABLE IF NOT EXISTS ledger_metrics ("
    " second BIGINT NOT NULL,"
    " metric TEXT NOT NULL,"
    " label TEXT NOT NULL,"
    " count BIGINT NOT NULL,"
    " histogram TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS ledger_metrics_second ON ledger_metrics (second)",
};

// Version 2: the reconciler reads every user's accounts in user order (a merge with `balances` on SQLite,
// the pivot of the FULL JOIN on PostgreSQL). A covering index makes that an index-only scan instead of a
// walk of the (user_id, account_type) unique index plus one table lookup per account.
const char *const version2Sqlite[] = {
    "CREATE INDEX IF NOT EXISTS ledger_accounts_user_balance ON ledger_accounts (user_id, account_type, balance)",
};
const char *const version2Postgres[] = {
    "CREATE INDEX IF NOT EXISTS ledger_accounts_user_balance ON ledger_accounts (user_id, account_type)"
    " INCLUDE (balance)",
};

// Version 3: the reconciler finds the users changed since a mark through the ledger's own transactions
// (`ledger_entries.transaction_id`, already indexed) instead of `change_seq` indexes. The cockpit's legacy
// writes carry the id of the ledger transaction they shadow, so that user is in the same set. Each indexed
// `change_seq` cost every account and legacy write a delete and an insert in its index.
const char *const version3[] = {
    "DROP INDEX IF EXISTS ledger_accounts_change_seq",
    "DROP INDEX IF EXISTS balances_change_seq",
};

// Version 4 (SQLite only) dropped the index on `ledger_entries.transaction_id` to make postings cheaper.
// Version 5 undoes it: the invariant checks and the references read it, and integrity is not traded for a
// benchmark figure (docs/performance.md).
const char *const version4Sqlite[] = {
    "DROP INDEX IF EXISTS ledger_entries_transaction",
};

// Version 5: one integrity model on both databases. The transaction index is back everywhere. SQLite
// enforces a declared foreign key only on connections that ask for it (PRAGMA foreign_keys), so a row
// written behind the store's back could still point nowhere; these triggers refuse it on every connection,
// as PostgreSQL's foreign keys do.
const char *const version5[] = {
    "CREATE INDEX IF NOT EXISTS ledger_entries_transaction ON ledger_entries (transaction_id)",
};
const char *const version5Sqlite[] = {
    "CREATE TRIGGER IF NOT EXISTS ledger_entries_references BEFORE INSERT ON ledger_entries"
    " WHEN NOT EXISTS (SELECT 1 FROM ledger_transactions WHERE id = NEW.transaction_id)"
    " OR NOT EXISTS (SELECT 1 FROM ledger_accounts WHERE id = NEW.account_id)"
    " BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: ledger entry refers to a transaction or an"
    " account that does not exist'); END",
    "CREATE TRIGGER IF NOT EXISTS ledger_accounts_references BEFORE INSERT ON ledger_accounts"
    " WHEN NEW.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)"
    " BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: ledger account refers to a user that does"
    " not exist'); END",
    "CREATE TRIGGER IF NOT EXISTS ledger_accounts_user_change BEFORE UPDATE OF user_id ON ledger_accounts"
    " WHEN NEW.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)"
    " BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: ledger account refers to a user that does"
    " not exist'); END",
    "CREATE TRIGGER IF NOT EXISTS users_referenced BEFORE DELETE ON users"
    " WHEN EXISTS (SELECT 1 FROM ledger_accounts WHERE user_id = OLD.id)"
    " BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: the user has ledger accounts'); END",
};

const char *const sqliteImmutable[] = {
    "CREATE TRIGGER IF NOT EXISTS ledger_entries_immutable_update BEFORE UPDATE ON ledger_entries"
    " BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable; post a correcting transaction'); END",
    "CREATE TRIGGER IF NOT EXISTS ledger_entries_immutable_delete BEFORE DELETE ON ledger_entries"
    " BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable; post a correcting transaction'); END",
    "CREATE TRIGGER IF NOT EXISTS ledger_transactions_immutable_update BEFORE UPDATE ON ledger_transactions"
    " BEGIN SELECT RAISE(ABORT, 'ledger transactions are immutable'); END",
    "CREATE TRIGGER IF NOT EXISTS ledger_transactions_immutable_delete BEFORE DELETE ON ledger_transactions"
    " BEGIN SELECT RAISE(ABORT, 'ledger transactions are immutable'); END",
};

const char *const postgresImmutable[] = {
    "CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN RAISE EXCEPTION '% rows are immutable; post a correcting transaction', TG_TABLE_NAME; END $$",
    "DROP TRIGGER IF EXISTS ledger_entries_immutable ON ledger_entries",
    "CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries"
    " FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()",
    "DROP TRIGGER IF EXISTS ledger_transactions_immutable ON ledger_transactions",
    "CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE OR DELETE ON ledger_transactions"
    " FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()",
};

} // namespace

QString LedgerSchema::expandTypes(const char *sql, Dialect dialect)
{
    const bool pg = dialect == Dialect::Postgres;
    QString s = QString::fromLatin1(sql);
    s.replace(QLatin1String("{ID}"), pg ? QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                                        : QLatin1String("INTEGER PRIMARY KEY"));
    s.replace(QLatin1String("{MONEY}"), pg ? QLatin1String("NUMERIC(38,6)") : QLatin1String("INTEGER"));
    return s;
}

QString LedgerSchema::danglingReferencesQuery()
{
    return QStringLiteral(
        "SELECT 'entry', e.id, 'transaction', e.transaction_id FROM ledger_entries e"
        " WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.id = e.transaction_id)"
        " UNION ALL SELECT 'entry', e.id, 'account', e.account_id FROM ledger_entries e"
        " WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = e.account_id)"
        " UNION ALL SELECT 'account', a.id, 'user', a.user_id FROM ledger_accounts a"
        " WHERE a.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = a.user_id)");
}

int LedgerSchema::latestVersion()
{
    return 5;
}

QStringList LedgerSchema::migration(int version, Dialect dialect)
{
    QStringList statements;
    const bool pg = dialect == Dialect::Postgres;
    if (version == 5) {
        for (const char *sql : version5)
            statements.append(QString::fromLatin1(sql));
        if (!pg) {
            for (const char *sql : version5Sqlite)
                statements.append(QString::fromLatin1(sql));
        }
        return statements;
    }
    if (version == 4) {
        if (!pg) {
            for (const char *sql : version4Sqlite)
                statements.append(QString::fromLatin1(sql));
        }
        return statements;
    }
    if (version == 3) {
        for (const char *sql : version3)
            statements.append(QString::fromLatin1(sql));
        return statements;
    }
    if (version == 2) {
        for (const char *sql : pg ? std::span<const char *const>(version2Postgres)
                                  : std::span<const char *const>(version2Sqlite))
            statements.append(QString::fromLatin1(sql));
        return statements;
    }
    if (version != 1)
        return statements;
    for (const char *sql : version1)
        statements.append(expandTypes(sql, dialect));
    if (dialect == Dialect::Postgres) {
        for (const char *sql : postgresImmutable)
            statements.append(QString::fromLatin1(sql));
    } else {
        for (const char *sql : sqliteImmutable)
            statements.append(QString::fromLatin1(sql));
    }
    return statements;
}

} // namespace Cockpit
