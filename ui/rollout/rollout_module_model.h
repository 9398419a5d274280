// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "rollout/rollout_plan.h"
#include "rollout/rollout_verdict.h"

#include <QAbstractTableModel>
#include <QHash>

#include <optional>

namespace Cockpit {

// One row per configured rollout module: V1/V2 split, phase, latest analysis status. UI thread only.
class RolloutModuleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ModuleColumn,
        StatusColumn, // next to the module, so a laptop's narrow table still shows the verdict
        SplitColumn,
        PhaseColumn,
        ColumnCount
    };
    enum Role
    {
        ModuleIdRole = Qt::UserRole + 1,
        StatusRole
    };

    explicit RolloutModuleModel(RolloutConfig rollout, QObject *parent = nullptr);

    // A verdict in the operator's words, with a mark that reads without colour; every rollout table uses it.
    static QString statusText(VerdictStatus status);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setState(const ModuleRolloutState &state);
    void setVerdict(const ModuleVerdict &verdict);
    void setError(const QString &module, const QString &message);
    QString moduleAt(int row) const;
    int rowOf(const QString &module) const;

private:
    struct Row
    {
        ModuleRolloutState state;
        std::optional<VerdictStatus> status;
        QString detail; // summary or error for the tooltip
        bool error = false;
    };

    void rowChanged(int row);

    RolloutConfig m_rollout;
    QList<Row> m_rows;
};

} // namespace Cockpit
