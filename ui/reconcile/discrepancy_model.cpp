// SPDX-License-Identifier: MIT
#include "ui/reconcile/discrepancy_model.h"

#include "common/utc_time.h"
#include "reconcile/discrepancy_query_worker.h"
#include "ui/reconcile/run_stream_model.h"

#include <QDateTime>

namespace Cockpit {

// The record's own columns come first in both models, in the same order.
static_assert(int(DiscrepancyModel::Difference) == int(RunStreamModel::Difference));

namespace {

DiscrepancyStore::SortColumn storeSort(int column)
{
    switch (column) {
    case DiscrepancyModel::User:
        return DiscrepancyStore::SortColumn::User;
    case DiscrepancyModel::AccountType:
    case DiscrepancyModel::LegacyColumn:
        return DiscrepancyStore::SortColumn::AccountType;
    case DiscrepancyModel::Ledger:
        return DiscrepancyStore::SortColumn::Ledger;
    case DiscrepancyModel::Legacy:
        return DiscrepancyStore::SortColumn::Legacy;
    case DiscrepancyModel::FirstSeen:
        return DiscrepancyStore::SortColumn::FirstSeen;
    case DiscrepancyModel::LastSeen:
        return DiscrepancyStore::SortColumn::LastSeen;
    case DiscrepancyModel::Status:
        return DiscrepancyStore::SortColumn::Status;
    default:
        return DiscrepancyStore::SortColumn::Difference;
    }
}

QString time(qint64 ms)
{
    return ms > 0 ? UtcTime::text(ms) : QString();
}

} // namespace

DiscrepancyModel::DiscrepancyModel(DatabaseConfig database, QObject *parent)
    : DiscrepancyModel(ReconcileStorage::owned(std::move(database)), parent)
{}

DiscrepancyModel::DiscrepancyModel(ReconcileStorage storage, QObject *parent)
    : QAbstractTableModel(parent)
    , m_storage(std::move(storage))
    , m_jobs(QStringLiteral("discrepancy-model"), std::make_unique<DiscrepancyQueryWorker>(m_storage))
{
    restart();
}

DiscrepancyModel::~DiscrepancyModel() = default;

int DiscrepancyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(qMin<qint64>(m_rows, std::numeric_limits<int>::max()));
}

int DiscrepancyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const StoredDiscrepancy *DiscrepancyModel::row(int r) const
{
    const qint64 page = r / PageSize;
    auto it = m_pages.constFind(page);
    if (it == m_pages.cend()) {
        requestPage(page);
        return nullptr;
    }
    const qsizetype i = r % PageSize;
    return i < it->size() ? &it->at(i) : nullptr;
}

QVariant DiscrepancyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoredDiscrepancy *d = row(index.row());
    if (role == LoadedRole)
        return d != nullptr;
    if (!d)
        return role == Qt::DisplayRole && index.column() == User ? QVariant(tr("Loading…")) : QVariant();
    const DiscrepancyRecord &r = d->record;
    if (role == OpenRole)
        return d->isOpen();
    if (role == Qt::TextAlignmentRole) {
        const bool amount =
            index.column() == Ledger || index.column() == Legacy || index.column() == Difference;
        return QVariant::fromValue(amount ? Qt::AlignRight | Qt::AlignVCenter
                                          : Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && index.column() == Status && !d->isOpen())
        return tr("Resolved by run %1 at %2").arg(d->resolvedRun).arg(time(d->resolvedMs));
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case FirstSeen:
        return time(d->firstSeenMs);
    case LastSeen:
        return time(d->lastSeenMs);
    case Status:
        return d->isOpen() ? tr("Open") : tr("Resolved");
    default:
        return RunStreamModel::recordCell(r, index.column());
    }
}

QVariant DiscrepancyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case FirstSeen:
        return tr("First seen (UTC)");
    case LastSeen:
        return tr("Last seen (UTC)");
    case Status:
        return tr("Status");
    default:
        return RunStreamModel::columnTitle(section);
    }
}

void DiscrepancyModel::setFilter(const DiscrepancyFilter &filter)
{
    m_filter = filter;
    restart();
}

void DiscrepancyModel::setSort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    restart();
}

void DiscrepancyModel::restart()
{
    // A new filter or order: every cached window is meaningless, so this one is a reset.
    m_countJob.cancel();
    m_windowJobs.cancel();
    beginResetModel();
    m_rows = 0;
    m_pages.clear();
    m_requested.clear();
    m_pageOrder.clear();
    endResetModel();
    refresh();
}

void DiscrepancyModel::refresh()
{
    m_counting = true;
    m_jobs.start(
        m_countJob,
        [filter = m_filter](DiscrepancyQueryWorker &worker, const JobToken &) {
            return worker.count(filter);
        },
        [this](const Result<qint64> &count) { onCount(count); }, JobStart::SkipIfCancelled);
}

void DiscrepancyModel::requestPage(qint64 page) const
{
    if (m_requested.contains(page))
        return;
    m_requested.insert(page);
    const DiscrepancyStore::SortColumn sort = storeSort(m_sortColumn);
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const qint64 offset = page * PageSize;
    // The model is const here (data() asks for windows); what it changes is the cache and its jobs.
    auto *self = const_cast<DiscrepancyModel *>(this);
    m_jobs.start(
        m_windowJobs,
        [filter = m_filter, sort, descending, offset](DiscrepancyQueryWorker &worker, const JobToken &) {
            return worker.fetch(filter, sort, descending, offset, PageSize);
        },
        [self, offset](const Result<QList<StoredDiscrepancy>> &rows) { self->onWindow(offset, rows); },
        JobStart::SkipIfCancelled);
}

void DiscrepancyModel::onCount(const Result<qint64> &counted)
{
    m_counting = false;
    if (!counted) {
        m_lastError = counted.error().message;
        Q_EMIT errorOccurred(m_lastError);
        return;
    }
    const qint64 count = *counted;
    m_lastError.clear();
    const int before = rowCount();
    const int after = int(qMin<qint64>(count, std::numeric_limits<int>::max()));
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        m_rows = count;
        endInsertRows();
    } else if (after < before) {
        beginRemoveRows({}, after, before - 1);
        m_rows = count;
        endRemoveRows();
    }
    // Re-read what is cached; the rows keep their places in the view until the new windows arrive.
    const QList<qint64> cached = m_pages.keys();
    m_requested.clear();
    for (qint64 page : cached)
        requestPage(page);
    Q_EMIT countChanged(count);
}

void DiscrepancyModel::onWindow(qint64 offset, const Result<QList<StoredDiscrepancy>> &window)
{
    const qint64 page = offset / PageSize;
    m_requested.remove(page);
    if (!window) {
        m_lastError = window.error().message;
        Q_EMIT errorOccurred(m_lastError);
        return;
    }
    const QList<StoredDiscrepancy> &rows = *window;
    if (!m_pages.contains(page))
        m_pageOrder.append(page);
    m_pages.insert(page, rows);
    while (m_pageOrder.size() > MaxCachedPages)
        m_pages.remove(m_pageOrder.takeFirst());
    const int first = int(offset);
    const int last = int(qMin<qint64>(offset + PageSize, m_rows)) - 1;
    if (last >= first)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

} // namespace Cockpit
