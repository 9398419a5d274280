// SPDX-License-Identifier: MIT
// SqliteLedgerStore's reads of one user's balances and its invariant check; the write path is in
// sqlite_ledger_store.cpp.
#include "ledger/sqlite_ledger_store.h"

#include <algorithm>

namespace Cockpit {

std::optional<QStringList> SqliteLedgerStore::checkInvariants(QString *error)
{
    if (QString e = writeDeferred(); !e.isEmpty()) {
        *error = e;
        return std::nullopt;
    }
    return SqlLedgerStore::checkInvariants(error);
}

std::optional<QMap<QString, Money>> SqliteLedgerStore::ledgerBalances(const QString &userId, QString *error)
{
    // Inside a batch the rows may lag behind the balances this transaction deferred; those are overlaid
    // instead of written out early, so a read costs the same inside a batch as outside it.
    SqliteStatement &q = m_selectLedgerBalances;
    q.bindText(1, userId);
    QMap<QString, Money> balances;
    SqliteStatement::Step s;
    while ((s = q.step()) == SqliteStatement::Step::Row) {
        if (!q.isInteger(1)) {
            // A REAL or TEXT here means someone wrote the column outside the cockpit.
            *error = describe() + QLatin1String(": unreadable ledger balance ") + q.text(1);
            q.reset();
            return std::nullopt;
        }
        const qint64 balance = m_cache.pendingBalance(q.int64(2)).value_or(q.int64(1));
        // The mapped types' names are shared, not decoded again for every read.
        const QByteArray type = q.textView(0);
        const auto known = std::find_if(m_accountTypes.cbegin(), m_accountTypes.cend(),
                                        [&](const auto &t) { return t.first == type; });
        balances.insert(known != m_accountTypes.cend() ? known->second : q.text(0),
                        Money::fromMicros(balance));
    }
    if (s == SqliteStatement::Step::Error) {
        *error = statementError(q, QLatin1String("read ledger balances of ") + userId);
        return std::nullopt;
    }
    q.reset();
    return balances;
}

std::optional<QMap<QString, Money>> SqliteLedgerStore::legacyBalances(const QString &userId, QString *error)
{
    SqliteStatement &q = m_selectLegacyBalances;
    q.bindText(1, userId);
    const SqliteStatement::Step s = q.step();
    if (s == SqliteStatement::Step::Error) {
        *error = statementError(q, QLatin1String("read legacy balances of ") + userId);
        return std::nullopt;
    }
    const bool found = s == SqliteStatement::Step::Row;
    const QList<AccountMapping> columns = mapping();
    QMap<QString, Money> balances;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const int column = static_cast<int>(i);
        if (found && !q.isNull(column) && !q.isInteger(column)) {
            *error = describe() + QLatin1String(": unreadable legacy ") + columns.at(i).legacyColumn
                     + QLatin1String(" of ") + userId + QLatin1String(": ") + q.text(column);
            q.reset();
            return std::nullopt;
        }
        balances.insert(columns.at(i).legacyColumn,
                        found && !q.isNull(column) ? Money::fromMicros(q.int64(column)) : Money());
    }
    q.reset();
    return balances;
}

} // namespace Cockpit
