// SPDX-License-Identifier: MIT
#include "ui/control/audit_filter_proxy.h"

#include "ui/control/audit_log_model.h"

namespace Cockpit {

AuditFilterProxy::AuditFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void AuditFilterProxy::setMigration(const QString &migration)
{
    m_migration = migration;
    invalidateFilter();
}

void AuditFilterProxy::setAction(const QString &action)
{
    m_action = action;
    invalidateFilter();
}

void AuditFilterProxy::setSearchText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool AuditFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_migration.isEmpty() && index.data(AuditLogModel::MigrationRole).toString() != m_migration)
        return false;
    if (!m_action.isEmpty()) {
        const QString action = index.data(AuditLogModel::ActionRole).toString();
        if (m_action.startsWith(QLatin1Char('!')) ? QStringView(m_action).mid(1) == action
                                                  : action != m_action)
            return false;
    }
    if (!m_text.isEmpty()
        && !index.data(AuditLogModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

bool AuditFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == AuditLogModel::Seq)
        return left.data(AuditLogModel::SeqRole).toLongLong()
               < right.data(AuditLogModel::SeqRole).toLongLong();
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace Cockpit
