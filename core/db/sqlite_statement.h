// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace Cockpit {

// A prepared statement on the SQLite connection underneath a QSQLITE QSqlDatabase, for the hot paths
// where QtSql's per-row QVariant layer costs more than the query (ledger posting, balance reads, the
// reconciler's scans). Prepared once (SQLITE_PREPARE_PERSISTENT), bound by position, stepped, reset.
//
// Threading: as the connection it comes from, one thread. The statement must be destroyed before the
// QSqlDatabase connection is closed (sqlite3_close refuses a connection with live statements).
// Errors: prepare() and step() return false and leave one message naming the statement in error().
class SqliteStatement
{
public:
    enum class Step
    {
        Row,
        Done,
        Error
    };

    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;

    // The sqlite3 handle of an open QSQLITE connection, or nullptr for any other driver.
    static sqlite3 *handle(const QSqlDatabase &db);
    // Process-wide SQLite settings; call at the start of main(), before the first connection opens (later,
    // SQLite refuses them and nothing changes). Turns off SQLite's allocation statistics: Debian's build
    // takes a mutex and updates four counters around every malloc and free for them, and nothing in the
    // cockpit reads them (docs/performance.md, ledger).
    static void configureProcess();

    bool prepare(sqlite3 *db, const QString &sql);
    bool isPrepared() const { return m_stmt != nullptr; }
    // Positions start at 1, as in SQL. A QString is converted into a buffer this statement keeps per
    // position (reused, so binding allocates nothing once warm); a QByteArray is copied by SQLite
    // (SQLITE_TRANSIENT) unless the caller guarantees the bytes outlive the next step/reset
    // (bindStaticText).
    void bindInt64(int position, std::int64_t value);
    void bindText(int position, const QString &value);
    void bindText(int position, const QByteArray &utf8);
    void bindStaticText(int position, const QByteArray &utf8);
    void bindNull(int position);

    Step step();
    // Runs a statement that returns no rows (or ignores them); resets it afterwards.
    bool execute();
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    // Integer column that must really hold an integer (not a REAL, TEXT or NULL).
    bool isInteger(int column) const;
    // The storage class of a column in one call (exact readers must tell a REAL from TEXT or INTEGER;
    // every sqlite3_column_* call costs, which shows on scans of millions of rows).
    enum class Type
    {
        Integer,
        Real,
        Text,
        Blob,
        Null
    };
    Type type(int column) const;
    QString text(int column) const;
    // The column's UTF-8 bytes without a copy (not NUL-terminated); valid until the next step/reset.
    QByteArray textView(int column) const;
    int changes() const;

    QString error() const { return m_error; }
    // SQLite's extended result code of the last failed step (SQLITE_CONSTRAINT_UNIQUE...).
    int errorCode() const { return m_errorCode; }

private:
    void fail(const char *what);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_sql;
    QString m_error;
    int m_errorCode = 0;
    std::vector<QByteArray> m_textBuffers; // bindText(QString): UTF-8 by position, bound SQLITE_STATIC
};

} // namespace Cockpit
