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
    // The names the statements need: service.schema (the connection's current schema when none is
    // configured) and userIdType (the type of the accounts' user id column). `history`: also the columns a
    // user's history reads (ServiceSchema::historyColumns), and historyTimeType. Fails Invalid on a schema
    // mismatch and Refused when the role may not read a table, naming the table, column and config key.
    static Result<ReconcileSql::Names> run(QSqlDatabase db, const ReconcileStorage &storage,
                                           const QList<AccountMapping> &mapping, bool history = false);
};

} // namespace Cockpit
