// SPDX-License-Identifier: MIT
#include "ui/ledger/ledger_history_model.h"

#include <QDateTime>

namespace Cockpit {

LedgerHistoryModel::LedgerHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LedgerHistoryModel::setEntries(const QList<UserHistoryLine> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int LedgerHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int LedgerHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LedgerHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UserHistoryLine &e = m_entries.at(index.row());
    if (role == SortRole) {
        switch (index.column()) {
        case Time:
            // The entries come newest first; their position orders them even where the time column is
            // not a timestamp.
            return static_cast<qint64>(m_entries.size() - index.row());
        case Amount: {
            // Exact integer micro-units (a display amount never exceeds 64 bits in practice; beyond that,
            // or with digits beyond the sixth place, the row sorts as zero rather than rounding through a
            // double).
            const std::optional<Money> money = e.amount.toMoney();
            const qint64 micros = money ? money->toMicros64().value_or(0) : 0;
            return e.debit ? -micros : micros;
        }
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case Time:
            return e.atMs ? QDateTime::fromMSecsSinceEpoch(*e.atMs, Qt::UTC)
                                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : e.atText;
        case Kind:
            return e.kind;
        case AccountType:
            return e.accountType;
        case Entry:
            return e.debit ? tr("debit") : tr("credit");
        case Amount:
            return e.debit ? QString(QLatin1Char('-') + e.amount.toString())
                           : QString(QLatin1Char('+') + e.amount.toString());
        case Description:
            return e.description;
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Amount)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant LedgerHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time (UTC)");
    case Kind:
        return tr("Transaction");
    case AccountType:
        return tr("Account");
    case Entry:
        return tr("Entry");
    case Amount:
        return tr("Amount");
    case Description:
        return tr("Description");
    default:
        return {};
    }
}

} // namespace Cockpit
