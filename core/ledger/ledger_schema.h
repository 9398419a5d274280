// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace Cockpit {

// The ledger database's DDL, one migration per schema version. Migrations only add (CREATE ... IF NOT
// EXISTS), so they also adopt an existing legacy database that already has `users` and `balances`.
// Stateless; callable from any thread.
class LedgerSchema
{
public:
    enum class Dialect
    {
        Sqlite,
        Postgres
    };

    static int latestVersion();
    // The statements that take a database from version - 1 to `version` (1 = from empty or legacy-only).
    static QStringList migration(int version, Dialect dialect);
    // Replaces {ID} (auto-increment primary key) and {MONEY} (the exact money column: INTEGER micro-units in
    // SQLite, NUMERIC(38,6) in PostgreSQL) in a DDL statement; tables of other lanes that hold ledger amounts
    // use it so their amounts have the ledger's representation.
    static QString expandTypes(const char *sql, Dialect dialect);
    // The rows whose reference points nowhere: entries without their transaction or account, accounts without
    // their user. SQLite's store does not enforce the foreign keys (each costs every entry a lookup; the
    // store writes only ids it just read or created), so invariant checks run this there. Columns: the
    // referring table's noun ('entry', 'account'), its id, the missing row's noun, the missing id.
    static QString danglingReferencesQuery();
};

} // namespace Cockpit
