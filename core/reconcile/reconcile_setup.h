// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/reconcile_connection.h"

#include <QString>
#include <QStringList>

namespace Cockpit {

// The explicit step that creates or upgrades the reconciler's tables in an observed database: the
// cockpit's own schema there, never a service table. plan() reads the catalog only and says what apply()
// would run and which privileges that needs; apply() runs it in one transaction. On an owned ledger the
// tables are created on first use, so there is nothing to plan. Both block: the CLI's thread or a worker.
class ReconcileSetup
{
public:
    // Whether to install or remove the optional notification triggers (LiveTriggers) on the service's
    // tables; Keep leaves them as they are.
    enum class LiveTriggerAction
    {
        Keep,
        Install,
        Remove
    };

    struct Plan
    {
        QString error;      // why nothing can be planned (unreachable, schema mismatch, ...)
        bool owned = false; // an owned ledger: nothing to do here
        int installedVersion = 0;
        int targetVersion = 0;
        bool createSchema = false;
        QStringList statements;        // empty: up to date
        QStringList privileges;        // what the role needs, as GRANT statements a DBA can run
        QStringList missingPrivileges; // of those, what the configured role lacks now
        int liveTriggerTables = 0;     // service tables carrying the live trigger before this plan
        LiveTriggerAction liveTriggers = LiveTriggerAction::Keep;
        bool liveTriggersChange = false; // statements include installing or removing them
        // What only the service tables' owner may run (dropping a trigger), printed for them, never run.
        QStringList ownerStatements;
        QString tableOwners;

        bool upToDate() const { return error.isEmpty() && statements.isEmpty(); }
    };

    static Plan plan(const ReconcileStorage &storage, const QList<AccountMapping> &mapping,
                     LiveTriggerAction liveTriggers = LiveTriggerAction::Keep);
    // Runs plan.statements in one transaction on a new connection; nothing of it stays when it fails.
    static Result<void> apply(const ReconcileStorage &storage, const Plan &plan);
};

} // namespace Cockpit
