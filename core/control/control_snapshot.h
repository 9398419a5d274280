// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/operator_identity.h"
#include "control/audit_entry.h"
#include "control/gate_registry.h"
#include "control/migration_status.h"
#include "control/transition_plan.h"

#include <QList>
#include <QMap>

namespace Cockpit {

// Everything the Overview shows, read in one go in a worker thread and handed to the GUI as a value.
struct ControlSnapshot
{
    Result<void> result;
    QList<MigrationStatus> migrations;
    QMap<QString, QList<GateOutcome>> nextGates;  // migration id -> gates of its next advance
    QMap<QString, QList<AuditEntry>> recentAudit; // migration id -> newest entries, oldest first

    // Blocking: opens its own control store (call from a worker thread, never the GUI thread).
    static ControlSnapshot load(const EnvironmentConfig &config, const OperatorIdentity &identity,
                                bool readOnly, const GateRegistry &gates, bool evaluateGates,
                                int auditPerMigration);
};

} // namespace Cockpit
