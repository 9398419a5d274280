// SPDX-License-Identifier: MIT
#include "control/postgres_control_store.h"

#include "db/postgres_connection.h"
#include "db/sql_error_text.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

PostgresControlStore::PostgresControlStore(DatabaseConfig config, QString schema, QString configPath)
    : SqlControlStore(schema + QLatin1Char('.'), QStringLiteral("BEGIN"))
    , m_config(std::move(config))
    , m_schema(std::move(schema))
    , m_configPath(std::move(configPath))
{}

QString PostgresControlStore::describe() const
{
    return m_config.describe() + QLatin1String(" schema ") + m_schema;
}

Result<void> PostgresControlStore::connect()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return fail(QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not installed"),
                    ErrorKind::Unreachable);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName());
    PostgresConnection::configure(db, m_config);
    if (!db.open()) {
        return fail(m_config.describe() + QLatin1String(": cannot connect to the control database: ")
                        + sqlErrorText(db.lastError())
                        + PostgresConnection::passwordHint(m_config, db.lastError().text()),
                    ErrorKind::Unreachable);
    }
    // libpq prints NOTICEs ("schema already exists, skipping") to stderr, which would garble CLI output.
    QSqlQuery quiet(db);
    quiet.exec(QStringLiteral("SET client_min_messages = warning"));
    return ok();
}

QString PostgresControlStore::versionTableExistsStatement() const
{
    // The schema name is a checked lower-case identifier (config).
    return QLatin1String("SELECT to_regclass('") + m_schema + QLatin1String(".schema_version') IS NOT NULL");
}

QString PostgresControlStore::missingSchemaMessage() const
{
    return describe() + QLatin1String(": the control schema is not set up; run cockpitctl setup --config ")
           + (m_configPath.isEmpty() ? QStringLiteral("FILE") : m_configPath);
}

QString PostgresControlStore::readGrantHint() const
{
    return QStringLiteral(
               " (a role that only reads needs GRANT USAGE ON SCHEMA %1 and GRANT SELECT ON ALL TABLES IN "
               "SCHEMA %1, given by the role that ran setup; see the staging checklist)")
        .arg(m_schema);
}

QStringList PostgresControlStore::lockStatements() const
{
    // Two cockpits creating the schema at once would collide on the catalog; serialise them.
    return {QStringLiteral("SELECT pg_advisory_xact_lock(727011)")};
}

QStringList PostgresControlStore::createStatements() const
{
    const QString s = m_schema + QLatin1Char('.');
    return {
        // Not CREATE SCHEMA IF NOT EXISTS: that needs CREATE on the database even when the schema exists,
        // and the minimal grant is a schema the DBA created for the cockpit's role.
        QLatin1String("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '") + m_schema
            + QLatin1String("') THEN CREATE SCHEMA ") + m_schema + QLatin1String("; END IF; END $$"),
        QLatin1String("CREATE TABLE IF NOT EXISTS ") + s
            + QLatin1String("schema_version (version INTEGER NOT NULL)"),
        QLatin1String("CREATE TABLE IF NOT EXISTS ") + s
            + QLatin1String("migrations (id TEXT PRIMARY KEY, phase TEXT NOT NULL, version BIGINT NOT NULL, "
                            "changed_by TEXT NOT NULL, changed_host TEXT NOT NULL, changed_at TEXT NOT NULL, "
                            "pending_intent TEXT)"),
        QLatin1String("CREATE TABLE IF NOT EXISTS ") + s
            + QLatin1String(
                "intents (id TEXT PRIMARY KEY, migration TEXT NOT NULL, from_phase TEXT NOT NULL, "
                "to_phase TEXT NOT NULL, kind TEXT NOT NULL, from_version BIGINT NOT NULL, "
                "operator TEXT NOT NULL, host TEXT NOT NULL, pid BIGINT NOT NULL, "
                "started_at TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL, "
                "finished_at TEXT, outcome TEXT)"),
        QLatin1String("CREATE TABLE IF NOT EXISTS ") + s
            + QLatin1String(
                "audit_head (id INTEGER PRIMARY KEY, last_seq BIGINT NOT NULL, last_hash TEXT NOT NULL)"),
        QLatin1String("CREATE TABLE IF NOT EXISTS ") + s
            + QLatin1String(
                "audit_log (seq BIGINT PRIMARY KEY, time_utc TEXT NOT NULL, os_user TEXT NOT NULL, "
                "display_name TEXT NOT NULL, host TEXT NOT NULL, environment TEXT NOT NULL, "
                "migration TEXT NOT NULL, action TEXT NOT NULL, reason TEXT NOT NULL, "
                "gate_evidence TEXT NOT NULL, actuator_output TEXT NOT NULL, result TEXT NOT NULL, "
                "prev_hash TEXT NOT NULL, entry_hash TEXT NOT NULL)"),
    };
}

} // namespace Cockpit
