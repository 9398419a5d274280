// SPDX-License-Identifier: MIT
#include "ledger/postgres_ledger_store.h"

#include <QProcessEnvironment>

namespace Cockpit {

PostgresLedgerStore::PostgresLedgerStore(DatabaseConfig config, QList<AccountMapping> mapping)
    : SqlLedgerStore(config, std::move(mapping), LedgerSchema::Dialect::Postgres)
    , m_pgConfig(std::move(config))
{}

QString PostgresLedgerStore::configureConnection(QSqlDatabase &db)
{
    db.setHostName(m_pgConfig.host);
    db.setPort(m_pgConfig.port);
    db.setDatabaseName(m_pgConfig.dbname);
    db.setUserName(m_pgConfig.user);
    if (!m_pgConfig.passwordEnv.isEmpty())
        db.setPassword(QProcessEnvironment::systemEnvironment().value(m_pgConfig.passwordEnv));
    db.setConnectOptions(QStringLiteral("connect_timeout=%1;sslmode=%2")
                             .arg(m_pgConfig.connectTimeoutSeconds)
                             .arg(m_pgConfig.sslMode));
    db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    return {};
}

QString PostgresLedgerStore::afterOpen(QSqlDatabase &)
{
    return exec(QStringLiteral("SET client_min_messages = warning"), QStringLiteral("session settings"));
}

QVariant PostgresLedgerStore::bindMoney(Money amount, QString *) const
{
    return QVariant(amount.toString());
}

std::optional<Money> PostgresLedgerStore::readMoney(const QVariant &value) const
{
    return Money::parse(value.toString());
}

} // namespace Cockpit
