// SPDX-License-Identifier: MIT
#include "ui/state/state_diff_filter_proxy.h"

#include "ui/state/state_diff_model.h"

namespace Cockpit {

StateDiffFilterProxy::StateDiffFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void StateDiffFilterProxy::setChain(std::optional<qint64> chainId)
{
    m_chain = chainId;
    invalidateFilter();
}

void StateDiffFilterProxy::setDifferencesOnly(bool on)
{
    m_differencesOnly = on;
    invalidateFilter();
}

void StateDiffFilterProxy::setText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

bool StateDiffFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, StateDiffModel::ContractColumn, sourceParent);
    if (m_chain && index.data(StateDiffModel::ChainIdRole).toLongLong() != *m_chain)
        return false;
    if (m_differencesOnly && index.data(StateDiffModel::StatusRole).toInt() == int(DiffStatus::Equal)
        && index.data(StateDiffModel::HealthyRole).toBool())
        return false;
    if (!m_text.isEmpty() && !index.data().toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace Cockpit
