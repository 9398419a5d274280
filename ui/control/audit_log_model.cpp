// SPDX-License-Identifier: MIT
#include "ui/control/audit_log_model.h"

#include <QApplication>
#include <QStyle>

namespace Cockpit {

AuditLogModel::AuditLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AuditLogModel::setEntries(const QList<AuditEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void AuditLogModel::setTampered(const QSet<qint64> &seqs)
{
    m_tampered = seqs;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const AuditEntry *AuditLogModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int AuditLogModel::rowOf(qint64 seq) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).seq == seq)
            return i;
    }
    return -1;
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const AuditEntry &e = m_entries.at(index.row());
    const bool tampered = m_tampered.contains(e.seq);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Seq:
            return tampered ? tr("%1 (tampered)").arg(e.seq) : QString::number(e.seq);
        case Time:
            return e.time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Operator:
            return e.displayName.isEmpty()
                       ? e.osUser
                       : e.osUser + QLatin1String(" (") + e.displayName + QLatin1Char(')');
        case Host:
            return e.host;
        case Migration:
            return e.migration;
        case Action:
            return e.action;
        case Result:
            return e.result;
        case Reason:
            return e.reason;
        default:
            return QVariant();
        }
    case Qt::DecorationRole:
        if (index.column() == Seq && tampered)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == Result || index.column() == Reason)
            return data(index, Qt::DisplayRole);
        return QVariant();
    case EntryRole:
        return QVariant::fromValue(e);
    case SeqRole:
        return e.seq;
    case MigrationRole:
        return e.migration;
    case ActionRole:
        return e.action;
    case SearchTextRole:
        return QStringList({e.osUser, e.displayName, e.host, e.migration, e.action, e.result, e.reason,
                            e.gateEvidence, e.actuatorOutput})
            .join(QLatin1Char('\n'));
    default:
        return QVariant();
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Seq:
        return tr("#");
    case Time:
        return tr("Time (UTC)");
    case Operator:
        return tr("Operator");
    case Host:
        return tr("Host");
    case Migration:
        return tr("Migration");
    case Action:
        return tr("Action");
    case Result:
        return tr("Result");
    case Reason:
        return tr("Reason");
    default:
        return QVariant();
    }
}

} // namespace Cockpit
