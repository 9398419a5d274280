// SPDX-License-Identifier: MIT
#include "reconcile/live_triggers.h"

#include "db/sql_error_text.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

namespace {

QString function(const ReconcileStorage &storage)
{
    return ReconcileSql::Names::quote(storage.cockpitSchema) + QLatin1String(".live_notify()");
}

// A string literal for the SQL text: the names are checked identifiers, quoting keeps it exact anyway.
QString literal(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QLatin1String("''"))
           + QLatin1Char('\'');
}

} // namespace

QStringList LiveTriggers::tables(const ReconcileStorage &storage, const ReconcileSql::Names &names)
{
    return {names.table(storage.service.accountsTable), names.table(storage.service.legacyTable)};
}

Result<QList<bool>> LiveTriggers::presence(QSqlDatabase db, const ReconcileStorage &storage,
                                           const ReconcileSql::Names &names)
{
    QList<bool> present;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = ? AND NOT tgisinternal"
                             " AND tgrelid = to_regclass(?))"));
    for (const QString &table : tables(storage, names)) {
        q.addBindValue(triggerName());
        q.addBindValue(table);
        if (!q.exec() || !q.next())
            return fail(storage.database.describe() + QLatin1String(": read the triggers of ") + table
                        + QLatin1String(": ") + sqlErrorText(q.lastError()));
        present.append(q.value(0).toBool());
    }
    return present;
}

QStringList LiveTriggers::installStatements(const ReconcileStorage &storage, const ReconcileSql::Names &names,
                                            const QList<bool> &present)
{
    // Nothing in it can fail for a row: to_jsonb() reads the user id column of any type as text (NULL for a
    // system account: nothing is sent), and pg_notify takes any short text. No exception block: it would
    // cost the service a subtransaction per row. (A full notification queue fails the notifying transaction
    // at commit, whatever the function does; docs/reconciler.md says when that can happen.)
    QStringList statements = {
        QLatin1String("CREATE OR REPLACE FUNCTION ") + function(storage)
            + QLatin1String(
                " RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$"
                " DECLARE user_id text;"
                " BEGIN"
                "  user_id := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[0];"
                "  IF user_id IS NOT NULL THEN PERFORM pg_notify('")
            + channel()
            + QLatin1String("', user_id); END IF;"
                            "  RETURN NULL;"
                            " END $$"),
        // The service's role runs the function inside its own writes: it must never be refused.
        QLatin1String("GRANT EXECUTE ON FUNCTION ") + function(storage) + QLatin1String(" TO PUBLIC"),
    };
    const QStringList columns = {storage.service.accountsUserId, storage.service.legacyUserId};
    const QStringList targets = tables(storage, names);
    for (qsizetype i = 0; i < targets.size(); ++i) {
        if (present.value(i))
            continue;
        statements.append(QLatin1String("CREATE TRIGGER ") + triggerName()
                          + QLatin1String(" AFTER INSERT OR UPDATE OR DELETE ON ") + targets.at(i)
                          + QLatin1String(" FOR EACH ROW EXECUTE FUNCTION ")
                          + ReconcileSql::Names::quote(storage.cockpitSchema) + QLatin1String(".live_notify(")
                          + literal(columns.at(i)) + QLatin1Char(')'));
    }
    return statements;
}

QString LiveTriggers::silenceStatement(const ReconcileStorage &storage)
{
    return QLatin1String("CREATE OR REPLACE FUNCTION ") + function(storage)
           + QLatin1String(" RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");
}

QStringList LiveTriggers::dropTriggerStatements(const ReconcileStorage &storage,
                                                const ReconcileSql::Names &names, const QList<bool> &present)
{
    QStringList statements;
    const QStringList targets = tables(storage, names);
    for (qsizetype i = 0; i < targets.size(); ++i) {
        if (present.value(i))
            statements.append(QLatin1String("DROP TRIGGER ") + triggerName() + QLatin1String(" ON ")
                              + targets.at(i));
    }
    return statements;
}

QString LiveTriggers::dropFunctionStatement(const ReconcileStorage &storage)
{
    return QLatin1String("DROP FUNCTION IF EXISTS ") + function(storage);
}

QString LiveTriggers::privilege(const ReconcileStorage &storage, const ReconcileSql::Names &names)
{
    return QLatin1String("GRANT TRIGGER ON ") + tables(storage, names).join(QLatin1String(", "))
           + QLatin1String(" TO ") + ReconcileSql::Names::quote(storage.database.user);
}

Result<LiveTriggers::Rights> LiveTriggers::rights(QSqlDatabase db, const ReconcileStorage &storage,
                                                  const ReconcileSql::Names &names)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT bool_and(has_table_privilege(c.oid, 'TRIGGER')), bool_and(pg_has_role(c.relowner, 'USAGE')),"
        " string_agg(DISTINCT pg_get_userbyid(c.relowner), ', ')"
        " FROM pg_class c WHERE c.oid IN (to_regclass(?), to_regclass(?))"));
    const QStringList targets = tables(storage, names);
    q.addBindValue(targets.at(0));
    q.addBindValue(targets.at(1));
    if (!q.exec() || !q.next())
        return fail(storage.database.describe()
                    + QLatin1String(": read the privileges on the service's tables: ")
                    + sqlErrorText(q.lastError()));
    return Rights{q.value(0).toBool(), q.value(1).toBool(), q.value(2).toString()};
}

} // namespace Cockpit
