// SPDX-License-Identifier: MIT
#pragma once

#include "common/environment_config.h"
#include "ledger/ledger_types.h"

#include <QAbstractTableModel>

namespace Cockpit {

// One user's ledger balances next to the legacy columns they are compared with (one row per mapping).
// GUI thread only; filled from an immutable UserBalanceView the worker hands over.
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

    void setBalances(const QList<AccountMapping> &mapping, const UserBalanceView &view, Money tolerance);
    void clear();
    bool hasDiscrepancy() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString accountType;
        QString legacyColumn;
        Money ledger;
        Money legacy;
        std::optional<Money> difference;
        bool discrepancy = false;
    };
    QList<Row> m_rows;
};

} // namespace Cockpit
