// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/discrepancy_store.h"

#include <QSortFilterProxyModel>

namespace Cockpit {

class DiscrepancyModel;

// The view's sort and filter: with a million rows both happen in the database, so this proxy passes the
// header's sort order and the filter fields on to DiscrepancyModel and keeps its own mapping the
// identity. Threading: GUI thread.
class DiscrepancyProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit DiscrepancyProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setUserFilter(const QString &text);
    void setAccountTypeFilter(const QString &accountType);
    void setAmountRange(const std::optional<Money> &minAbs, const std::optional<Money> &maxAbs);
    void setStatusFilter(DiscrepancyFilter::Status status);
    DiscrepancyFilter currentFilter() const;

private:
    void apply(const DiscrepancyFilter &filter);
    DiscrepancyModel *m_model = nullptr;
};

} // namespace Cockpit
