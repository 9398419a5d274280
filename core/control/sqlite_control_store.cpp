// SPDX-License-Identifier: MIT
#include "control/sqlite_control_store.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>

namespace Cockpit {

SqliteControlStore::SqliteControlStore(QString path)
    : SqlControlStore(QString(), QStringLiteral("BEGIN IMMEDIATE"))
    , m_path(std::move(path))
{}

QString SqliteControlStore::describe() const
{
    return QLatin1String("sqlite:") + m_path;
}

ControlResult SqliteControlStore::connect()
{
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder)) {
        return ControlResult::failure(ControlResult::Status::Unreachable,
                                      m_path + QLatin1String(": cannot create the folder ") + folder);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName());
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        return ControlResult::failure(ControlResult::Status::Unreachable,
                                      m_path + QLatin1String(": cannot open the control database: ")
                                          + db.lastError().text());
    }
    return ControlResult::success();
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
