// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "reconcile/reconcile_sql.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <libpq-fe.h>

#include <functional>

namespace Cockpit {

// One key range of a split PostgreSQL comparison, on a libpq connection of its own. The run's connection
// exports its snapshot (pg_export_snapshot), this one imports it (SET TRANSACTION SNAPSHOT) before its
// query, so every range reads the same database state; each range's FULL JOIN then runs on a server backend
// of its own, at the same time as the others. The query is sent without waiting (PQsendQueryParams) and
// its rows are read later, in range order, by finish(); libpq keeps them meanwhile (only discrepancies
// come back, a small result).
//
// The connection stays open between runs and is dropped after any error (the next run reconnects).
// Threading: one thread (the run's); connection() for PQgetCancel.
class PostgresPartQuery
{
public:
    explicit PostgresPartQuery(DatabaseConfig config);
    ~PostgresPartQuery();
    PostgresPartQuery(const PostgresPartQuery &) = delete;
    PostgresPartQuery &operator=(const PostgresPartQuery &) = delete;

    // Connects if needed and opens a REPEATABLE READ READ ONLY transaction on `snapshotId`.
    Result<void> begin(const QString &snapshotId);
    // Sends the statement (QtSql's `?` placeholders, values sent as text).
    Result<void> send(const ReconcileSql::Statement &statement);
    // Waits for the result and calls `row` per row with a reader of its columns (NULL: an invalid
    // QVariant, else the text as a QString); stops at the first failure `row` returns. Ends the transaction.
    using ColumnReader = std::function<QVariant(int column)>;
    Result<void> finish(const std::function<Result<void>(const ColumnReader &)> &row);
    // Ends the transaction after an error elsewhere (or drops the connection when it is not idle).
    void abort();
    PGconn *connection() const { return m_conn; }

    // `parts - 1` split keys of about equal parts from the statistics of `balances`
    // (ReconcileSql::splitKeys), on the run's QtSql connection; none when the table is estimated below
    // `minRows` or was never analysed.
    static Result<QStringList> estimateSplitKeys(const QSqlDatabase &db, int parts, qint64 minRows,
                                                 const ReconcileSql::Names &names);

private:
    Result<void> connect();
    Result<void> command(const char *sql);
    // The connection's error for `step`; drops the connection when it is broken.
    QString connectionError(const QString &step);

    DatabaseConfig m_config;
    PGconn *m_conn = nullptr;
    bool m_inTransaction = false;
    bool m_sent = false;
};

} // namespace Cockpit
