// SPDX-License-Identifier: MIT
#pragma once

#include "state/state_diff_result.h"

#include <QAbstractTableModel>

#include <memory>

namespace Cockpit {

// The rows of one diff: one per (chainId, contractName). The model holds an immutable snapshot handed over
// by the worker that computed the diff and is only ever reset, never edited. Threading: GUI thread only.
class StateDiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // The status right after the chain: on a narrow window it stays in view, and the contract name (elided
    // in the middle, whole in its tooltip and in the comparison below) gives way.
    enum Column
    {
        ChainColumn,
        StatusColumn,
        ContractColumn,
        FieldsColumn,
        NoteColumn,
        HealthColumn,
        ColumnCount
    };
    enum Role
    {
        ChainIdRole = Qt::UserRole + 1, // qint64
        StatusRole,                     // int(DiffStatus)
        HealthyRole,                    // bool
        EntryIndexRole,                 // int index into result()->entries
    };

    explicit StateDiffModel(QObject *parent = nullptr);

    void setResult(std::shared_ptr<const StateDiffResult> result);
    std::shared_ptr<const StateDiffResult> result() const { return m_result; }
    const DiffEntry *entry(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(DiffStatus status);

private:
    std::shared_ptr<const StateDiffResult> m_result;
};

} // namespace Cockpit
