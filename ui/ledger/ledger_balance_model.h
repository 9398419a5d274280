// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "reconcile/ledger_reader.h"

#include <QAbstractTableModel>

namespace Cockpit {

// One user's ledger balances next to the legacy columns they are compared with (one row per mapping).
// GUI thread only; filled from the report the worker hands over, judged in core (LedgerReader) so that
// the page, `cockpitctl ledger balance` and the reconciler agree on what a discrepancy is.
class LedgerBalanceModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        AccountType,
        LegacyColumn,
        Ledger,
        Legacy,
        Difference,
        Status,
        ColumnCount
    };

    explicit LedgerBalanceModel(QObject *parent = nullptr);

    void setBalances(const QList<UserAccountLine> &lines);
    void clear();
    bool hasDiscrepancy() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<UserAccountLine> m_rows;
};

} // namespace Cockpit
