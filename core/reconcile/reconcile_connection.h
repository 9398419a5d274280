// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "reconcile/reconcile_sql.h"

#include <QSqlDatabase>
#include <QString>

namespace Cockpit {

// Where the reconciler reads and keeps its own tables (runs, discrepancies).
// - Owned ledger (the demo, tests): the cockpit's own database; its tables sit beside the ledger and are
//   created or migrated on first use.
// - Observed ledger (a service's database): the service's tables are only read, through the configured
//   names; the cockpit's tables live in its own schema there, which only `cockpitctl setup` creates. The
//   connection's search_path is that schema, and every statement on a service table names its schema.
struct ReconcileStorage
{
    DatabaseConfig database;
    bool observed = false;
    ServiceSchema service;
    QString cockpitSchema;
    QString configPath; // named in "run cockpitctl setup --config FILE"

    static ReconcileStorage of(const LedgerConfig &ledger, const QString &configPath);
    static ReconcileStorage owned(DatabaseConfig database);
    QString setupCommand() const;
};

// A named QtSql connection to the ledger database, configured as the ledger lane's stores configure
// theirs (SQLite: WAL, 5 s busy timeout; PostgreSQL: password from the named environment variable, money
// read exactly; a read-only config opens a read-only session). Removes the connection when destroyed.
// Threading: like every QtSql connection, use it only in the thread that called open().
class ReconcileConnection
{
public:
    explicit ReconcileConnection(DatabaseConfig config, const QString &purpose = QStringLiteral("reconcile"));
    explicit ReconcileConnection(ReconcileStorage storage,
                                 const QString &purpose = QStringLiteral("reconcile"));
    ~ReconcileConnection();
    ReconcileConnection(const ReconcileConnection &) = delete;
    ReconcileConnection &operator=(const ReconcileConnection &) = delete;

    // A failure names the database; Unreachable when it cannot be connected to.
    Result<void> open();
    // Makes the reconciler's tables usable on this open connection: an owned, writable database creates or
    // migrates them; otherwise their version is only checked (missing or older: NotSetUp, the message names
    // `cockpitctl setup`). Whether the tables are there: false when a read-only session finds none (nothing
    // to show yet). When that is because the role may not use the cockpit's schema, *refused says so.
    Result<bool> prepareTables(QString *refused = nullptr);
    void close();
    bool isOpen() const;
    QSqlDatabase database() const;
    QString name() const { return m_name; }
    const DatabaseConfig &config() const { return m_storage.database; }
    const ReconcileStorage &storage() const { return m_storage; }
    QString describe() const { return m_storage.database.describe(); }
    ReconcileSql::Dialect dialect() const
    {
        return config().isSqlite() ? ReconcileSql::Dialect::Sqlite : ReconcileSql::Dialect::Postgres;
    }

private:
    ReconcileStorage m_storage;
    QString m_name;
};

} // namespace Cockpit
