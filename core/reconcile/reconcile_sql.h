// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "ledger/decimal.h"
#include "ledger/money.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

#include <optional>

class QSqlQuery;

namespace Cockpit {

// Where the PostgreSQL statements find the service's tables: its names (each a checked SQL identifier,
// quoted on use, so that any case survives) and the type of its user ids (uuid, bigint, text...),
// read from the catalog, for the casts of bound user lists. The defaults are the cockpit's own schema.
struct ReconcileNames
{
    ServiceSchema service;
    QString userIdType = QStringLiteral("text");
    bool observed = false;   // a service's schema: none of the cockpit's own columns (system_key)
    QString historyTimeType; // the type of entries.createdAt, when the history columns were checked

    static QString quote(const QString &identifier);
    // "schema"."table", or "table" when no schema is configured.
    QString table(const QString &name) const;
};

// The SQL text of the reconciler, per dialect. On PostgreSQL the comparison is one set-based query: the
// ledger side is pivoted to one row per user (one column per mapped account type), joined with the legacy
// `balances` row, filtered by the tolerance inside the database; users present on one side only come out
// too. SQLite has no merge join, so the reconciler compares there with SqliteMergeScan; the SQLite dialect
// of discrepancyQuery is the former single statement, kept as the benchmark's point of comparison. Only the
// mapped legacy column names are spliced into the text (validated identifiers); everything else is a bound
// parameter. Stateless; callable from any thread.
class ReconcileSql
{
public:
    enum class Dialect
    {
        Sqlite,
        Postgres
    };

    struct Statement
    {
        QString sql;
        QVariantList binds;

        // Prepares `q` with the text and binds the values; false when preparing failed (q.lastError()).
        bool prepare(QSqlQuery &q) const;
        // prepare() and exec().
        bool exec(QSqlQuery &q) const;
    };

    // A half-open range [from, to) of user ids in the database's order; an absent bound is open. A split
    // run compares the ranges of a partition of the key space on several connections at once.
    struct KeyRange
    {
        std::optional<QString> from;
        std::optional<QString> to;
    };

    using Names = ReconcileNames;

    // Success when every account type and legacy column is a plain lower-case identifier and none repeats;
    // otherwise Invalid, naming the pair.
    static Result<void> validateMapping(const QList<AccountMapping> &mapping);

    // Columns: user_id, in_ledger (0/1), in_legacy (0/1), ledger value per mapping, legacy value per mapping.
    // Only users with at least one discrepancy come out. `users` restricts the check to those users,
    // `range` (PostgreSQL) to the users in that key range.
    // On PostgreSQL a user id is returned as text and amounts as exact text at the column's own scale.
    static Statement discrepancyQuery(Dialect dialect, const QList<AccountMapping> &mapping, Money tolerance,
                                      const std::optional<QStringList> &users, const KeyRange &range = {},
                                      const Names &names = Names());
    // PostgreSQL: `parts - 1` split keys cutting `balances` into parts of about equal size, from the
    // planner's statistics (the histogram of balances.user_id, no table access). Columns: the estimated row
    // count, the key (NULL without a histogram). One row per key, ascending.
    static Statement splitKeys(int parts, const Names &names = Names());
    // " AND column >= ? AND column < ?" for the bounds `range` has, their values appended to *binds.
    static QString rangeFilter(const QString &column, const KeyRange &range, QVariantList *binds);
    // Number of legacy `balances` rows (optionally of `users`); the ledger-only users come from the stream.
    static Statement legacyUserCount(Dialect dialect, const std::optional<QStringList> &users,
                                     const Names &names = Names());
    // The users with ledger entries after the entry id `afterEntry` (which covers the cockpit's legacy
    // writes, each of which shadows a transaction), and the high-water mark: the newest entry id.
    static Statement changedUsers(qint64 afterEntry);
    static Statement highWaterMark();
    // SQLite, which the ledger store runs without foreign-key enforcement (docs/ledger.md): entries whose
    // transaction or account does not exist, accounts whose user does not (LedgerSchema).
    static Statement danglingReferences();
    // Transactions whose entries do not sum to zero (or have fewer than two); accounts whose balance is not
    // the sum of their entries. Columns: id, detail values (money as exact values).
    static Statement unbalancedTransactions(Dialect dialect, const Names &names = Names());
    static Statement accountBalanceMismatches(Dialect dialect, const Names &names = Names());
    // PostgreSQL, observed databases: the users with entries or legacy rows whose change-mark columns are
    // beyond the given marks (no mark or no column: that side is not followed; a null mark, read from a table
    // that was empty: all its rows are beyond it), and the newest marks,
    // as text of the columns' own types. Columns of changedUsers: the user id as text.
    static Statement observedChangedUsers(const Names &names, const std::optional<QString> &entriesMark,
                                          const std::optional<QString> &legacyMark);
    static Statement observedHighWaterMarks(const Names &names);

    static QVariant bindMoney(Dialect dialect, Money amount);
    // Exact: SQLite INTEGER micro-units (or TEXT for values beyond 64 bits), PostgreSQL NUMERIC as text.
    static std::optional<Money> readMoney(const QVariant &value);
    // Any scale: PostgreSQL NUMERIC as text, SQLite INTEGER micro-units.
    static std::optional<Decimal> readDecimal(const QVariant &value);
    static QVariant bindDecimal(Dialect dialect, const Decimal &amount);
    static QString moneySelect(Dialect dialect, const QString &expression);
    // "column IN/= ANY (one parameter holding a user subset)", and that parameter's value: a JSON array
    // on SQLite (json_each), a text[] literal on PostgreSQL.
    static QString usersFilter(Dialect dialect, const QString &column, const QString &userIdType = QString());
    static QString usersBinding(Dialect dialect, const QStringList &users);
    static QString usersJson(const QStringList &users);
};

} // namespace Cockpit
