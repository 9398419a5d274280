// SPDX-License-Identifier: MIT
#pragma once

#include "control/audit_entry.h"

#include <QAbstractTableModel>
#include <QSet>

namespace Cockpit {

// The audit log as a table. Filled with a snapshot read in a worker thread (setEntries resets the model);
// entries that verify() named are marked with a warning icon and "(tampered)".
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Seq,
        Time,
        Operator,
        Host,
        Migration,
        Action,
        Result,
        Reason,
        ColumnCount
    };
    enum Role
    {
        EntryRole = Qt::UserRole + 1,
        SeqRole,
        MigrationRole,
        ActionRole,
        SearchTextRole
    };

    explicit AuditLogModel(QObject *parent = nullptr);

    void setEntries(const QList<AuditEntry> &entries);
    void setTampered(const QSet<qint64> &seqs);
    const AuditEntry *entry(int row) const;
    int rowOf(qint64 seq) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AuditEntry> m_entries;
    QSet<qint64> m_tampered;
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::AuditEntry)
