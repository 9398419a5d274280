// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "reconcile/reconcile_sql.h"

#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace Cockpit {

struct ReconcileStorage;

// The reconciler's own tables (runs, discrepancies) and, on an owned PostgreSQL ledger, the triggers that
// NOTIFY the changed user ids on the ledger and legacy tables. Versioned in a `schema_version` table under
// the component "reconcile". On an owned ledger they are created idempotently on first use (ensure()); in
// an observed database only setupStatements() creates them, in the cockpit's own schema, never a trigger.
// Stateless; ensure() runs on the calling thread's connection.
class ReconcileSchema
{
public:
    static int latestVersion();
    static QString notifyChannel() { return QStringLiteral("cockpit_reconcile"); }
    static QStringList migration(int version, ReconcileSql::Dialect dialect, bool notifyTriggers = true);
    // The installed version (0: none) in the storage's place, through a connection opened for it; fails
    // when the role may not use the cockpit's schema.
    static Result<int> installedVersion(QSqlDatabase db, const ReconcileStorage &storage);
    // Observed storage: what `cockpitctl setup` runs, in one transaction, to bring the cockpit's schema from
    // `fromVersion` to the latest (creating the schema itself when `createSchema`).
    static QStringList setupStatements(const ReconcileStorage &storage, int fromVersion, bool createSchema);
    // Creates or migrates; a failure names the failing step. A newer, unknown version is an error (the
    // reconciler refuses to write runs it does not understand).
    static Result<void> ensure(QSqlDatabase db, ReconcileSql::Dialect dialect, const QString &describe);
};

} // namespace Cockpit
