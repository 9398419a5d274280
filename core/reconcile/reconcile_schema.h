// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/reconcile_sql.h"

#include <QSqlDatabase>
#include <QStringList>

namespace Cockpit {

// The reconciler's own tables (runs, discrepancies) and, on PostgreSQL, the triggers that NOTIFY the
// changed user ids on the ledger and legacy tables. Versioned in the ledger database's `schema_version`
// table under the component "reconcile"; created idempotently on first use. Only adds, never touches the
// ledger lane's tables' columns.
// Stateless; ensure() runs on the calling thread's connection.
class ReconcileSchema
{
public:
    static int latestVersion();
    static QString notifyChannel() { return QStringLiteral("cockpit_reconcile"); }
    static QStringList migration(int version, ReconcileSql::Dialect dialect);
    // Creates or migrates; returns an error naming the failing step, or "". A newer, unknown version is
    // an error (the reconciler refuses to write runs it does not understand).
    static QString ensure(QSqlDatabase db, ReconcileSql::Dialect dialect, const QString &describe);
};

} // namespace Cockpit
