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
    // empty: all; "!action": all but that action (allButOpenings())
    void setAction(const QString &action);
    // Every window that opens an environment writes an entry: they would bury the transitions, so the page
    // starts without them.
    static QString allButOpenings() { return QStringLiteral("!environment_opened"); }
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
