// SPDX-License-Identifier: MIT
#pragma once

#include "common/environment_config.h"
#include "reconcile/reconcile_sql.h"

#include <QSqlDatabase>
#include <QString>

namespace Cockpit {

// A named QtSql connection to the ledger database, configured as the ledger lane's stores configure
// theirs (SQLite: WAL, 5 s busy timeout; PostgreSQL: password from the named environment variable, money
// read exactly). Removes the connection when destroyed.
// Threading: like every QtSql connection, use it only in the thread that called open().
class ReconcileConnection
{
public:
    explicit ReconcileConnection(DatabaseConfig config, const QString &purpose = QStringLiteral("reconcile"));
    ~ReconcileConnection();
    ReconcileConnection(const ReconcileConnection &) = delete;
    ReconcileConnection &operator=(const ReconcileConnection &) = delete;

    // Empty on success, otherwise a message naming the database.
    QString open();
    void close();
    bool isOpen() const;
    QSqlDatabase database() const;
    QString name() const { return m_name; }
    const DatabaseConfig &config() const { return m_config; }
    QString describe() const { return m_config.describe(); }
    ReconcileSql::Dialect dialect() const
    {
        return m_config.isSqlite() ? ReconcileSql::Dialect::Sqlite : ReconcileSql::Dialect::Postgres;
    }

private:
    DatabaseConfig m_config;
    QString m_name;
};

} // namespace Cockpit
