// SPDX-License-Identifier: MIT
#include "ui/reconcile/run_stream_model.h"

namespace Cockpit {

RunStreamModel::RunStreamModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int RunStreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunStreamModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunStreamModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiscrepancyRecord &r = m_rows.at(index.row());
    const bool amount = index.column() >= Ledger;
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(amount ? Qt::AlignRight | Qt::AlignVCenter
                                          : Qt::AlignLeft | Qt::AlignVCenter);
    return role == Qt::DisplayRole ? recordCell(r, index.column()) : QVariant();
}

QVariant RunStreamModel::recordCell(const DiscrepancyRecord &r, int column)
{
    switch (Column(column)) {
    case User:
        return r.userId;
    case AccountType:
        return r.accountType;
    case LegacyColumn:
        return r.legacyColumn;
    case Ledger:
        return r.ledger ? r.ledger->toString() : tr("missing");
    case Legacy:
        return r.legacy ? r.legacy->toString() : tr("missing");
    case Difference:
        return r.difference.toString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RunStreamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(section);
}

QVariant RunStreamModel::columnTitle(int column)
{
    switch (Column(column)) {
    case User:
        return tr("User");
    case AccountType:
        return tr("Account type");
    case LegacyColumn:
        return tr("Legacy column");
    case Ledger:
        return tr("Ledger");
    case Legacy:
        return tr("Legacy");
    case Difference:
        return tr("Difference");
    case ColumnCount:
        break;
    }
    return {};
}

void RunStreamModel::append(const QList<DiscrepancyRecord> &rows)
{
    m_total += rows.size();
    const qsizetype room = qMax<qsizetype>(0, MaxRows - m_rows.size());
    const qsizetype take = qMin(room, rows.size());
    if (take == 0)
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + take - 1));
    m_rows.append(rows.mid(0, take));
    endInsertRows();
}

void RunStreamModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    endResetModel();
}

} // namespace Cockpit
