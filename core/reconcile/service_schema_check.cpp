// SPDX-License-Identifier: MIT
#include "reconcile/service_schema_check.h"

#include "db/sql_error_text.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

Result<ReconcileSql::Names> ServiceSchemaCheck::run(QSqlDatabase db, const ReconcileStorage &storage,
                                                    const QList<AccountMapping> &mapping, bool history)
{
    ReconcileSql::Names result;
    ReconcileSql::Names *names = &result;
    const QString describe = storage.database.describe();
    QList<ServiceSchema::Column> columns = storage.service.columns();
    if (history)
        columns += storage.service.historyColumns();
    for (const AccountMapping &m : mapping) {
        columns.append(
            {QLatin1String("mapping.") + m.accountType, storage.service.legacyTable, m.legacyColumn});
    }
    QSqlQuery q(db);
    names->service = storage.service;
    names->observed = true;
    QSqlQuery path(db);
    if (!path.exec(QStringLiteral("SELECT current_setting('search_path')")) || !path.next())
        return fail(describe + QLatin1String(": read the search_path: ") + sqlErrorText(path.lastError()));
    const QString cockpitPath = path.value(0).toString();
    path.finish();
    if (storage.service.schema.isEmpty()) {
        // The service's tables are found as its own sessions find them: through the role's default path.
        QSqlQuery s(db);
        const bool ok = s.exec(QStringLiteral("SET search_path TO DEFAULT"))
                        && s.exec(QStringLiteral("SELECT n.nspname FROM pg_class c JOIN pg_namespace n"
                                                 " ON n.oid = c.relnamespace WHERE c.oid = to_regclass('")
                                  + ReconcileSql::Names::quote(storage.service.accountsTable)
                                        .replace(QLatin1Char('\''), QLatin1String("''"))
                                  + QLatin1String("')"));
        const QString found = ok && s.next() ? s.value(0).toString() : QString();
        s.finish();
        QSqlQuery restore(db);
        // Unqualified names on this connection are the cockpit's own tables: a path left at the role's
        // default would point them at the service's schema.
        const bool restored = restore.exec(QLatin1String("SET search_path = ") + cockpitPath);
        const QString restoreError = restored ? QString()
                                              : describe + QLatin1String(": restore the search_path: ")
                                                    + sqlErrorText(restore.lastError());
        if (!ok)
            return fail(describe + QLatin1String(": find the service's schema: ")
                        + sqlErrorText(s.lastError())
                        + (restored ? QString() : QLatin1String("; then ") + restoreError));
        if (!restored)
            return fail(restoreError);
        if (found.isEmpty()) {
            return fail(
                describe + QLatin1String(": schema mismatch: table ") + storage.service.accountsTable
                    + QLatin1String(" not found on the role's search_path (ledger.service.accounts.table,"
                                    " or set ledger.service.schema)"),
                ErrorKind::Invalid);
        }
        names->service.schema = found;
    }
    const QString schema = names->service.schema;

    QSet<QString> tables;
    for (const ServiceSchema::Column &c : std::as_const(columns))
        tables.insert(c.table);
    // Every column of the named tables with its type, and whether this role may read the table.
    q.prepare(QStringLiteral(
        "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), has_table_privilege(c.oid, 'SELECT')"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
        " WHERE n.nspname = ? AND c.relname = ANY(CAST(? AS text[])) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"));
    q.addBindValue(schema);
    q.addBindValue(ReconcileSql::usersBinding(ReconcileSql::Dialect::Postgres,
                                              QStringList(tables.begin(), tables.end())));
    if (!q.exec())
        return fail(describe + QLatin1String(": read the service's catalog: ") + sqlErrorText(q.lastError()));
    QHash<QString, QHash<QString, QString>> found; // table -> column -> type
    QHash<QString, bool> readable;
    while (q.next()) {
        const QString table = q.value(0).toString();
        readable.insert(table, q.value(3).toBool());
        if (!q.value(1).isNull())
            found[table].insert(q.value(1).toString(), q.value(2).toString());
    }
    QStringList problems;
    QSet<QString> reported;
    for (const ServiceSchema::Column &c : std::as_const(columns)) {
        const QString where = schema + QLatin1Char('.') + c.table;
        if (!readable.contains(c.table)) {
            if (!reported.contains(c.table)) {
                problems.append(QLatin1String("table ") + where + QLatin1String(" does not exist (ledger.")
                                + c.key.section(QLatin1Char('.'), 0, -2) + QLatin1String(".table)"));
                reported.insert(c.table);
            }
            continue;
        }
        if (!readable.value(c.table) && !reported.contains(c.table)) {
            problems.append(QLatin1String("permission denied: role ") + storage.database.user
                            + QLatin1String(" may not SELECT from ") + where
                            + QLatin1String(" (GRANT SELECT ON ") + where + QLatin1String(" TO ")
                            + storage.database.user + QLatin1Char(')'));
            reported.insert(c.table);
        }
        if (!found.value(c.table).contains(c.column)) {
            problems.append(QLatin1String("table ") + where + QLatin1String(" has no column ") + c.column
                            + QLatin1String(" (ledger.") + c.key + QLatin1Char(')'));
        }
    }
    if (!problems.isEmpty()) {
        const bool permission = problems.first().startsWith(QLatin1String("permission denied"));
        return fail(describe + (permission ? QLatin1String(": ") : QLatin1String(": schema mismatch: "))
                        + problems.join(QLatin1String("; ")),
                    permission ? ErrorKind::Refused : ErrorKind::Invalid);
    }
    names->userIdType = found.value(storage.service.accountsTable).value(storage.service.accountsUserId);
    names->historyTimeType =
        found.value(storage.service.entriesTable).value(storage.service.entriesCreatedAt);
    const QString legacyType = found.value(storage.service.legacyTable).value(storage.service.legacyUserId);
    if (legacyType != names->userIdType) {
        return fail(describe + QLatin1String(": schema mismatch: ") + storage.service.accountsTable
                        + QLatin1Char('.') + storage.service.accountsUserId + QLatin1String(" is ")
                        + names->userIdType + QLatin1String(" but ") + storage.service.legacyTable
                        + QLatin1Char('.') + storage.service.legacyUserId + QLatin1String(" is ") + legacyType
                        + QLatin1String(" (ledger.service.accounts.userId, ledger.service.legacy.userId)"),
                    ErrorKind::Invalid);
    }
    return result;
}

} // namespace Cockpit
