// SPDX-License-Identifier: MIT
#pragma once

#include "db/sqlite_statement.h"
#include "ledger/sql_ledger_store.h"
#include "ledger/sqlite_balance_cache.h"

#include <unordered_map>

namespace Cockpit {

// The ledger in an SQLite file (demo, tests): WAL journal, synchronous=FULL so a committed transaction
// survives a power loss, money as INTEGER micro-units (exact; see docs/ledger.md for why not TEXT).
//
// The hot paths (post, the legacy write, balance reads, transaction control) run on SQLite's C API
// (SqliteStatement) instead of QtSql: QtSql's QVariant binding and result buffering cost more than the
// statements themselves. Everything else (schema, reports, metrics) stays on the shared QtSql code.
//
// Account balance writes are deferred to the end of the transaction (SqliteBalanceCache): each touched
// account is written once, with its final balance, before COMMIT, a savepoint or the invariant check, instead
// of once per post; balance reads overlay the deferred balances. The legacy write is not deferred: its
// failure must show in the operation that caused it (a shadow-write failure in shadow mode, a failed
// operation in strict mode).
//
// Threading: as LedgerStore, one thread per instance; several instances (threads or processes) may share
// the file, writers wait up to 5 s for each other.
class SqliteLedgerStore : public SqlLedgerStore
{
public:
    SqliteLedgerStore(DatabaseConfig config, QList<AccountMapping> mapping);
    ~SqliteLedgerStore() override;

    bool failedStatementAbortsTransaction() const override { return false; }
    bool refusesBeforeWriting() const override { return true; }

    Result<void> begin() override;
    Result<void> commit() override;
    Result<void> rollback() override;
    Result<void> savepoint(const QString &name) override;
    Result<void> rollbackToSavepoint(const QString &name) override;
    PostResult post(const LedgerTransaction &transaction, const TransactionRequest &request,
                    qint64 nowMs) override;
    Result<void> applyLegacyDelta(const QString &userId, const QList<QPair<QString, Money>> &deltas,
                                  qint64 changeSeq, qint64 nowMs) override;
    Result<QMap<QString, Money>> ledgerBalances(const QString &userId) override;
    Result<QMap<QString, Money>> legacyBalances(const QString &userId) override;
    Result<QStringList> checkInvariants() override;

protected:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    Result<void> configureConnection(QSqlDatabase &db) override;
    Result<void> afterOpen(QSqlDatabase &db) override;
    // IMMEDIATE takes the write lock at once, so two writers queue instead of failing on lock upgrade.
    QString beginStatement() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    // A deferred BEGIN takes its snapshot at the first read: one small read takes it at once, so its cost
    // (the page cache check after other connections' commits) falls on neither side of a compared read.
    QStringList readSnapshotStatements() const override
    {
        return {QStringLiteral("BEGIN"), QStringLiteral("SELECT 1 FROM sqlite_schema LIMIT 1")};
    }
    Result<QVariant> bindMoney(Money amount) const override;
    std::optional<Money> readMoney(const QVariant &value) const override;
    QString moneySelect(const QString &column) const override { return column; }
    bool canPrepareControlStatements() const override { return true; }
    // SQLite turns an overflowing integer sum into a REAL instead of failing; refuse that row instead.
    QString overflowGuard(const QString &expression) const override
    {
        return QLatin1String("typeof(") + expression + QLatin1String(") = 'integer'");
    }
    Result<void> prepareStatements() override;
    Result<void> control(const QString &sql, const QString &step) override;

private:
    struct AccountState
    {
        qint64 id = 0; // 0: the account does not exist yet
        qint64 balance = 0;
    };
    // The account's id and current balance (reads only, or none when both are cached).
    Result<AccountState> accountState(const AccountRef &ref, const QString &key);
    Result<qint64> createAccount(const AccountRef &ref, const QString &key, qint64 nowMs);
    // A post refused by the checks: Duplicate when the reference was posted before, else Rejected.
    PostResult refuse(const TransactionRequest &request, const QString &message);
    QString statementError(const SqliteStatement &statement, const QString &step) const;
    // Writes the deferred balances before anything can see the tables; on failure rolls the whole
    // transaction back (part of the writes may have run) and returns why.
    Result<void> writeDeferred();

    DatabaseConfig m_sqliteConfig;
    sqlite3 *m_handle = nullptr;
    SqliteStatement m_insertTransaction;
    SqliteStatement m_insertEntry;
    SqliteStatement m_insertEntryPair;
    SqliteStatement m_selectUserAccount;
    SqliteStatement m_selectSystemAccount;
    SqliteStatement m_selectBalance;
    SqliteStatement m_selectTransaction;
    SqliteStatement m_dataVersion;
    SqliteStatement m_insertUser;
    SqliteStatement m_insertAccount;
    SqliteStatement m_selectLedgerBalances;
    SqliteStatement m_selectLegacyBalances;
    // The legacy write covers all mapped columns; a column without a delta adds 0.
    SqliteStatement m_legacyUpdate;
    SqliteStatement m_legacyInsert;
    // Balances as this connection last read or wrote them, and the writes deferred to the end of the
    // transaction. Valid while no other connection committed (PRAGMA data_version, checked by begin() once
    // the write lock is held) and dropped by every rollback; it spares post() a read per account. Every
    // deferred write compares the row with the value the cache started from, so a wrong entry could only
    // fail a transaction, never corrupt a balance.
    SqliteBalanceCache m_cache;
    qint64 m_dataVersionSeen = -1;
    // The mapped account types, UTF-8 and as the QString handed out by ledgerBalances().
    QList<std::pair<QByteArray, QString>> m_accountTypes;
    // Why the store rolled the open transaction back itself (a deferred write failed); commit() reports it.
    QString m_rolledBack;
    // BEGIN, COMMIT, SAVEPOINT <name>... by their SQL text.
    std::unordered_map<QString, SqliteStatement> m_control;
};

} // namespace Cockpit
