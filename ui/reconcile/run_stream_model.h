// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/reconcile_types.h"

#include <QAbstractTableModel>
#include <QList>

namespace Cockpit {

// The discrepancies of the run in progress, shown as the database returns them (the stored table only
// changes when a run completes). Append-only: each batch from ReconcileJob::discrepanciesFound becomes one
// rowsInserted. At most MaxRows are kept (a run can find 1,000,000); totalFound() still counts them all.
// Threading: GUI thread.
class RunStreamModel : public QAbstractTableModel
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
        ColumnCount
    };
    static constexpr int MaxRows = 100000;

    explicit RunStreamModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The columns a discrepancy record itself has (DiscrepancyModel's first columns are the same ones).
    static QVariant recordCell(const DiscrepancyRecord &record, int column);
    static QVariant columnTitle(int column);

    void append(const QList<DiscrepancyRecord> &rows);
    void clear();
    qint64 totalFound() const { return m_total; }

private:
    QList<DiscrepancyRecord> m_rows;
    qint64 m_total = 0;
};

} // namespace Cockpit
