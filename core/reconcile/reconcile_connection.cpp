// SPDX-License-Identifier: MIT
#include "reconcile/reconcile_connection.h"

#include "db/postgres_connection.h"
#include "db/sql_error_text.h"
#include "reconcile/reconcile_schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Cockpit {

ReconcileStorage ReconcileStorage::of(const LedgerConfig &ledger, const QString &configPath)
{
    ReconcileStorage s;
    s.database = ledger.database;
    s.observed = ledger.ownership == LedgerOwnership::Observed;
    s.service = ledger.service;
    s.cockpitSchema = ledger.cockpitSchema;
    s.configPath = configPath;
    return s;
}

ReconcileStorage ReconcileStorage::owned(DatabaseConfig database)
{
    ReconcileStorage s;
    s.database = std::move(database);
    return s;
}

QString ReconcileStorage::setupCommand() const
{
    return QLatin1String("cockpitctl setup --config ")
           + (configPath.isEmpty() ? QStringLiteral("FILE") : configPath);
}

ReconcileConnection::ReconcileConnection(DatabaseConfig config, const QString &purpose)
    : ReconcileConnection(ReconcileStorage::owned(std::move(config)), purpose)
{}

ReconcileConnection::ReconcileConnection(ReconcileStorage storage, const QString &purpose)
    : m_storage(std::move(storage))
    , m_name(purpose + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::Id128))
{}

Result<bool> ReconcileConnection::prepareTables(QString *refused)
{
    if (!m_storage.observed && !config().readOnly) {
        if (Result<void> ensured = ReconcileSchema::ensure(database(), dialect(), describe()); !ensured)
            return fail(ensured.error());
        return true;
    }
    const Result<int> version = ReconcileSchema::installedVersion(database(), m_storage);
    // A role that may not use the cockpit's schema can still compare, read-only.
    if (!version && version.error().kind == ErrorKind::Refused && config().readOnly) {
        if (refused)
            *refused = version.error().message;
        return false;
    }
    if (!version)
        return fail(version.error());
    if (*version == ReconcileSchema::latestVersion())
        return true;
    if (*version == 0 && config().readOnly)
        return false;
    const QString where = m_storage.observed
                              ? QLatin1String("the cockpit's schema \"") + m_storage.cockpitSchema
                                    + QLatin1String("\" in ") + describe()
                              : describe();
    if (*version > ReconcileSchema::latestVersion()) {
        return fail(where
                    + QStringLiteral(": reconciler tables are at version %1, newer than this cockpit knows "
                                     "(%2); upgrade the cockpit")
                          .arg(*version)
                          .arg(ReconcileSchema::latestVersion()));
    }
    if (*version == 0)
        return fail(where + QLatin1String(": the reconciler's tables are not set up; run ")
                        + m_storage.setupCommand(),
                    ErrorKind::NotSetUp);
    return fail(
        where
            + QStringLiteral(": the reconciler's tables are at version %1, this cockpit needs %2; run ")
                  .arg(*version)
                  .arg(ReconcileSchema::latestVersion())
            + m_storage.setupCommand(),
        ErrorKind::NotSetUp);
}

ReconcileConnection::~ReconcileConnection()
{
    if (QSqlDatabase::contains(m_name)) {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
}

Result<void> ReconcileConnection::open()
{
    if (QSqlDatabase::contains(m_name)) {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    const DatabaseConfig &c = config();
    QSqlDatabase db =
        QSqlDatabase::addDatabase(c.isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), m_name);
    if (!db.isValid())
        return fail(describe() + QLatin1String(": the Qt SQL driver is not available"));
    if (c.isSqlite()) {
        db.setDatabaseName(c.sqlitePath);
        db.setConnectOptions(c.readOnly ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY")
                                        : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        PostgresConnection::configure(db, c);
    }
    db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (!db.open()) {
        return fail(describe() + QLatin1String(": ")
                        + PostgresConnection::classify(sqlErrorText(db.lastError()), c) + QLatin1String(": ")
                        + sqlErrorText(db.lastError())
                        + PostgresConnection::passwordHint(c, db.lastError().text()),
                    ErrorKind::Unreachable);
    }
    QStringList setup;
    if (c.isSqlite()) {
        if (!c.readOnly) // a reader cannot change the journal mode; WAL is the writer's choice
            setup.append(QStringLiteral("PRAGMA journal_mode=WAL"));
    } else {
        setup.append(QStringLiteral("SET client_min_messages = warning"));
        // Unqualified names are the cockpit's own tables; every service table is named with its schema.
        if (m_storage.observed)
            setup.append(QLatin1String("SET search_path = ")
                         + ReconcileSql::Names::quote(m_storage.cockpitSchema));
    }
    QSqlQuery q(db);
    for (const QString &sql : std::as_const(setup)) {
        if (!q.exec(sql))
            return fail(describe() + QLatin1String(": ") + sql + QLatin1String(": ")
                        + sqlErrorText(q.lastError()));
    }
    return ok();
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
