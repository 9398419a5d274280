// SPDX-License-Identifier: MIT
#include "ui/rollout/rollout_module_model.h"

namespace Cockpit {

RolloutModuleModel::RolloutModuleModel(RolloutConfig rollout, QObject *parent)
    : QAbstractTableModel(parent)
    , m_rollout(std::move(rollout))
{
    for (const RolloutModuleConfig &module : m_rollout.modules) {
        Row row;
        row.state.module = module.id;
        m_rows.append(row);
    }
}

int RolloutModuleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RolloutModuleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RolloutModuleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == ModuleIdRole)
        return row.state.module;
    if (role == StatusRole)
        return row.status ? static_cast<int>(*row.status) : -1;
    if (role == Qt::ToolTipRole)
        return row.detail;
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case ModuleColumn:
        return row.state.module;
    case SplitColumn: {
        const int weight = RolloutPlan::weightPercent(m_rollout, row.state);
        return tr("%1 / %2").arg(100 - weight).arg(weight);
    }
    case PhaseColumn:
        return row.state.paused ? tr("%1 (paused)").arg(RolloutPlan::phaseName(m_rollout, row.state))
                                : RolloutPlan::phaseName(m_rollout, row.state);
    case StatusColumn:
        // Text, not only colour: the status reads the same in a screen reader and in grey-scale.
        if (row.error)
            return tr("metrics unavailable");
        if (!row.status)
            return tr("not analysed");
        return statusText(*row.status);
    case ColumnCount:
        break;
    }
    return {};
}

QString RolloutModuleModel::statusText(VerdictStatus status)
{
    switch (status) {
    case VerdictStatus::Pass:
        return tr("✔ pass");
    case VerdictStatus::Inconclusive:
        return tr("? inconclusive");
    case VerdictStatus::Failing:
        return tr("⚠ failing");
    case VerdictStatus::Breach:
        return tr("✖ breach");
    }
    return {};
}

QVariant RolloutModuleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case ModuleColumn:
        return tr("Module");
    case SplitColumn:
        return tr("V1 / V2 %");
    case PhaseColumn:
        return tr("Step");
    case StatusColumn:
        return tr("Status");
    case ColumnCount:
        break;
    }
    return {};
}

void RolloutModuleModel::setState(const ModuleRolloutState &state)
{
    const int row = rowOf(state.module);
    if (row < 0)
        return;
    m_rows[row].state = state;
    rowChanged(row);
}

void RolloutModuleModel::setVerdict(const ModuleVerdict &verdict)
{
    const int row = rowOf(verdict.module);
    if (row < 0)
        return;
    m_rows[row].status = verdict.status;
    m_rows[row].detail = verdict.summary();
    m_rows[row].error = false;
    rowChanged(row);
}

void RolloutModuleModel::setError(const QString &module, const QString &message)
{
    const int row = rowOf(module);
    if (row < 0)
        return;
    m_rows[row].error = true;
    m_rows[row].detail = message;
    rowChanged(row);
}

QString RolloutModuleModel::moduleAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).state.module : QString();
}

int RolloutModuleModel::rowOf(const QString &module) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).state.module == module)
            return static_cast<int>(i);
    }
    return -1;
}

void RolloutModuleModel::rowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace Cockpit
