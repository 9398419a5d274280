// SPDX-License-Identifier: MIT
#include "reconcile/reconcile_connection.h"

#include "common/postgres_connection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Cockpit {

ReconcileConnection::ReconcileConnection(DatabaseConfig config, const QString &purpose)
    : m_config(std::move(config))
    , m_name(purpose + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::Id128))
{}

ReconcileConnection::~ReconcileConnection()
{
    if (QSqlDatabase::contains(m_name)) {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
}

QString ReconcileConnection::open()
{
    if (QSqlDatabase::contains(m_name)) {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(
        m_config.isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), m_name);
    if (!db.isValid())
        return describe() + QLatin1String(": the Qt SQL driver is not available");
    if (m_config.isSqlite()) {
        db.setDatabaseName(m_config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        PostgresConnection::configure(db, m_config);
    }
    db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (!db.open())
        return describe() + QLatin1String(": cannot connect: ") + db.lastError().text();
    QSqlQuery q(db);
    const QString setup = m_config.isSqlite() ? QStringLiteral("PRAGMA journal_mode=WAL")
                                              : QStringLiteral("SET client_min_messages = warning");
    if (!q.exec(setup))
        return describe() + QLatin1String(": ") + setup + QLatin1String(": ") + q.lastError().text();
    return {};
}

void ReconcileConnection::close()
{
    if (QSqlDatabase::contains(m_name))
        QSqlDatabase::database(m_name, false).close();
}

bool ReconcileConnection::isOpen() const
{
    return QSqlDatabase::contains(m_name) && QSqlDatabase::database(m_name, false).isOpen();
}

QSqlDatabase ReconcileConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

} // namespace Cockpit
