// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "ledger/money.h"
#include "reconcile/sqlite_merge_scan.h"

#include <QByteArray>
#include <QList>

#include <functional>
#include <vector>

struct sqlite3;

namespace Cockpit {

// A full SQLite comparison split by user key into parts merged at the same time, one thread each: part 0
// on the run's own connection in the calling thread (its discrepancies stream as found), the others on
// connections of their own in worker threads. One SqliteMergeScan reads both covering indexes in user order
// and spends most of its time in SQLite's stepping and column reads, which one core does alone; two parts
// use two cores, which pays off when a core is idle and costs a little when none is (docs/performance.md).
//
// Same snapshot: a WAL reader's snapshot is fixed by its first read. begin() holds the write lock
// (BEGIN IMMEDIATE on a connection of its own) while the run's connection and every part's connection take
// their first read, so no writer can commit between them, then releases it at once: writers wait for a
// few reads, never for the comparison. A run in one part takes no lock; when a writer keeps the lock
// longer than LockWaitMs, the run goes on in one part rather than waiting or failing.
//
// Result: the same users in the same order as one scan. The parts are the half-open ranges between the
// split keys, a partition of the key space whatever the keys are, so only the balance of the work depends
// on them (sampled: the median of user ids read at evenly spaced rowids of `balances`, a few dozen index
// seeks). The workers keep only the users with a finding; they are handed to the sink after part 0, in
// order, so the sink is only ever called on the calling thread.
//
// Threading: begin(), run(), end() on the run's thread; connections() for sqlite3_interrupt from any.
class SqliteSplitMerge
{
public:
    // Below this many rows of `balances` (estimated from the rowid range) sampled keys are not used: one
    // scan is cheaper than the lock, the thread and the second connection.
    static constexpr qint64 MinRowsToSplit = 100000;
    // How long begin() waits for a writer's lock before it runs the comparison in one part instead.
    static constexpr int LockWaitMs = 250;

    SqliteSplitMerge(QString path, QList<AccountMapping> mapping);
    ~SqliteSplitMerge();
    SqliteSplitMerge(const SqliteSplitMerge &) = delete;
    SqliteSplitMerge &operator=(const SqliteSplitMerge &) = delete;

    // `main`: the run's connection, in a deferred BEGIN that has not read yet. Starts its snapshot and, for
    // `parts` > 1, the other parts' read transactions on the same snapshot. `forcedKeys` (ascending byte
    // order; tests) replace the sampled split keys. end() must follow either way.
    Result<void> begin(sqlite3 *main, int parts, const QList<QByteArray> &forcedKeys);
    int parts() const { return int(m_keys.size()) + 1; }
    // Whether the last begin() fell back to one part because a writer held its lock past LockWaitMs.
    bool fellBackToOnePart() const { return m_lockBusy; }
    // The connections of the parts beyond part 0 (valid between begin() and end()).
    QList<sqlite3 *> connections() const;
    // Merges every part (see the class comment). `cancelled` is polled by every thread.
    Result<void> run(sqlite3 *main, Money tolerance, const SqliteMergeScan::UserSink &sink,
                     const std::function<bool()> &cancelled, SqliteMergeScan::Counts *counts);
    // Ends the parts' read transactions.
    void end();

private:
    Result<void> sampleKeys(sqlite3 *db, int parts);
    Result<void> openConnection(sqlite3 **db) const;
    ReconcileSql::KeyRange range(int part) const;

    QString m_path;
    QList<AccountMapping> m_mapping;
    sqlite3 *m_lock = nullptr;        // holds the write lock while the snapshots are taken
    std::vector<sqlite3 *> m_readers; // one per part beyond part 0, kept open between runs
    QList<QByteArray> m_keys;
    int m_reading = 0; // readers in a read transaction
    bool m_lockBusy = false;
};

} // namespace Cockpit
