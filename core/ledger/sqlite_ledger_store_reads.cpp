// SPDX-License-Identifier: MIT
// SqliteLedgerStore's reads of one user's balances and its invariant check; the write path is in
// sqlite_ledger_store.cpp.
#include "ledger/sqlite_ledger_store.h"

#include <algorithm>

namespace Cockpit {

Result<QStringList> SqliteLedgerStore::checkInvariants()
{
    if (Result<void> written = writeDeferred(); !written)
        return fail(written.error());
    return SqlLedgerStore::checkInvariants();
}

Result<QMap<QString, Money>> SqliteLedgerStore::ledgerBalances(const QString &userId)
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
            QString message = describe() + QLatin1String(": unreadable ledger balance ") + q.text(1);
            q.reset();
            return fail(std::move(message));
        }
        const qint64 balance = m_cache.pendingBalance(q.int64(2)).value_or(q.int64(1));
        // The mapped types' names are shared, not decoded again for every read.
        const QByteArray type = q.textView(0);
        const auto known = std::find_if(m_accountTypes.cbegin(), m_accountTypes.cend(),
                                        [&](const auto &t) { return t.first == type; });
        balances.insert(known != m_accountTypes.cend() ? known->second : q.text(0),
                        Money::fromMicros(balance));
    }
    if (s == SqliteStatement::Step::Error)
        return fail(statementError(q, QLatin1String("read ledger balances of ") + userId));
    q.reset();
    return balances;
}

Result<QMap<QString, Money>> SqliteLedgerStore::legacyBalances(const QString &userId)
{
    SqliteStatement &q = m_selectLegacyBalances;
    q.bindText(1, userId);
    const SqliteStatement::Step s = q.step();
    if (s == SqliteStatement::Step::Error)
        return fail(statementError(q, QLatin1String("read legacy balances of ") + userId));
    const bool found = s == SqliteStatement::Step::Row;
    const QList<AccountMapping> columns = mapping();
    QMap<QString, Money> balances;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const int column = static_cast<int>(i);
        if (found && !q.isNull(column) && !q.isInteger(column)) {
            QString message = describe() + QLatin1String(": unreadable legacy ") + columns.at(i).legacyColumn
                              + QLatin1String(" of ") + userId + QLatin1String(": ") + q.text(column);
            q.reset();
            return fail(std::move(message));
        }
        balances.insert(columns.at(i).legacyColumn,
                        found && !q.isNull(column) ? Money::fromMicros(q.int64(column)) : Money());
    }
    q.reset();
    return balances;
}

} // namespace Cockpit
