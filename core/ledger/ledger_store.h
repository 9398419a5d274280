// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "ledger/ledger_types.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Cockpit {

class LedgerConnection;

// Proof that a database transaction is open on a store: post() requires one, and only
// LedgerConnection::openTransaction() makes one, while a transaction begun with begin() is open. A token kept
// past its commit or rollback is refused by the next post().
class LedgerTransaction
{
private:
    friend class LedgerConnection;
    LedgerTransaction(const LedgerConnection *connection, quint64 serial)
        : m_connection(connection)
        , m_serial(serial)
    {}

    const LedgerConnection *m_connection;
    quint64 m_serial;
};

// The ledger database is one store with four responsibilities, each its own interface below so that a
// reader sees one at a time and a caller can ask for only what it uses. Common to all of them:
// Threading: a store owns one database connection and must be used only from the thread that called
// open() (QtSql's rule). Give each worker thread its own store; the database serialises writers.
// Errors: a failed step's message names the database and the step.

// The connection: schema, transactions, read snapshots and savepoints. Writes happen only between begin()
// and commit(); nothing written survives a rollback().
class LedgerConnection
{
public:
    virtual ~LedgerConnection() = default;

    // Connects, creates or migrates the schema, and checks that every mapped legacy column exists.
    // A database of a newer, unknown schema version opens read-only (isWritable() false, with the reason).
    virtual Result<void> open() = 0;
    virtual bool isWritable() const = 0;
    virtual QString readOnlyReason() const = 0;
    virtual int schemaVersion() const = 0;
    virtual QString describe() const = 0;
    virtual bool isSqlite() const = 0;
    virtual QList<AccountMapping> mapping() const = 0;

    virtual Result<void> begin() = 0;
    virtual Result<void> commit() = 0;
    virtual Result<void> rollback() = 0;
    virtual bool inTransaction() const = 0;
    // The token post() needs, while a transaction begun with begin() is open; nullopt otherwise.
    std::optional<LedgerTransaction> openTransaction() const;
    // A read-only transaction, so that several reads see one snapshot (a compare-on-read must not see a
    // commit between its ledger and its legacy read): SQLite a deferred BEGIN whose snapshot is taken at
    // once, PostgreSQL REPEATABLE READ READ ONLY. Only outside begin()/commit(); nothing may be written
    // until endReadSnapshot().
    virtual Result<void> beginReadSnapshot() = 0;
    virtual Result<void> endReadSnapshot() = 0;
    // Nested undo points inside begin()/commit(); names are plain identifiers.
    virtual Result<void> savepoint(const QString &name) = 0;
    virtual Result<void> releaseSavepoint(const QString &name) = 0;
    virtual Result<void> rollbackToSavepoint(const QString &name) = 0;
    // Whether a failed statement poisons the surrounding transaction (PostgreSQL), so that a write which
    // may fail on its own must run inside a savepoint.
    virtual bool failedStatementAbortsTransaction() const = 0;

protected:
    // Called by begin() once the transaction is open: tokens of earlier transactions stop counting.
    void transactionStarted() { ++m_transactionSerial; }
    // Success when `transaction` is the one open on this store now, else the error post() returns.
    Result<void> checkTransaction(const LedgerTransaction &transaction) const;

private:
    quint64 m_transactionSerial = 0;
};

// The double-entry ledger: posting balanced transactions, and reading balances and history back.
class LedgerBook
{
public:
    virtual ~LedgerBook() = default;

    // Posts one balanced transaction inside the open database transaction. Duplicate when the
    // (referenceType, referenceId) pair was posted before (nothing changes); Rejected for bad input or a
    // user balance that would go negative. After Error (and after Rejected unless refusesBeforeWriting())
    // the caller must roll back (or roll back to its savepoint): earlier statements of this post may have
    // run.
    virtual PostResult post(const LedgerTransaction &transaction, const TransactionRequest &request,
                            qint64 nowMs) = 0;
    // Whether post() finds every refusal (Duplicate, Rejected) before its first write, so that a refused
    // post leaves nothing to undo and a caller needs no savepoint just for refusals.
    virtual bool refusesBeforeWriting() const { return false; }

    // Balances by account type; a user without rows has an empty map.
    virtual Result<QMap<QString, Money>> ledgerBalances(const QString &userId) = 0;
    virtual Result<QList<HistoryEntry>> history(const QString &userId, int limit) = 0;
    virtual Result<QStringList> userIds(int limit) = 0;
};

// The legacy `balances` table the services still write (through the facade during the migration).
class LegacyBalanceTable
{
public:
    virtual ~LegacyBalanceTable() = default;

    // Adds the signed deltas to the user's legacy columns (creating the row when missing); inside begin().
    virtual Result<void> applyLegacyDelta(const QString &userId, const QList<QPair<QString, Money>> &deltas,
                                          qint64 changeSeq, qint64 nowMs) = 0;
    // Balances by legacy column (only the mapped columns); a user without a row has all zeros.
    virtual Result<QMap<QString, Money>> legacyBalances(const QString &userId) = 0;
};

// What the migration records about itself: shadow-write failures, discrepancies found on read, and the
// per-second metrics its alerts and gates are computed from.
class LedgerTelemetryLog
{
public:
    virtual ~LedgerTelemetryLog() = default;

    virtual Result<void> recordShadowFailure(const ShadowFailure &failure) = 0;
    virtual Result<void> recordDiscrepancy(const Discrepancy &discrepancy) = 0;
    virtual Result<QList<ShadowFailure>> shadowFailures(int limit) = 0;
    virtual Result<qint64> shadowFailureCount() = 0;
    virtual Result<QList<Discrepancy>> discrepancies(qint64 sinceMs, int limit) = 0;

    virtual Result<void> writeMetrics(const QList<MetricRow> &rows) = 0;
    virtual Result<QList<MetricRow>> readMetrics(qint64 sinceSecond) = 0;
};

// The ledger's own invariants: every transaction has >= 2 entries summing to zero, every account's balance
// equals the signed sum of its entries, no user balance is negative.
class LedgerInvariantCheck
{
public:
    virtual ~LedgerInvariantCheck() = default;

    // One line per violation; empty when the ledger is sound.
    virtual Result<QStringList> checkInvariants() = 0;
};

// The whole store, as the facade, the workload and the CLI open it: SQLite or PostgreSQL.
class LedgerStore : public LedgerConnection,
                    public LedgerBook,
                    public LegacyBalanceTable,
                    public LedgerTelemetryLog,
                    public LedgerInvariantCheck
{
public:
    // SQLite or PostgreSQL according to `config`; `mapping` names the legacy columns read and written.
    static std::unique_ptr<LedgerStore> create(const DatabaseConfig &config,
                                               const QList<AccountMapping> &mapping);
    static int latestSchemaVersion();
};

} // namespace Cockpit
