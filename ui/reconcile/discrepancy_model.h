// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_thread.h"
#include "reconcile/discrepancy_query_worker.h"
#include "reconcile/discrepancy_store.h"
#include "reconcile/reconcile_connection.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace Cockpit {

// The stored discrepancies as a lazy table: the row count comes from the database, rows are fetched in
// windows of PageSize around what the view asks for, in a worker thread, and cached (a bounded number of
// pages). Filtering and sorting happen in the database (set through DiscrepancyProxyModel). refresh()
// after a run updates incrementally: rows are inserted or removed at the end and the cached pages
// re-read, never a full reset, so the view keeps its scroll position with 1,000,000 rows.
// Threading: GUI thread; the queries run in its JobThread, which it lets go without waiting.
class DiscrepancyModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        User,
        AccountType,
        LegacyColumn,
        Ledger,
        Legacy,
        Difference,
        FirstSeen,
        LastSeen,
        Status,
        ColumnCount
    };
    enum Role
    {
        LoadedRole = Qt::UserRole + 1, // false while the row's window is being fetched
        OpenRole,
    };
    static constexpr int PageSize = 256;
    static constexpr int MaxCachedPages = 64;

    explicit DiscrepancyModel(ReconcileStorage storage, QObject *parent = nullptr);
    explicit DiscrepancyModel(DatabaseConfig database, QObject *parent = nullptr);
    ~DiscrepancyModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    DiscrepancyFilter filter() const { return m_filter; }
    void setFilter(const DiscrepancyFilter &filter);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void setSort(int column, Qt::SortOrder order);
    // Re-counts and re-reads the cached windows (after a run).
    void refresh();
    bool isCounting() const { return m_counting; }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void countChanged(qint64 count);
    void errorOccurred(const QString &message);

private:
    void restart();
    void requestPage(qint64 page) const;
    void onCount(const Result<qint64> &count);
    void onWindow(qint64 offset, const Result<QList<StoredDiscrepancy>> &rows);
    const StoredDiscrepancy *row(int r) const;

    ReconcileStorage m_storage;
    mutable JobThread<DiscrepancyQueryWorker> m_jobs;
    // A new count supersedes the one before; windows are fetched side by side, all dropped by a new
    // filter or order.
    JobTracker<Result<qint64>> m_countJob;
    mutable JobGroup<Result<QList<StoredDiscrepancy>>> m_windowJobs;
    DiscrepancyFilter m_filter;
    int m_sortColumn = Difference;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    qint64 m_rows = 0;
    bool m_counting = false;
    QString m_lastError;
    mutable QHash<qint64, QList<StoredDiscrepancy>> m_pages;
    mutable QSet<qint64> m_requested;
    mutable QList<qint64> m_pageOrder; // oldest first, for eviction
};

} // namespace Cockpit
