// SPDX-License-Identifier: MIT
#pragma once

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

    std::optional<qint64> startRun(RunKind kind, Money tolerance, qint64 nowMs, QString *error);
    // Upserts the rows seen by `runId` (inside the caller's transaction) and resolves the open discrepancies
    // of the checked users (all when `users` is nullopt) that the run no longer sees.
    QString record(qint64 runId, const QList<DiscrepancyRecord> &rows,
                   const std::optional<QStringList> &users, qint64 nowMs, qint64 *newCount,
                   qint64 *resolvedCount);
    std::optional<qint64> openCount(QString *error);
    QString finishRun(const RunSummary &summary, qint64 openAfter);
    // Runs left "running" by a process of this host that no longer exists become Interrupted.
    QString markInterruptedRuns();
    // Duration of the last complete run of `kind`, for the ETA.
    std::optional<qint64> lastDurationMs(RunKind kind);
    std::optional<RunSummary> run(qint64 runId, QString *error);
    std::optional<QList<RunSummary>> recentRuns(int limit, QString *error);
    // Complete full runs that finished at or after sinceMs, oldest first: what a gate's window rests on.
    std::optional<QList<RunSummary>> completeFullRuns(qint64 sinceMs, QString *error);

    // The view's queries: everything is filtered and sorted in the database.
    std::optional<qint64> count(const DiscrepancyFilter &filter, QString *error);
    std::optional<QList<StoredDiscrepancy>> fetch(const DiscrepancyFilter &filter, SortColumn sort,
                                                  bool descending, qint64 offset, int limit, QString *error);
    std::optional<QMap<QString, qint64>> openByAccountType(QString *error);
    std::optional<QList<RunHistoryPoint>> openHistory(qint64 sinceMs, QString *error);

private:
    // SELECT of the run columns with `condition` (WHERE/ORDER/LIMIT and their binds).
    std::optional<QList<RunSummary>> listRuns(const QString &condition, const QVariantList &binds,
                                              const QString &step, QString *error);
    QString where(const DiscrepancyFilter &filter, QVariantList *binds) const;
    QString error(const QString &step, const QString &text) const;

    QSqlDatabase m_db;
    ReconcileSql::Dialect m_dialect;
    QString m_describe;
};

} // namespace Cockpit
