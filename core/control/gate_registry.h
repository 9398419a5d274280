// SPDX-License-Identifier: MIT
#pragma once

#include "control/gate.h"

#include <QList>
#include <QMutex>
#include <QString>

#include <memory>

namespace Cockpit {

// Which gates guard which transition, for one environment (its session, or the CLI's invocation, owns it;
// LaneWiring fills it). Gates are keyed by migration id and the phase the transition goes to:
//
//     registry.add(QStringLiteral("ledger"), QStringLiteral("ledger_only"),
//                  std::make_shared<StaticGate>(...));
//     registry.add(QStringLiteral("rollout:*"), QStringLiteral("v2_25"), ...); // every module's rollout
//
// Gates guard advances; rollbacks are the emergency path and are never blocked (see TransitionService), so
// gates registered for a rollback target are evaluated and shown but do not refuse it.
//
// Threading: all members are thread-safe (a mutex guards the list); gates() returns shared pointers that
// stay valid while a worker evaluates them even if the registry is cleared meanwhile.
class GateRegistry
{
public:
    // migration: an exact id ("ledger") or a prefix pattern ending in '*' ("rollout:*").
    void add(const QString &migration, const QString &targetPhase, std::shared_ptr<Gate> gate);
    QList<std::shared_ptr<Gate>> gates(const QString &migration, const QString &targetPhase) const;
    void clear();

private:
    struct Entry
    {
        QString migration;
        QString targetPhase;
        std::shared_ptr<Gate> gate;
    };
    mutable QMutex m_mutex;
    QList<Entry> m_entries;
};

} // namespace Cockpit
