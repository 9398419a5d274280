// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "reconcile/reconcile_connection.h"
#include "reconcile/reconcile_sql.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace Cockpit {

// Optional notification triggers on an observed service's ledger accounts and legacy table, so that live
// mode hears of a change at once instead of at the next poll of the change marks. They exist only when an
// operator installs them with `cockpitctl setup --live-triggers` (and go with --remove-live-triggers); the
// cockpit never creates them as a side effect. The trigger function lives in the cockpit's schema, reads
// the user id as text from the row whatever its type (uuid, bigint, text), sends it and returns nothing
// (AFTER ... FOR EACH ROW): nothing in it can fail for a row. Stateless.
class LiveTriggers
{
public:
    static QString channel() { return QStringLiteral("cockpit_live"); }
    static QString triggerName() { return QStringLiteral("cockpit_live_notify"); }

    // The service tables that carry a trigger (accounts, legacy), qualified and quoted.
    static QStringList tables(const ReconcileStorage &storage, const ReconcileSql::Names &names);
    // Which of tables() carry the trigger now; fails when the catalog cannot be read.
    static Result<QList<bool>> presence(QSqlDatabase db, const ReconcileStorage &storage,
                                        const ReconcileSql::Names &names);
    // The function and a trigger on each table that lacks one (`present` as presence() gave it).
    static QStringList installStatements(const ReconcileStorage &storage, const ReconcileSql::Names &names,
                                         const QList<bool> &present);
    // PostgreSQL lets only a table's owner drop its triggers. The cockpit can always make its own function
    // a no-op at once; dropping the triggers is then the owner's statements, and the function goes at the
    // next removal once no trigger uses it.
    static QString silenceStatement(const ReconcileStorage &storage);
    static QStringList dropTriggerStatements(const ReconcileStorage &storage,
                                             const ReconcileSql::Names &names, const QList<bool> &present);
    static QString dropFunctionStatement(const ReconcileStorage &storage);
    // The grant a DBA gives the cockpit's role to create them (the table owner may instead run the SQL).
    static QString privilege(const ReconcileStorage &storage, const ReconcileSql::Names &names);
    // Whether the session's role may create them (TRIGGER on every table), and drop them (owns every table).
    struct Rights
    {
        bool create = false;
        bool drop = false;
        QString owners; // the tables' owners, for "run as ..."
    };
    static Result<Rights> rights(QSqlDatabase db, const ReconcileStorage &storage,
                                 const ReconcileSql::Names &names);
};

} // namespace Cockpit
