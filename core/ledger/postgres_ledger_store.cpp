// SPDX-License-Identifier: MIT
#include "ledger/postgres_ledger_store.h"

#include "db/postgres_connection.h"

namespace Cockpit {

PostgresLedgerStore::PostgresLedgerStore(DatabaseConfig config, QList<AccountMapping> mapping)
    : SqlLedgerStore(config, std::move(mapping), LedgerSchema::Dialect::Postgres)
    , m_pgConfig(std::move(config))
{}

Result<void> PostgresLedgerStore::configureConnection(QSqlDatabase &db)
{
    PostgresConnection::configure(db, m_pgConfig);
    db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    return ok();
}

Result<void> PostgresLedgerStore::afterOpen(QSqlDatabase &)
{
    return exec(QStringLiteral("SET client_min_messages = warning"), QStringLiteral("session settings"));
}

Result<QVariant> PostgresLedgerStore::bindMoney(Money amount) const
{
    return QVariant(amount.toString());
}

std::optional<Money> PostgresLedgerStore::readMoney(const QVariant &value) const
{
    return valueOf(Money::parse(value.toString()));
}

} // namespace Cockpit
