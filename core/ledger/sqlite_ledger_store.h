// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/sql_ledger_store.h"

namespace Cockpit {

// The ledger in an SQLite file (demo, tests): WAL journal, synchronous=FULL so a committed transaction
// survives a power loss, money as INTEGER micro-units (exact; see docs/ledger.md for why not TEXT).
// Threading: as LedgerStore, one thread per instance; several instances (threads or processes) may share
// the file, writers wait up to 5 s for each other.
class SqliteLedgerStore : public SqlLedgerStore
{
public:
    SqliteLedgerStore(DatabaseConfig config, QList<AccountMapping> mapping);

    bool failedStatementAbortsTransaction() const override { return false; }

protected:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    QString configureConnection(QSqlDatabase &db) override;
    QString afterOpen(QSqlDatabase &db) override;
    // IMMEDIATE takes the write lock at once, so two writers queue instead of failing on lock upgrade.
    QString beginStatement() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QVariant bindMoney(Money amount, QString *error) const override;
    std::optional<Money> readMoney(const QVariant &value) const override;
    QString moneySelect(const QString &column) const override { return column; }
    bool canPrepareControlStatements() const override { return true; }
    // SQLite turns an overflowing integer sum into a REAL instead of failing; refuse that row instead.
    QString overflowGuard(const QString &expression) const override
    {
        return QLatin1String("typeof(") + expression + QLatin1String(") = 'integer'");
    }

private:
    DatabaseConfig m_sqliteConfig;
};

} // namespace Cockpit
