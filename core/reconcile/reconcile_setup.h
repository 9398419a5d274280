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

        bool upToDate() const { return error.isEmpty() && statements.isEmpty(); }
    };

    static Plan plan(const ReconcileStorage &storage, const QList<AccountMapping> &mapping);
    // Runs plan.statements in one transaction on a new connection. Empty on success.
    static QString apply(const ReconcileStorage &storage, const Plan &plan);
};

} // namespace Cockpit
