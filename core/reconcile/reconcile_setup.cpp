// SPDX-License-Identifier: MIT
#include "reconcile/reconcile_setup.h"

#include "db/sql_error_text.h"
#include "reconcile/live_triggers.h"
#include "reconcile/reconcile_schema.h"
#include "reconcile/service_schema_check.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

ReconcileSetup::Plan ReconcileSetup::plan(const ReconcileStorage &storage,
                                          const QList<AccountMapping> &mapping,
                                          LiveTriggerAction liveTriggers)
{
    Plan plan;
    plan.liveTriggers = liveTriggers;
    plan.targetVersion = ReconcileSchema::latestVersion();
    if (!storage.observed) {
        plan.owned = true;
        return plan;
    }
    ReconcileConnection connection(storage, QStringLiteral("reconcile-setup"));
    if (Result<void> opened = connection.open(); !opened) {
        plan.error = opened.error().message;
        return plan;
    }
    const Result<ReconcileSql::Names> checked =
        ServiceSchemaCheck::run(connection.database(), storage, mapping);
    if (!checked) {
        plan.error = checked.error().message;
        return plan;
    }
    const ReconcileSql::Names &names = *checked;
    const Result<int> installed = ReconcileSchema::installedVersion(connection.database(), storage);
    if (!installed) {
        plan.error = installed.error().message;
        return plan;
    }
    plan.installedVersion = *installed;
    if (*installed > plan.targetVersion) {
        plan.error =
            storage.database.describe()
            + QStringLiteral(": the reconciler's tables are at version %1, newer than this cockpit knows "
                             "(%2); upgrade the cockpit")
                  .arg(*installed)
                  .arg(plan.targetVersion);
        return plan;
    }

    const QString schema = ReconcileSql::Names::quote(storage.cockpitSchema);
    const QString role = ReconcileSql::Names::quote(storage.database.user);
    QSqlQuery q(connection.database());
    q.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?),"
                             " has_database_privilege(current_database(), 'CREATE'),"
                             " COALESCE((SELECT has_schema_privilege(oid, 'CREATE') FROM pg_namespace"
                             " WHERE nspname = ?), false)"));
    q.addBindValue(storage.cockpitSchema);
    q.addBindValue(storage.cockpitSchema);
    if (!q.exec() || !q.next()) {
        plan.error = storage.database.describe() + QLatin1String(": read the cockpit schema's privileges: ")
                     + sqlErrorText(q.lastError());
        return plan;
    }
    const bool schemaExists = q.value(0).toBool();
    const bool mayCreateSchema = q.value(1).toBool();
    const bool mayCreateInSchema = q.value(2).toBool();
    plan.createSchema = !schemaExists;

    // The minimal grants: SELECT on the service's tables (checked above), and the cockpit's own schema.
    QStringList serviceTables;
    for (const ServiceSchema::Column &c : storage.service.columns()) {
        const QString t = names.table(c.table);
        if (!serviceTables.contains(t))
            serviceTables.append(t);
    }
    plan.privileges.append(QLatin1String("GRANT SELECT ON ") + serviceTables.join(QLatin1String(", "))
                           + QLatin1String(" TO ") + role);
    plan.privileges.append(QLatin1String("CREATE SCHEMA ") + schema + QLatin1String(" AUTHORIZATION ")
                           + role);
    if (schemaExists ? !mayCreateInSchema : !mayCreateSchema)
        plan.missingPrivileges.append(plan.privileges.last());

    if (*installed < plan.targetVersion)
        plan.statements = ReconcileSchema::setupStatements(storage, *installed, plan.createSchema);

    const Result<QList<bool>> present = LiveTriggers::presence(connection.database(), storage, names);
    if (!present) {
        plan.error = present.error().message;
        return plan;
    }
    plan.liveTriggerTables = static_cast<int>(present->count(true));
    if (liveTriggers != LiveTriggerAction::Keep) {
        const Result<LiveTriggers::Rights> rights =
            LiveTriggers::rights(connection.database(), storage, names);
        if (!rights) {
            plan.error = rights.error().message;
            return plan;
        }
        plan.tableOwners = rights->owners;
        if (liveTriggers == LiveTriggerAction::Install) {
            plan.privileges.append(LiveTriggers::privilege(storage, names));
            if (!rights->create)
                plan.missingPrivileges.append(plan.privileges.last());
            // Installing again renews the function (undoing a silenced removal) and completes a pair a DBA
            // half removed.
            plan.statements += LiveTriggers::installStatements(storage, names, *present);
            plan.liveTriggersChange = true;
        } else if (plan.liveTriggerTables > 0) {
            plan.liveTriggersChange = true;
            if (rights->drop) {
                plan.statements += LiveTriggers::dropTriggerStatements(storage, names, *present);
                plan.statements.append(LiveTriggers::dropFunctionStatement(storage));
            } else {
                plan.statements.append(LiveTriggers::silenceStatement(storage));
                plan.ownerStatements = LiveTriggers::dropTriggerStatements(storage, names, *present);
            }
        } else {
            // No trigger left (the owner dropped them): the function goes too.
            plan.statements.append(LiveTriggers::dropFunctionStatement(storage));
        }
    }
    return plan;
}

Result<void> ReconcileSetup::apply(const ReconcileStorage &storage, const Plan &plan)
{
    if (!plan.error.isEmpty())
        return fail(plan.error);
    if (plan.statements.isEmpty())
        return ok();
    ReconcileConnection connection(storage, QStringLiteral("reconcile-setup"));
    if (Result<void> opened = connection.open(); !opened)
        return opened;
    QSqlQuery q(connection.database());
    const auto failed = [&](const QString &sql) {
        const QString message = storage.database.describe() + QLatin1String(": ") + sql + QLatin1String(": ")
                                + sqlErrorText(q.lastError());
        // The statement's failure is the news; nothing of the transaction stays either way (the session
        // ends with the connection).
        QSqlQuery(connection.database()).exec(QStringLiteral("ROLLBACK"));
        return fail(message);
    };
    if (!q.exec(QStringLiteral("BEGIN")))
        return failed(QStringLiteral("BEGIN"));
    // Two operators running setup at once must not both create the tables.
    if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7509)")))
        return failed(QStringLiteral("lock"));
    for (const QString &sql : plan.statements) {
        if (!q.exec(sql))
            return failed(sql);
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return failed(QStringLiteral("COMMIT"));
    return ok();
}

} // namespace Cockpit
