// SPDX-License-Identifier: MIT
#include "control/gate_registry.h"

namespace Cockpit {

void GateRegistry::add(const QString &migration, const QString &targetPhase, std::shared_ptr<Gate> gate)
{
    if (!gate)
        return;
    QMutexLocker lock(&m_mutex);
    m_entries.append({migration, targetPhase, std::move(gate)});
}

QList<std::shared_ptr<Gate>> GateRegistry::gates(const QString &migration, const QString &targetPhase) const
{
    QMutexLocker lock(&m_mutex);
    QList<std::shared_ptr<Gate>> result;
    for (const Entry &e : m_entries) {
        if (e.targetPhase != targetPhase)
            continue;
        const bool matches = e.migration.endsWith(QLatin1Char('*'))
                                 ? migration.startsWith(e.migration.left(e.migration.size() - 1))
                                 : migration == e.migration;
        if (matches)
            result.append(e.gate);
    }
    return result;
}

void GateRegistry::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

} // namespace Cockpit
