// SPDX-License-Identifier: MIT
#include "ui/ledger/ledger_balance_model.h"

#include "ui/shell/theme.h"

#include <QBrush>
#include <QGuiApplication>

#include <algorithm>

namespace Cockpit {

LedgerBalanceModel::LedgerBalanceModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LedgerBalanceModel::setBalances(const QList<UserAccountLine> &lines)
{
    beginResetModel();
    m_rows = lines;
    endResetModel();
}

void LedgerBalanceModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

bool LedgerBalanceModel::hasDiscrepancy() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(),
                       [](const UserAccountLine &r) { return r.discrepancy; });
}

int LedgerBalanceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LedgerBalanceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LedgerBalanceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UserAccountLine &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case AccountType:
            return r.accountType;
        case LegacyColumn:
            return r.legacyColumn;
        case Ledger:
            // A missing side counts as zero and reads as "none", not as a balance of zero.
            return r.ledger ? r.ledger->toString() : tr("none");
        case Legacy:
            return r.legacy ? r.legacy->toString() : tr("none");
        case Difference:
            return r.difference ? r.difference->toString() : tr("overflow");
        case Status:
            // Text, not colour alone, carries the status.
            return r.discrepancy ? tr("⚠ Discrepancy") : tr("✓ In sync");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Ledger && index.column() <= Difference)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Status && r.discrepancy)
        return QBrush(Theme::text(Theme::Tone::Bad, QGuiApplication::palette()));
    return {};
}

QVariant LedgerBalanceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
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
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace Cockpit
