// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "db/sqlite_statement.h"

#include <QHash>
#include <QString>

#include <optional>

namespace Cockpit {

// The ledger account balances one SQLite ledger connection knows, and the balance writes it defers to the
// end of the database transaction.
//
// Why deferred: a batch writes the same account rows again and again (every deposit debits the one clearing
// account; a user's accounts recur), and each UPDATE of such a row costs SQLite a row rewrite plus a delete
// and an insert in every index over a changed column (`change_seq`, the reconciler's covering index on the
// balance). Writing each touched row once, with its final balance, before anything can see the table
// (COMMIT, a savepoint, the invariant check; balance reads overlay pendingBalance() instead) commits the same
// state for a fraction of the B-tree work. Other connections never see uncommitted rows, so for them nothing
// changes.
//
// The cache is the truth inside the transaction: balances read from the database plus the deferred changes.
// It is valid only while no other connection commits (the store checks PRAGMA data_version once it holds
// the write lock) and is dropped by every rollback. Each deferred write is a compare-and-set on the balance
// the row had when the cache took it over, so should the cache ever disagree with the database, writing
// fails (and the store rolls the transaction back) instead of overwriting what someone else wrote.
//
// Threading: the store's thread.
class SqliteBalanceCache
{
public:
    Result<void> prepare(sqlite3 *db);

    // The account's balance, if known.
    std::optional<qint64> account(qint64 id) const;
    // The balance as the database holds it (read, or 0 for an account created in this transaction).
    void rememberAccount(qint64 id, qint64 balance) { m_accounts.insert(id, balance); }
    // A new balance of a known account, written by writePending(); change_seq and updated_at of the last
    // change win, as they would with one UPDATE per change.
    void setAccount(qint64 id, qint64 balance, qint64 changeSeq, qint64 nowMs);

    bool hasPending() const { return !m_pending.isEmpty(); }
    // The balance this transaction set for the account and has not written yet, if any.
    std::optional<qint64> pendingBalance(qint64 id) const;
    // Writes every deferred balance (in id order, which keeps the B-tree pages touched together). After a
    // failure part of it may be written and the cache is empty: the caller must roll back.
    Result<void> writePending();
    // Forgets everything, deferred balances included (rollback, another connection committed).
    void clear();

private:
    struct Pending
    {
        qint64 before = 0;
        qint64 changeSeq = 0;
        qint64 updatedAt = 0;
    };

    QHash<qint64, qint64> m_accounts;
    QHash<qint64, Pending> m_pending;
    SqliteStatement m_setAccount;
};

} // namespace Cockpit
