// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "reconcile/reconcile_sql.h"
#include "reconcile/reconcile_types.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace Cockpit {

// What the discrepancy view and the exports select.
struct DiscrepancyFilter
{
    enum class Status
    {
        Any,
        Open,
        Resolved
    };

    QString userContains;
    QString accountType; // empty: all
    std::optional<Money> minAbsDifference;
    std::optional<Money> maxAbsDifference;
    Status status = Status::Open;
};

// A stored discrepancy with its history.
struct StoredDiscrepancy
{
    qint64 id = 0;
    DiscrepancyRecord record;
    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
    qint64 firstRun = 0;
    qint64 lastRun = 0;
    qint64 resolvedRun = 0; // 0: still open
    qint64 resolvedMs = 0;
    bool isOpen() const { return resolvedRun == 0; }
};

struct RunHistoryPoint
{
    qint64 finishedMs = 0;
    qint64 openAfter = 0;
};

// The reconciler's tables (see ReconcileSchema) over a connection the caller owns. Methods that change
// several rows expect the caller's transaction; the others run in autocommit.
// Threading: the connection's thread only.
class DiscrepancyStore
{
public:
    enum class SortColumn
    {
        User,
        AccountType,
        Ledger,
        Legacy,
        Difference,
        FirstSeen,
        LastSeen,
        Status
    };

    DiscrepancyStore(QSqlDatabase db, ReconcileSql::Dialect dialect, QString describe);

    Result<qint64> startRun(RunKind kind, Money tolerance, qint64 nowMs);
    // Upserts the rows seen by `runId` (inside the caller's transaction) and resolves the open discrepancies
    // of the checked users (all when `users` is nullopt) that the run no longer sees.
    Result<void> record(qint64 runId, const QList<DiscrepancyRecord> &rows,
                        const std::optional<QStringList> &users, qint64 nowMs, qint64 *newCount,
                        qint64 *resolvedCount);
    Result<qint64> openCount();
    Result<void> finishRun(const RunSummary &summary, qint64 openAfter);
    // Runs left "running" by a process of this host that no longer exists become Interrupted.
    Result<void> markInterruptedRuns();
    // Duration of the last complete run of `kind`, for the ETA.
    std::optional<qint64> lastDurationMs(RunKind kind);
    Result<RunSummary> run(qint64 runId);
    Result<QList<RunSummary>> recentRuns(int limit);
    // Complete full runs that finished at or after sinceMs, oldest first: what a gate's window rests on.
    Result<QList<RunSummary>> completeFullRuns(qint64 sinceMs);

    // The view's queries: everything is filtered and sorted in the database.
    Result<qint64> count(const DiscrepancyFilter &filter);
    Result<QList<StoredDiscrepancy>> fetch(const DiscrepancyFilter &filter, SortColumn sort, bool descending,
                                           qint64 offset, int limit);
    Result<QMap<QString, qint64>> openByAccountType();
    Result<QList<RunHistoryPoint>> openHistory(qint64 sinceMs);

private:
    // SELECT of the run columns with `condition` (WHERE/ORDER/LIMIT and their binds).
    Result<QList<RunSummary>> listRuns(const QString &condition, const QVariantList &binds,
                                       const QString &step);
    QString where(const DiscrepancyFilter &filter, QVariantList *binds) const;
    QString error(const QString &step, const QString &text) const;

    QSqlDatabase m_db;
    ReconcileSql::Dialect m_dialect;
    QString m_describe;
};

} // namespace Cockpit
