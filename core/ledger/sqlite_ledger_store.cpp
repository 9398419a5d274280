// SPDX-License-Identifier: MIT
#include "ledger/sqlite_ledger_store.h"

#include <QDir>
#include <QFileInfo>

namespace Cockpit {

SqliteLedgerStore::SqliteLedgerStore(DatabaseConfig config, QList<AccountMapping> mapping)
    : SqlLedgerStore(config, std::move(mapping), LedgerSchema::Dialect::Sqlite)
    , m_sqliteConfig(std::move(config))
{}

QString SqliteLedgerStore::configureConnection(QSqlDatabase &db)
{
    const QString folder = QFileInfo(m_sqliteConfig.sqlitePath).absolutePath();
    if (!QDir().mkpath(folder))
        return describe() + QLatin1String(": cannot create the folder ") + folder;
    db.setDatabaseName(m_sqliteConfig.sqlitePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    return {};
}

QString SqliteLedgerStore::afterOpen(QSqlDatabase &)
{
    // temp_store=MEMORY: every operation of a batch runs in a savepoint, whose sub-journal would otherwise be
    // a temporary file written page by page (it measured 10x slower).
    for (const QString &pragma :
         {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
          QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA temp_store=MEMORY"),
          QStringLiteral("PRAGMA cache_size=-32768")}) {
        if (QString e = exec(pragma, pragma); !e.isEmpty())
            return e;
    }
    return {};
}

QVariant SqliteLedgerStore::bindMoney(Money amount, QString *error) const
{
    const std::optional<qint64> micros = amount.toMicros64();
    if (!micros) {
        *error = amount.toString() + QLatin1String(" exceeds the SQLite ledger's range (64-bit micro-units)");
        return {};
    }
    return QVariant(*micros);
}

std::optional<Money> SqliteLedgerStore::readMoney(const QVariant &value) const
{
    if (value.typeId() != QMetaType::LongLong && value.typeId() != QMetaType::Int)
        return std::nullopt; // a REAL or TEXT here means someone wrote the column outside the cockpit
    return Money::fromMicros(value.toLongLong());
}

} // namespace Cockpit
