// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/ledger_schema.h"
#include "ledger/ledger_store.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace Cockpit {

// The SQL shared by the SQLite and PostgreSQL stores (bound parameters only; identifiers that cannot be
// bound, the legacy column names, come from the validated config mapping). Subclasses supply the
// connection, the money column representation and the dialect's overflow guard.
// Threading: as LedgerStore, one thread per instance.
class SqlLedgerStore : public LedgerStore
{
public:
    ~SqlLedgerStore() override;

    Result<void> open() override;
    bool isWritable() const override { return m_writable; }
    QString readOnlyReason() const override { return m_readOnlyReason; }
    int schemaVersion() const override { return m_schemaVersion; }
    QString describe() const override { return m_config.describe(); }
    bool isSqlite() const override { return m_dialect == LedgerSchema::Dialect::Sqlite; }
    QList<AccountMapping> mapping() const override { return m_mapping; }

    Result<void> begin() override;
    Result<void> commit() override;
    Result<void> beginReadSnapshot() override;
    Result<void> endReadSnapshot() override;
    Result<void> rollback() override;
    bool inTransaction() const override { return m_inTransaction; }
    Result<void> savepoint(const QString &name) override;
    Result<void> releaseSavepoint(const QString &name) override;
    Result<void> rollbackToSavepoint(const QString &name) override;

    PostResult post(const LedgerTransaction &transaction, const TransactionRequest &request,
                    qint64 nowMs) override;
    Result<void> applyLegacyDelta(const QString &userId, const QList<QPair<QString, Money>> &deltas,
                                  qint64 changeSeq, qint64 nowMs) override;

    Result<QMap<QString, Money>> ledgerBalances(const QString &userId) override;
    Result<QMap<QString, Money>> legacyBalances(const QString &userId) override;
    Result<QList<HistoryEntry>> history(const QString &userId, int limit) override;
    Result<QStringList> userIds(int limit) override;

    Result<void> recordShadowFailure(const ShadowFailure &failure) override;
    Result<void> recordDiscrepancy(const Discrepancy &discrepancy) override;
    Result<QList<ShadowFailure>> shadowFailures(int limit) override;
    Result<qint64> shadowFailureCount() override;
    Result<QList<Discrepancy>> discrepancies(qint64 sinceMs, int limit) override;

    Result<void> writeMetrics(const QList<MetricRow> &rows) override;
    Result<QList<MetricRow>> readMetrics(qint64 sinceSecond) override;

    Result<QStringList> checkInvariants() override;

protected:
    SqlLedgerStore(DatabaseConfig config, QList<AccountMapping> mapping, LedgerSchema::Dialect dialect);

    virtual QString driverName() const = 0;
    // Sets database name, host, options... on the not yet opened connection.
    virtual Result<void> configureConnection(QSqlDatabase &db) = 0;
    // Session settings after connecting (pragmas, client_min_messages).
    virtual Result<void> afterOpen(QSqlDatabase &db) = 0;
    virtual QString beginStatement() const = 0;
    // The statements that open a read snapshot (run in order).
    virtual QStringList readSnapshotStatements() const = 0;
    virtual Result<QVariant> bindMoney(Money amount) const = 0;
    virtual std::optional<Money> readMoney(const QVariant &value) const = 0;
    // How a money column is selected so that readMoney() gets it exactly.
    virtual QString moneySelect(const QString &column) const = 0;
    // A condition that is false when evaluating `expression` overflowed the column type.
    virtual QString overflowGuard(const QString &expression) const = 0;
    // Whether SAVEPOINT, BEGIN and COMMIT can be prepared once and re-executed (not on PostgreSQL, whose
    // PREPARE takes only queries and DML).
    virtual bool canPrepareControlStatements() const = 0;

    // Prepares the statements of the write and read paths, after the schema is current.
    virtual Result<void> prepareStatements();
    // Runs a transaction-control statement (BEGIN, COMMIT, SAVEPOINT...).
    virtual Result<void> control(const QString &sql, const QString &step) { return exec(sql, step); }

    QSqlDatabase database() const;
    QString sqlError(const QSqlQuery &query, const QString &step) const;
    Result<void> exec(const QString &sql, const QString &step);
    Result<void> writeGuard() const;
    // The checks of post() that need no database: open transaction, idempotency key, >= 2 positive
    // entries, debits == credits. A refusal as post() returns it, or nullopt when the request is fine.
    std::optional<PostResult> checkRequest(const TransactionRequest &request) const;
    // The message of a guarded balance update that matched no row: insufficient funds or overflow.
    QString describeShortfall(qint64 accountId, const AccountRef &ref, Money delta);
    // The account-id cache (see m_accounts): a cached id or 0, and an id found inside the transaction.
    static QString accountKey(const AccountRef &ref);
    qint64 cachedAccountId(const QString &key) const;
    void rememberAccountId(const QString &key, qint64 id) { m_txAccounts.insert(key, id); }

private:
    Result<void> migrate();
    Result<void> checkSchemaReadOnly();
    QString newerSchemaReason(int version) const;
    Result<void> checkMappedColumns();
    Result<qint64> accountId(const AccountRef &ref, qint64 nowMs);
    QSqlQuery &legacyUpsert(const QStringList &columns);

    DatabaseConfig m_config;
    QList<AccountMapping> m_mapping;
    LedgerSchema::Dialect m_dialect;
    QString m_connectionName;
    bool m_writable = false;
    QString m_readOnlyReason;
    int m_schemaVersion = 0;
    bool m_inTransaction = false;

    // Account ids never change once created, so they are cached; ids first seen inside the open
    // transaction are kept apart and dropped if it (or a savepoint) rolls back.
    QHash<QString, qint64> m_accounts;
    QHash<QString, qint64> m_txAccounts;

    QSqlQuery m_insertTransaction;
    QSqlQuery m_updateBalance;
    QSqlQuery m_insertEntry;
    QSqlQuery m_selectUserAccount;
    QSqlQuery m_selectSystemAccount;
    QSqlQuery m_insertUser;
    QSqlQuery m_insertAccount;
    QSqlQuery m_selectLedgerBalances;
    QSqlQuery m_selectLegacyBalances;
    QHash<QString, QSqlQuery> m_legacyUpserts;
    // Transaction-control statements (BEGIN, SAVEPOINT...) prepared once where the driver allows it.
    QHash<QString, QSqlQuery> m_controlStatements;
    QSqlDatabase m_db;
};

} // namespace Cockpit
