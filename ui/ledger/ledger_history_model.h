// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/ledger_reader.h"

#include <QAbstractTableModel>

namespace Cockpit {

// A user's ledger entries, newest first. GUI thread only; replaced as a whole from the worker's snapshot.
class LedgerHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Kind,
        AccountType,
        Entry,
        Amount,
        Description,
        ColumnCount
    };
    // Sorts amounts and times by value, not by their text.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit LedgerHistoryModel(QObject *parent = nullptr);

    void setEntries(const QList<UserHistoryLine> &entries);
    void clear() { setEntries({}); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<UserHistoryLine> m_entries;
};

} // namespace Cockpit
