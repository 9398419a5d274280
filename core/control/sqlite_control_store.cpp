// SPDX-License-Identifier: MIT
#include "control/sqlite_control_store.h"

#include "common/atomic_file.h"
#include "db/sql_error_text.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>

namespace Cockpit {

SqliteControlStore::SqliteControlStore(QString path, bool readOnly, QString configPath)
    : SqlControlStore(QString(), QStringLiteral("BEGIN IMMEDIATE"))
    , m_path(std::move(path))
    , m_configPath(std::move(configPath))
    , m_readOnly(readOnly)
{}

QString SqliteControlStore::missingSchemaMessage() const
{
    const QString setup = m_configPath.isEmpty() ? QStringLiteral("cockpitctl setup")
                                                 : QLatin1String("cockpitctl setup --config ") + m_configPath;
    return m_path
           + QLatin1String(": the control database is not set up, and a read-only session does not create it;"
                           " run ")
           + setup + QLatin1String(" from a session that is not read-only");
}

QString SqliteControlStore::describe() const
{
    return QLatin1String("sqlite:") + m_path;
}

Result<void> SqliteControlStore::connect()
{
    if (m_readOnly && !QFileInfo::exists(m_path))
        return fail(missingSchemaMessage(), ErrorKind::NotSetUp);
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!m_readOnly && !QDir().mkpath(folder)) {
        return fail(m_path + QLatin1String(": cannot create the folder ") + folder, ErrorKind::Unreachable);
    }
    if (!m_readOnly) {
        if (const Result<void> created = AtomicFile::createPrivate(m_path); !created)
            return fail(created.error().message, ErrorKind::Unreachable);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName());
    db.setDatabaseName(m_path);
    db.setConnectOptions(m_readOnly ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000;QSQLITE_OPEN_READONLY")
                                    : QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        return fail(m_path + QLatin1String(": cannot open the control database: ")
                        + sqlErrorText(db.lastError()),
                    ErrorKind::Unreachable);
    }
    return ok();
}

QStringList SqliteControlStore::createStatements() const
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, phase TEXT NOT NULL, "
                       "version INTEGER NOT NULL, changed_by TEXT NOT NULL, changed_host TEXT NOT NULL, "
                       "changed_at TEXT NOT NULL, pending_intent TEXT)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS intents (id TEXT PRIMARY KEY, migration TEXT NOT NULL, "
            "from_phase TEXT NOT NULL, to_phase TEXT NOT NULL, kind TEXT NOT NULL, "
            "from_version INTEGER NOT NULL, operator TEXT NOT NULL, host TEXT NOT NULL, "
            "pid INTEGER NOT NULL, started_at TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL, "
            "finished_at TEXT, outcome TEXT)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS audit_head (id INTEGER PRIMARY KEY, last_seq INTEGER NOT NULL, "
            "last_hash TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER PRIMARY KEY, time_utc TEXT NOT NULL, "
            "os_user TEXT NOT NULL, display_name TEXT NOT NULL, host TEXT NOT NULL, "
            "environment TEXT NOT NULL, migration TEXT NOT NULL, action TEXT NOT NULL, "
            "reason TEXT NOT NULL, gate_evidence TEXT NOT NULL, actuator_output TEXT NOT NULL, "
            "result TEXT NOT NULL, prev_hash TEXT NOT NULL, entry_hash TEXT NOT NULL)"),
    };
}

} // namespace Cockpit
