// SPDX-License-Identifier: MIT
#include "ledger/sqlite_balance_cache.h"

#include <algorithm>
#include <vector>

namespace Cockpit {

Result<void> SqliteBalanceCache::prepare(sqlite3 *db)
{
    // The guard on a user account stays in SQL as a second line behind the checks of post().
    if (!m_setAccount.prepare(db, QStringLiteral("UPDATE ledger_accounts SET balance = ?1, change_seq = ?2,"
                                                 " updated_at = ?3 WHERE id = ?4 AND balance = ?5"
                                                 " AND (user_id IS NULL OR ?1 >= 0)")))
        return fail(QLatin1String("prepare deferred balance writes: ") + m_setAccount.error());
    return ok();
}

std::optional<qint64> SqliteBalanceCache::account(qint64 id) const
{
    if (auto it = m_accounts.constFind(id); it != m_accounts.cend())
        return *it;
    return std::nullopt;
}

std::optional<qint64> SqliteBalanceCache::pendingBalance(qint64 id) const
{
    if (!m_pending.contains(id))
        return std::nullopt;
    return m_accounts.value(id);
}

void SqliteBalanceCache::setAccount(qint64 id, qint64 balance, qint64 changeSeq, qint64 nowMs)
{
    auto pending = m_pending.find(id);
    if (pending == m_pending.end())
        pending = m_pending.insert(id, {m_accounts.value(id), 0, 0});
    pending->changeSeq = changeSeq;
    pending->updatedAt = nowMs;
    m_accounts.insert(id, balance);
}

Result<void> SqliteBalanceCache::writePending()
{
    std::vector<qint64> ids;
    ids.reserve(static_cast<size_t>(m_pending.size()));
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        ids.push_back(it.key());
    std::sort(ids.begin(), ids.end());
    QString error;
    for (const qint64 id : ids) {
        const Pending &p = *m_pending.constFind(id);
        m_setAccount.bindInt64(1, m_accounts.value(id));
        m_setAccount.bindInt64(2, p.changeSeq);
        m_setAccount.bindInt64(3, p.updatedAt);
        m_setAccount.bindInt64(4, id);
        m_setAccount.bindInt64(5, p.before);
        if (!m_setAccount.execute()) {
            error = QLatin1String("write balance of account ") + QString::number(id) + QLatin1String(": ")
                    + m_setAccount.error();
            break;
        }
        if (m_setAccount.changes() != 1) {
            error = QLatin1String("balance of account ") + QString::number(id) + QLatin1String(" is not the ")
                    + QString::number(p.before) + QLatin1String(" micro-units this transaction started from");
            break;
        }
    }
    m_pending.clear();
    if (error.isEmpty())
        return ok();
    clear();
    return fail(error);
}

void SqliteBalanceCache::clear()
{
    m_accounts.clear();
    m_pending.clear();
}

} // namespace Cockpit
