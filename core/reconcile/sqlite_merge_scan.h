// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "db/sqlite_statement.h"
#include "ledger/money.h"
#include "reconcile/reconcile_sql.h"

#include <QList>
#include <QStringList>
#include <QVarLengthArray>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;

namespace Cockpit {

// The reconciler's comparison on SQLite: the merge join SQLite lacks. SQLite has no merge join, so any
// single statement joining the per-user pivot of `ledger_accounts` with `balances` costs an index lookup
// per user, even with covering indexes. Instead both sides are read in user order by two scans of covering
// indexes (`ledger_accounts_user_balance` from ledger schema version 2 and the `balances` index of
// legacyIndexSql()) and merged here as rows arrive, so results stream in user order. Still set-based: two
// statements per run, never one per user.
//
// The caller runs both statements inside one read transaction on the same connection (one snapshot).
// Threading: the connection's thread. cancelled() is polled every 1,024 users; sqlite3_interrupt on the
// connection also stops a step.
class SqliteMergeScan
{
public:
    struct Counts
    {
        qint64 legacyUsers = 0;     // rows of `balances` read
        qint64 ledgerOnlyUsers = 0; // users with a mapped ledger account and no `balances` row
    };
    // One user present on at least one side. userId is UTF-8, valid during the call. A failure stops the
    // scan with that error.
    using UserSink = std::function<Result<void>(std::string_view userId, bool inLedger, bool inLegacy,
                                                std::span<const std::optional<Money>> ledger,
                                                std::span<const std::optional<Money>> legacy)>;

    // `users`: restrict to those users (incremental runs), bound as one JSON array. `range`: restrict to
    // the user ids in [from, to) (one part of a split run, SqliteSplitMerge).
    SqliteMergeScan(QList<AccountMapping> mapping, std::optional<QStringList> users,
                    const ReconcileSql::KeyRange &range = {});

    // The index on `balances` that makes the legacy side a covering ordered scan. It depends on the
    // configured mapping, so it is not a fixed migration: the reconciler creates it (IF NOT EXISTS) on open,
    // named after its columns.
    static QString legacyIndexSql(const QList<AccountMapping> &mapping);

    QString ledgerSql() const;
    QString legacySql() const;

    // Prepares and binds both statements on `db`. One run() or stepOnly() per prepare().
    Result<void> prepare(sqlite3 *db);
    // Merges both scans, calling `sink` once per user in user_id order (SQLite's BINARY order). A failure
    // says why (including "interrupted" after sqlite3_interrupt).
    Result<void> run(const UserSink &sink, const std::function<bool()> &cancelled, Counts *counts);
    // The benchmark's baselines: both statements stepped to the end, the values untouched or read as the
    // merge reads them (into *checksum, so that the reads are not optimised away).
    Result<void> stepOnly(bool readValues, qint64 *rows, std::int64_t *checksum);

private:
    // The mapping index of an account type, -1 when it is not mapped.
    qsizetype typeIndex(std::string_view type) const;
    Result<std::optional<Money>> readMoney(const SqliteStatement &st, int column) const;
    QString filter() const; // the users and range conditions, each " AND ..."
    void bind(SqliteStatement &st) const;

    QList<AccountMapping> m_mapping;
    QList<QByteArray> m_types; // UTF-8 account types, compared with the ledger rows' bytes
    std::optional<QStringList> m_users;
    QByteArray m_usersJson;
    std::optional<QByteArray> m_from; // UTF-8, bound as TEXT: compared in BINARY order, the merge's order
    std::optional<QByteArray> m_to;
    SqliteStatement m_ledger;
    SqliteStatement m_legacy;
};

} // namespace Cockpit
