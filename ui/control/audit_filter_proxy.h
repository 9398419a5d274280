// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

namespace Cockpit {

// Filters the audit table by migration, action and a free-text search over every field (reason, evidence,
// actuator output included); sorts numerically on the sequence column.
class AuditFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit AuditFilterProxy(QObject *parent = nullptr);

    void setMigration(const QString &migration); // empty: all
    void setAction(const QString &action);       // empty: all
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_migration;
    QString m_action;
    QString m_text;
};

} // namespace Cockpit
