// SPDX-License-Identifier: MIT
#include "ui/reconcile/discrepancy_proxy_model.h"

#include "ui/reconcile/discrepancy_model.h"

namespace Cockpit {

DiscrepancyProxyModel::DiscrepancyProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false);
}

void DiscrepancyProxyModel::setSourceModel(QAbstractItemModel *source)
{
    m_model = qobject_cast<DiscrepancyModel *>(source);
    QSortFilterProxyModel::setSourceModel(source);
}

void DiscrepancyProxyModel::sort(int column, Qt::SortOrder order)
{
    // Deliberately not the base class: sorting a million lazily loaded rows in memory would load them all.
    if (m_model && (column != m_model->sortColumn() || order != m_model->sortOrder()))
        m_model->setSort(column, order);
}

DiscrepancyFilter DiscrepancyProxyModel::currentFilter() const
{
    return m_model ? m_model->filter() : DiscrepancyFilter{};
}

void DiscrepancyProxyModel::apply(const DiscrepancyFilter &filter)
{
    if (m_model)
        m_model->setFilter(filter);
}

void DiscrepancyProxyModel::setUserFilter(const QString &text)
{
    DiscrepancyFilter f = currentFilter();
    f.userContains = text.trimmed();
    apply(f);
}

void DiscrepancyProxyModel::setAccountTypeFilter(const QString &accountType)
{
    DiscrepancyFilter f = currentFilter();
    f.accountType = accountType;
    apply(f);
}

void DiscrepancyProxyModel::setAmountRange(const std::optional<Money> &minAbs,
                                           const std::optional<Money> &maxAbs)
{
    DiscrepancyFilter f = currentFilter();
    f.minAbsDifference = minAbs;
    f.maxAbsDifference = maxAbs;
    apply(f);
}

void DiscrepancyProxyModel::setStatusFilter(DiscrepancyFilter::Status status)
{
    DiscrepancyFilter f = currentFilter();
    f.status = status;
    apply(f);
}

} // namespace Cockpit
