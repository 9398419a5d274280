// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "reconcile/reconcile_sql.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

namespace Cockpit {

struct InvariantFindings
{
    qint64 count = 0;   // every violation found
    QStringList listed; // the first ones, worded for a person
};

// The ledger's own invariants on either database, through the given names (the cockpit's schema or a
// service's): every transaction has two or more entries summing to zero, every account's balance is the sum
// of its entries, and on SQLite no row points nowhere (PostgreSQL enforces that itself). Reads only.
class LedgerInvariants
{
public:
    // Success when every check ran (findings may still hold violations); otherwise the failed step, naming
    // the database.
    static Result<void> check(QSqlDatabase db, ReconcileSql::Dialect dialect,
                              const ReconcileSql::Names &names, const QString &describe, int maxListed,
                              const std::function<bool()> &cancelled, InvariantFindings *findings);
};

} // namespace Cockpit
