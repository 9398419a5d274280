// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/reconcile_connection.h"
#include "reconcile/reconcile_sql.h"

#include <QSqlDatabase>
#include <QString>

namespace Cockpit {

// Checks, before anything is compared, that an observed service database has every table and column the
// configuration names and that the session may read them. A missing table or column, or a table the role
// may not SELECT, is one message naming it and the config key to fix ("schema mismatch: table
// public.balances has no column pending_deposits (ledger.mapping.usdc_balance)"). Reads the catalog only.
// Threading: the connection's thread.
class ServiceSchemaCheck
{
public:
    // Fills names->service.schema (the connection's current schema when none is configured) and
    // names->userIdType (the type of the accounts' user id column), which the statements need. Empty on
    // success.
    // `history`: also the columns a user's history reads (ServiceSchema::historyColumns), and
    // names->historyTimeType.
    static QString run(QSqlDatabase db, const ReconcileStorage &storage, const QList<AccountMapping> &mapping,
                       ReconcileSql::Names *names, bool history = false);
};

} // namespace Cockpit
