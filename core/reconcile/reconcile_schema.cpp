// SPDX-License-Identifier: MIT
#include "reconcile/reconcile_schema.h"

#include "db/sql_error_text.h"
#include "ledger/ledger_schema.h"
#include "reconcile/reconcile_connection.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

namespace {

const char *const version1[] = {
    "CREATE TABLE IF NOT EXISTS reconcile_runs ("
    " id {ID},"
    " kind TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " started_ms BIGINT NOT NULL,"
    " finished_ms BIGINT NOT NULL DEFAULT 0,"
    " tolerance TEXT NOT NULL,"
    " accounts BIGINT NOT NULL DEFAULT 0,"
    " discrepancies BIGINT NOT NULL DEFAULT 0,"
    " by_account_type TEXT NOT NULL DEFAULT '{}',"
    " new_discrepancies BIGINT NOT NULL DEFAULT 0,"
    " resolved_discrepancies BIGINT NOT NULL DEFAULT 0,"
    " open_after BIGINT NOT NULL DEFAULT 0,"
    " invariants_checked INTEGER NOT NULL DEFAULT 0,"
    " invariant_violations BIGINT NOT NULL DEFAULT 0,"
    " invariant_sample TEXT NOT NULL DEFAULT '[]',"
    " error TEXT NOT NULL DEFAULT '',"
    " host TEXT NOT NULL DEFAULT '',"
    " pid BIGINT NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS reconcile_runs_started ON reconcile_runs (started_ms)",

    // ledger_value / legacy_value NULL: that side has no row. Amounts as the ledger stores them.
    "CREATE TABLE IF NOT EXISTS reconcile_discrepancies ("
    " id {ID},"
    " user_id TEXT NOT NULL,"
    " account_type TEXT NOT NULL,"
    " legacy_column TEXT NOT NULL,"
    " ledger_value {MONEY},"
    " legacy_value {MONEY},"
    " difference {MONEY} NOT NULL,"
    " first_seen_ms BIGINT NOT NULL,"
    " last_seen_ms BIGINT NOT NULL,"
    " first_run BIGINT NOT NULL,"
    " last_run BIGINT NOT NULL,"
    " resolved_run BIGINT,"
    " resolved_ms BIGINT)",
    // At most one open discrepancy per account; also the lookup of every upsert.
    ("CREATE UNIQUE INDEX IF NOT EXISTS reconcile_discrepancies_open ON reconcile_discrepancies"
     " (user_id, account_type) WHERE resolved_run IS NULL"),
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_user ON reconcile_discrepancies (user_id, id)",
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_last_run ON reconcile_discrepancies (last_run)",
};

// Version 2: the discrepancy view sorts a million rows in the database and reads them in windows; an
// index per sortable column, carrying resolved_run for the status filter, lets a window skip through the
// index instead of sorting the whole table for every window, deep ones included (see docs/performance.md).
const char *const version2[] = {
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_by_user ON reconcile_discrepancies (user_id, id, resolved_run)",
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_by_difference ON reconcile_discrepancies"
    " (difference, id, resolved_run)",
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_by_type ON reconcile_discrepancies"
    " (account_type, id, resolved_run)",
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_by_ledger ON reconcile_discrepancies"
    " (ledger_value, id, resolved_run)",
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_by_legacy ON reconcile_discrepancies"
    " (legacy_value, id, resolved_run)",
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_by_first_seen ON reconcile_discrepancies"
    " (first_seen_ms, id, resolved_run)",
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_by_last_seen ON reconcile_discrepancies"
    " (last_seen_ms, id, resolved_run)",
    "CREATE INDEX IF NOT EXISTS reconcile_discrepancies_by_status ON reconcile_discrepancies (resolved_run, id)",
};

// Every change of a user's ledger account or legacy row tells the listening cockpits which user to re-check.
// pg_notify deduplicates identical payloads within a transaction, so a batch costs one message per user.
const char *const postgresNotify[] = {
    "CREATE OR REPLACE FUNCTION reconcile_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  IF TG_OP = 'DELETE' THEN"
    "   IF OLD.user_id IS NOT NULL THEN PERFORM pg_notify('cockpit_reconcile', OLD.user_id); END IF;"
    "   RETURN OLD;"
    "  END IF;"
    "  IF NEW.user_id IS NOT NULL THEN PERFORM pg_notify('cockpit_reconcile', NEW.user_id); END IF;"
    "  RETURN NEW;"
    " END $$",
    "DROP TRIGGER IF EXISTS reconcile_notify_ledger ON ledger_accounts",
    "CREATE TRIGGER reconcile_notify_ledger AFTER INSERT OR UPDATE OR DELETE ON ledger_accounts"
    " FOR EACH ROW EXECUTE FUNCTION reconcile_notify_change()",
    "DROP TRIGGER IF EXISTS reconcile_notify_legacy ON balances",
    "CREATE TRIGGER reconcile_notify_legacy AFTER INSERT OR UPDATE OR DELETE ON balances"
    " FOR EACH ROW EXECUTE FUNCTION reconcile_notify_change()",
};

// Amounts in the reconciler's tables have the ledger's representation.
QString expand(const char *sql, ReconcileSql::Dialect dialect)
{
    return LedgerSchema::expandTypes(sql, dialect == ReconcileSql::Dialect::Postgres
                                              ? LedgerSchema::Dialect::Postgres
                                              : LedgerSchema::Dialect::Sqlite);
}

} // namespace

int ReconcileSchema::latestVersion()
{
    return 2;
}

QStringList ReconcileSchema::migration(int version, ReconcileSql::Dialect dialect, bool notifyTriggers)
{
    QStringList statements;
    if (version == 2) {
        for (const char *sql : version2)
            statements.append(QString::fromLatin1(sql));
        return statements;
    }
    if (version != 1)
        return statements;
    for (const char *sql : version1)
        statements.append(expand(sql, dialect));
    if (dialect == ReconcileSql::Dialect::Postgres && notifyTriggers) {
        for (const char *sql : postgresNotify)
            statements.append(QString::fromLatin1(sql));
    }
    return statements;
}

Result<int> ReconcileSchema::installedVersion(QSqlDatabase db, const ReconcileStorage &storage)
{
    QSqlQuery q(db);
    const bool pg = !storage.database.isSqlite();
    if (storage.observed) {
        // A role without USAGE on the cockpit's schema cannot even ask whether its tables exist.
        q.prepare(
            QStringLiteral("SELECT COALESCE((SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace"
                           " WHERE nspname = ?), true)"));
        q.addBindValue(storage.cockpitSchema);
        if (!q.exec() || !q.next())
            return fail(storage.database.describe() + QLatin1String(": look for the cockpit's schema: ")
                        + sqlErrorText(q.lastError()));
        if (!q.value(0).toBool())
            return fail(storage.database.describe() + QLatin1String(": permission denied: role ")
                            + storage.database.user + QLatin1String(" may not use the cockpit's schema \"")
                            + storage.cockpitSchema
                            + QLatin1String(
                                "\" (connect as the role that owns it; a role that only reads needs GRANT "
                                "USAGE ON SCHEMA ")
                            + storage.cockpitSchema
                            + QLatin1String(" and GRANT SELECT ON ALL TABLES IN SCHEMA ")
                            + storage.cockpitSchema
                            + QLatin1String(" to read the recorded runs, and compares without recording with "
                                            "reconcile --read-only)"),
                        ErrorKind::Refused);
        q.finish();
    }
    // Whether the table exists, without an error that would poison a PostgreSQL transaction.
    const QString table = storage.observed ? ReconcileSql::Names::quote(storage.cockpitSchema)
                                                 + QLatin1String(".reconcile_schema_version")
                                           : QStringLiteral("schema_version");
    q.prepare(
        pg ? QStringLiteral("SELECT to_regclass(?) IS NOT NULL")
           : QStringLiteral("SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    q.addBindValue(pg ? table : QStringLiteral("schema_version"));
    if (!q.exec() || !q.next())
        return fail(storage.database.describe() + QLatin1String(": look for the reconciler's tables: ")
                    + sqlErrorText(q.lastError()));
    if (!q.value(0).toBool())
        return 0;
    q.finish();
    q.prepare(QLatin1String("SELECT version FROM ") + table + QLatin1String(" WHERE component = ?"));
    q.addBindValue(QStringLiteral("reconcile"));
    if (!q.exec())
        return fail(storage.database.describe() + QLatin1String(": read the reconciler's schema version: ")
                    + sqlErrorText(q.lastError()));
    return q.next() ? q.value(0).toInt() : 0;
}

QStringList ReconcileSchema::setupStatements(const ReconcileStorage &storage, int fromVersion,
                                             bool createSchema)
{
    const QString schema = ReconcileSql::Names::quote(storage.cockpitSchema);
    QStringList statements;
    if (createSchema)
        statements.append(QLatin1String("CREATE SCHEMA ") + schema);
    // The cockpit's tables are created unqualified inside its schema, as the reconciler reads them.
    statements.append(QLatin1String("SET LOCAL search_path = ") + schema);
    // Its own version table: the cockpit's schema may also hold the control store's `schema_version`.
    statements.append(
        QStringLiteral("CREATE TABLE IF NOT EXISTS reconcile_schema_version (component TEXT PRIMARY KEY,"
                       " version INTEGER NOT NULL, applied_at BIGINT NOT NULL)"));
    for (int v = fromVersion + 1; v <= latestVersion(); ++v) {
        for (const QString &sql : migration(v, ReconcileSql::Dialect::Postgres, false)) {
            QString observed = sql;
            // A service's amounts may have any scale: the cockpit's copies keep it.
            observed.replace(QLatin1String("NUMERIC(38,6)"), QLatin1String("NUMERIC"));
            statements.append(observed);
        }
        statements.append(
            QStringLiteral("INSERT INTO reconcile_schema_version (component, version, applied_at)"
                           " VALUES ('reconcile', %1, %2) ON CONFLICT (component) DO UPDATE"
                           " SET version = excluded.version, applied_at = excluded.applied_at")
                .arg(v)
                .arg(QDateTime::currentMSecsSinceEpoch()));
    }
    return statements;
}

Result<void> ReconcileSchema::ensure(QSqlDatabase db, ReconcileSql::Dialect dialect, const QString &describe)
{
    const bool pg = dialect == ReconcileSql::Dialect::Postgres;
    QSqlQuery q(db);
    const auto failed = [&](const QString &step) {
        const QString message = describe + QLatin1String(": reconciler schema: ") + step + QLatin1String(": ")
                                + sqlErrorText(q.lastError());
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return fail(message);
    };
    // The ledger lane creates the same table; whoever comes first wins, the definition is identical.
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY,"
                               " version INTEGER NOT NULL, applied_at BIGINT NOT NULL)")))
        return failed(QStringLiteral("create schema_version"));
    if (!q.exec(pg ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE")))
        return failed(QStringLiteral("begin"));
    // Two cockpits opening a fresh database at once must not both migrate.
    if (pg && !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7509)")))
        return failed(QStringLiteral("lock schema"));
    q.prepare(QStringLiteral("SELECT version FROM schema_version WHERE component = ?"));
    q.addBindValue(QStringLiteral("reconcile"));
    if (!q.exec())
        return failed(QStringLiteral("read schema version"));
    const int version = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    if (version > latestVersion()) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return fail(describe
                    + QStringLiteral(": reconciler schema version %1 is newer than this cockpit knows (%2); "
                                     "upgrade the cockpit")
                          .arg(version)
                          .arg(latestVersion()));
    }
    for (int v = version + 1; v <= latestVersion(); ++v) {
        for (const QString &sql : migration(v, dialect)) {
            if (!q.exec(sql))
                return failed(QStringLiteral("migrate to version %1").arg(v));
        }
        q.prepare(
            QStringLiteral("INSERT INTO schema_version (component, version, applied_at) VALUES (?, ?, ?)"
                           " ON CONFLICT (component) DO UPDATE SET version = excluded.version,"
                           " applied_at = excluded.applied_at"));
        q.addBindValue(QStringLiteral("reconcile"));
        q.addBindValue(v);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return failed(QStringLiteral("record schema version"));
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return failed(QStringLiteral("commit"));
    return ok();
}

} // namespace Cockpit
