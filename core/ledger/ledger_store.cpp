// SPDX-License-Identifier: MIT
#include "ledger/ledger_store.h"

#include "ledger/ledger_schema.h"
#include "ledger/postgres_ledger_store.h"
#include "ledger/sqlite_ledger_store.h"

namespace Cockpit {

std::unique_ptr<LedgerStore> LedgerStore::create(const DatabaseConfig &config,
                                                 const QList<AccountMapping> &mapping)
{
    if (config.isSqlite())
        return std::make_unique<SqliteLedgerStore>(config, mapping);
    return std::make_unique<PostgresLedgerStore>(config, mapping);
}

int LedgerStore::latestSchemaVersion()
{
    return LedgerSchema::latestVersion();
}

std::optional<LedgerTransaction> LedgerConnection::openTransaction() const
{
    if (!inTransaction())
        return std::nullopt;
    return LedgerTransaction(this, m_transactionSerial);
}

Result<void> LedgerConnection::checkTransaction(const LedgerTransaction &transaction) const
{
    if (transaction.m_connection == this && transaction.m_serial == m_transactionSerial && inTransaction())
        return ok();
    return fail(
        describe()
            + QLatin1String(": refusing to post outside the database transaction its token was made for"),
        ErrorKind::Refused);
}

} // namespace Cockpit
