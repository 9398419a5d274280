// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "reconcile/reconcile_connection.h"
#include "reconcile/reconcile_types.h"

#include <QMutex>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Cockpit {

class DiscrepancyStore;
class PostgresPartQuery;
class SqliteSplitMerge;

// Compares every user's ledger balance per mapped account type with the mapped legacy `balances` column,
// set-based (PostgreSQL: one FULL JOIN query; SQLite: a merge of two ordered index scans, as SQLite has no
// merge join), streams each discrepancy to a callback as it is found, checks the ledger's own invariants,
// and records the run and its discrepancies (first/last seen, resolved by the run that no longer sees them).
// A full run on a large database is split by user key into parts compared at the same time on connections
// of their own (SqliteSplitMerge, PostgresPartQuery), all on the run's snapshot.
//
// A run reads one consistent snapshot, then writes its results in one short transaction: a cancelled or
// failed run stores no discrepancies and is recorded as cancelled/failed with the reason, so it is never
// mistaken for a complete one. A run left "running" by a process that died is marked interrupted by the
// next open() on the same host.
//
// Threading: open() and run() and the queries belong to one thread (the connection's, QtSql's rule).
// cancel() may be called from any thread: it sets a flag checked between rows and interrupts the statement
// the database is executing (sqlite3_interrupt / PQcancel).
class Reconciler
{
public:
    static constexpr int MaxListedViolations = 100;

    struct Options
    {
        Money tolerance = Money::fromMicros(10000); // 0.01: only a larger difference is a discrepancy
        RunKind kind = RunKind::Full;
        std::optional<QStringList> users; // Incremental: the users to re-check
        bool checkInvariants = true;      // full runs only
        bool record = true;               // store the run and its discrepancies
        // Full runs: how many key ranges are compared at the same time (SQLite: threads, PostgreSQL: server
        // backends). 0: automatic, two (one on a single core) on a database of SplitMinUsers users or more,
        // else one. Subsets (incremental runs) always use one.
        int parts = 0;
        // Tests: split at these user ids (ascending in the database's order) instead of the estimate;
        // parts is then their number + 1.
        QStringList splitKeys;
        // Tests: called once every part holds the run's snapshot, before the comparison reads a row.
        std::function<void()> snapshotTaken;
    };
    // Below this many legacy users (estimated) a full run compares in one part.
    static constexpr qint64 SplitMinUsers = 100000;
    using RowSink = std::function<void(const DiscrepancyRecord &)>;
    // Called at each stage with the percentage done and a message.
    using StageSink = std::function<void(int percent, const QString &message)>;

    // The cockpit's own ledger database (owned: its schema is created and migrated on first use).
    Reconciler(DatabaseConfig database, QList<AccountMapping> mapping);
    // An environment's ledger: owned or observed (ReconcileStorage).
    Reconciler(ReconcileStorage storage, QList<AccountMapping> mapping);
    ~Reconciler();

    // Connects and checks what a run needs. Owned: creates or migrates the ledger schema (through the
    // ledger lane's store) and the reconciler's tables. Observed: changes nothing; checks that every
    // configured table and column exists and is readable (naming the config key of one that is not) and
    // that the cockpit's schema is set up. Then marks runs of dead processes interrupted (unless the
    // session is read-only). A connection that fails is Unreachable; a cockpit schema that is missing is
    // NotSetUp.
    Result<void> open();
    // Whether runs can be recorded: false in a read-only session (runs are compared and reported, nothing
    // is stored).
    bool canRecord() const;
    bool isOpen() const;
    QString describe() const { return m_connection.describe(); }
    bool isSqlite() const { return m_connection.config().isSqlite(); }
    bool isObserved() const { return m_connection.storage().observed; }
    QList<AccountMapping> mapping() const { return m_mapping; }

    RunSummary run(const Options &options, const RowSink &sink = {}, const StageSink &stage = {});
    void cancel();
    // Expected duration of a run of `kind` from the last complete one; nullopt when none is known.
    std::optional<qint64> expectedDurationMs(RunKind kind);

    // Live mode on SQLite: the newest ledger entry id, and the users with entries after a mark.
    Result<qint64> highWaterMark();
    Result<QStringList> changedUsers(qint64 afterEntry);
    // Live mode on an observed database: the newest values of the service's change-mark columns
    // (entries, legacy; a null string where none is configured or the table is empty), and the users with
    // a row beyond given marks. Reads only the service's tables, which the marks' indexes make cheap.
    Result<QStringList> changeMarks();
    Result<QStringList> usersChangedAfter(const QStringList &marks);
    // Observed: on how many of the service's tables an operator installed the live triggers (0 to 2).
    Result<int> liveTriggerTables();

    // The reconciler's tables over this connection (for the CLI and the view's worker).
    DiscrepancyStore &store();
    QSqlDatabase database() const { return m_connection.database(); }
    ReconcileSql::Dialect dialect() const { return m_connection.dialect(); }

private:
    struct Collector;
    Result<void> compare(const Options &options, RunSummary &summary, QList<DiscrepancyRecord> &rows,
                         const RowSink &sink, const StageSink &stage);
    // SQLite: the merge of two ordered covering scans (SqliteMergeScan). PostgreSQL: one FULL JOIN query.
    Result<void> compareSqlite(Collector &collector, const StageSink &stage);
    Result<void> comparePostgres(Collector &collector, const StageSink &stage);
    Result<void> checkInvariants(RunSummary &summary);
    Result<void> persist(const Options &options, RunSummary &summary, const QList<DiscrepancyRecord> &rows);
    void finishFailed(RunSummary &summary, const QString &error);
    bool cancelled() const { return m_cancel.load(); }
    int partsFor(const Options &options) const;
    // The run's connection, plus the parts' connections of a split run (sqlite3* or PGconn*).
    void armInterrupt(const QList<void *> &partConnections = {});
    void disarmInterrupt();

    ReconcileConnection m_connection;
    QList<AccountMapping> m_mapping;
    bool m_opened = false;
    ReconcileSql::Names m_names; // the service's tables (observed), the defaults (owned)
    std::unique_ptr<DiscrepancyStore> m_store;
    std::atomic<bool> m_cancel{false};
    QMutex m_interruptMutex;          // guards m_interruptHandles against cancel() from another thread
    QList<void *> m_interruptHandles; // sqlite3* or PGcancel* of the running statements
    std::unique_ptr<SqliteSplitMerge> m_sqliteSplit;
    std::vector<std::unique_ptr<PostgresPartQuery>> m_postgresParts; // kept open between runs
    QList<RunSummary> m_unrecorded; // failures the database could not take; written at the next open()
};

} // namespace Cockpit
