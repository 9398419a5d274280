// SPDX-License-Identifier: MIT
#include "db/sqlite_statement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>
#include <utility>

namespace Cockpit {

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_sql(std::move(other.m_sql))
    , m_error(std::move(other.m_error))
    , m_errorCode(other.m_errorCode)
    , m_textBuffers(std::move(other.m_textBuffers))
{}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_sql = std::move(other.m_sql);
        m_error = std::move(other.m_error);
        m_errorCode = other.m_errorCode;
        m_textBuffers = std::move(other.m_textBuffers);
    }
    return *this;
}

sqlite3 *SqliteStatement::handle(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

bool SqliteStatement::prepare(sqlite3 *db, const QString &sql)
{
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_db = db;
    m_sql = sql;
    m_error.clear();
    m_errorCode = 0;
    if (!db) {
        m_error = QLatin1String("no SQLite connection to prepare \"") + sql.left(80) + QLatin1Char('"');
        return false;
    }
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v3(db, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt,
                           nullptr)
        != SQLITE_OK) {
        fail("prepare");
        m_stmt = nullptr;
        return false;
    }
    return true;
}

void SqliteStatement::bindInt64(int position, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, position, sqlite3_int64(value));
}

void SqliteStatement::configureProcess()
{
    // SQLite keeps its own malloc(): the sanitizer build then tests the allocator production uses.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); // SQLITE_MISUSE once SQLite is initialised: a no-op then
}

void SqliteStatement::bindText(int position, const QString &value)
{
    if (position < 1)
        return; // as sqlite3_bind_text would (SQLITE_RANGE), without indexing the buffers with it
    if (m_textBuffers.size() < size_t(position))
        m_textBuffers.resize(size_t(position));
    QByteArray &buffer = m_textBuffers[size_t(position) - 1];
    // Most bound text is short ASCII (user and reference ids): copied into the kept buffer, whose capacity
    // survives resize(). Anything else goes through Qt's UTF-8 encoder.
    const qsizetype n = value.size();
    const char16_t *in = reinterpret_cast<const char16_t *>(value.utf16());
    buffer.resize(n);
    char *out = buffer.data();
    qsizetype i = 0;
    for (; i < n && in[i] < 0x80; ++i)
        out[i] = char(in[i]);
    if (i < n)
        buffer = value.toUtf8();
    // SQLITE_STATIC: the buffer lives until this position is bound again or the statement is destroyed.
    sqlite3_bind_text(m_stmt, position, buffer.constData(), int(buffer.size()), SQLITE_STATIC);
}

void SqliteStatement::bindText(int position, const QByteArray &utf8)
{
    sqlite3_bind_text(m_stmt, position, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindStaticText(int position, const QByteArray &utf8)
{
    sqlite3_bind_text(m_stmt, position, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

void SqliteStatement::bindNull(int position)
{
    sqlite3_bind_null(m_stmt, position);
}

SqliteStatement::Step SqliteStatement::step()
{
    switch (sqlite3_step(m_stmt)) {
    case SQLITE_ROW:
        return Step::Row;
    case SQLITE_DONE:
        return Step::Done;
    default:
        fail("step");
        sqlite3_reset(m_stmt);
        return Step::Error;
    }
}

bool SqliteStatement::execute()
{
    Step s = step();
    while (s == Step::Row)
        s = step();
    if (s == Step::Error)
        return false;
    sqlite3_reset(m_stmt);
    return true;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

bool SqliteStatement::isInteger(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_INTEGER;
}

SqliteStatement::Type SqliteStatement::type(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER:
        return Type::Integer;
    case SQLITE_FLOAT:
        return Type::Real;
    case SQLITE_TEXT:
        return Type::Text;
    case SQLITE_BLOB:
        return Type::Blob;
    default:
        return Type::Null;
    }
}

QString SqliteStatement::text(int column) const
{
    const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(bytes, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::textView(int column) const
{
    // sqlite3_column_blob, not _text: a TEXT value read from a page is not NUL-terminated, and _text
    // copies it into a fresh allocation to add the terminator, once per value of a scan (see
    // docs/performance.md). _blob hands out the stored bytes, UTF-8 in the databases the cockpit creates.
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return QByteArray::fromRawData(bytes, sqlite3_column_bytes(m_stmt, column));
}

int SqliteStatement::changes() const
{
    return sqlite3_changes(m_db);
}

void SqliteStatement::fail(const char *what)
{
    m_errorCode = sqlite3_extended_errcode(m_db);
    m_error = QLatin1String(what) + QLatin1String(" of \"") + m_sql.simplified().left(80)
              + QLatin1String("\" failed: ") + QString::fromUtf8(sqlite3_errmsg(m_db));
}

} // namespace Cockpit
