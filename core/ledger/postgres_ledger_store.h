// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/sql_ledger_store.h"

namespace Cockpit {

// The ledger in PostgreSQL (staging, prod): money as NUMERIC(38,6), read back as text so no value passes
// through a double; the password comes from the environment variable the config names.
// Threading: as LedgerStore, one thread per instance.
class PostgresLedgerStore : public SqlLedgerStore
{
public:
    PostgresLedgerStore(DatabaseConfig config, QList<AccountMapping> mapping);

    bool failedStatementAbortsTransaction() const override { return true; }

protected:
    QString driverName() const override { return QStringLiteral("QPSQL"); }
    Result<void> configureConnection(QSqlDatabase &db) override;
    Result<void> afterOpen(QSqlDatabase &db) override;
    QString beginStatement() const override { return QStringLiteral("BEGIN"); }
    QStringList readSnapshotStatements() const override
    {
        return {QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")};
    }
    bool canPrepareControlStatements() const override { return false; }
    Result<QVariant> bindMoney(Money amount) const override;
    std::optional<Money> readMoney(const QVariant &value) const override;
    QString moneySelect(const QString &column) const override
    {
        return QLatin1String("(") + column + QLatin1String(")::text");
    }
    // NUMERIC(38,6) raises "numeric field overflow" by itself; the guard only keeps the placeholder count.
    QString overflowGuard(const QString &expression) const override
    {
        return QLatin1String("(") + expression + QLatin1String(") IS NOT NULL");
    }

private:
    DatabaseConfig m_pgConfig;
};

} // namespace Cockpit
