// SPDX-License-Identifier: MIT
// SqliteStatement on a real SQLite file opened through QtSql: handle lookup, binding, stepping, the
// error text of a failed statement, and that a REAL is not mistaken for an integer.
#include "db/sqlite_statement.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Cockpit;

class TestSqliteStatement : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void handleOnlyForOpenSqlite();
    void bindStepAndRead();
    void reboundTextKeepsEachValue();
    void failedStepNamesStatementAndCode();
    void realIsNotInteger();

private:
    QTemporaryDir m_dir;
    QString m_connection = QStringLiteral("tst_sqlite_statement");
};

void TestSqliteStatement::init()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_dir.filePath(QStringLiteral("t.db")));
    QVERIFY(db.open());
}

void TestSqliteStatement::cleanup()
{
    QSqlDatabase::database(m_connection).close();
    QSqlDatabase::removeDatabase(m_connection);
}

void TestSqliteStatement::handleOnlyForOpenSqlite()
{
    QVERIFY(SqliteStatement::handle(QSqlDatabase::database(m_connection)) != nullptr);
    QVERIFY(SqliteStatement::handle(QSqlDatabase()) == nullptr);
    SqliteStatement st;
    QVERIFY(!st.prepare(nullptr, QStringLiteral("SELECT 1")));
    QVERIFY(st.error().contains(QLatin1String("SELECT 1")));
}

void TestSqliteStatement::bindStepAndRead()
{
    {
        sqlite3 *db = SqliteStatement::handle(QSqlDatabase::database(m_connection));
        SqliteStatement create;
        QVERIFY2(create.prepare(db, QStringLiteral("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)")),
                 qPrintable(create.error()));
        QVERIFY(create.execute());

        SqliteStatement insert;
        QVERIFY(insert.prepare(db, QStringLiteral("INSERT INTO t (k, v) VALUES (?, ?)")));
        const std::int64_t big = std::numeric_limits<std::int64_t>::max();
        insert.bindText(1, QStringLiteral("grüße"));
        insert.bindInt64(2, big);
        QVERIFY(insert.execute());
        QCOMPARE(insert.changes(), 1);
        insert.reset();
        insert.bindText(1, QByteArrayLiteral("null"));
        insert.bindNull(2);
        QVERIFY(insert.execute());

        SqliteStatement select;
        QVERIFY(select.prepare(db, QStringLiteral("SELECT k, v FROM t ORDER BY k")));
        QCOMPARE(select.step(), SqliteStatement::Step::Row);
        QCOMPARE(select.text(0), QStringLiteral("grüße"));
        QVERIFY(select.isInteger(1));
        QCOMPARE(select.int64(1), big);
        QCOMPARE(select.step(), SqliteStatement::Step::Row);
        QCOMPARE(select.textView(0), QByteArrayLiteral("null"));
        QVERIFY(select.isNull(1));
        QVERIFY(!select.isInteger(1));
        QCOMPARE(select.step(), SqliteStatement::Step::Done);
    } // statements finalized before the connection closes
}

// bindText(QString) converts into a buffer kept per position and reused: each value, longer or shorter than
// the last, ASCII or not, empty, is stored exactly as bound.
void TestSqliteStatement::reboundTextKeepsEachValue()
{
    sqlite3 *db = SqliteStatement::handle(QSqlDatabase::database(m_connection));
    SqliteStatement create;
    QVERIFY(create.prepare(db, QStringLiteral("CREATE TABLE r (n INTEGER PRIMARY KEY, a TEXT, b TEXT)")));
    QVERIFY(create.execute());
    const QStringList values{QStringLiteral("a-rather-long-user-id-0000000001"),
                             QStringLiteral("u1"),
                             QStringLiteral("Zürich/€"),
                             QStringLiteral("ascii again"),
                             QString(),
                             QStringLiteral("x")};
    {
        SqliteStatement insert;
        QVERIFY(insert.prepare(db, QStringLiteral("INSERT INTO r (n, a, b) VALUES (?1, ?2, ?3)")));
        for (qsizetype i = 0; i < values.size(); ++i) {
            insert.bindInt64(1, i);
            insert.bindText(2, values.at(i));
            insert.bindText(3, values.at(values.size() - 1 - i));
            QVERIFY2(insert.execute(), qPrintable(insert.error()));
        }
        SqliteStatement select;
        QVERIFY(select.prepare(db, QStringLiteral("SELECT a, b FROM r ORDER BY n")));
        for (qsizetype i = 0; i < values.size(); ++i) {
            QCOMPARE(select.step(), SqliteStatement::Step::Row);
            QCOMPARE(select.text(0), values.at(i)); // a null QString binds as '', which equals it
            QCOMPARE(select.text(1), values.at(values.size() - 1 - i));
        }
        QCOMPARE(select.step(), SqliteStatement::Step::Done);
    }
}

void TestSqliteStatement::failedStepNamesStatementAndCode()
{
    sqlite3 *db = SqliteStatement::handle(QSqlDatabase::database(m_connection));
    SqliteStatement create;
    QVERIFY(create.prepare(db, QStringLiteral("CREATE TABLE u (k TEXT PRIMARY KEY)")));
    QVERIFY(create.execute());
    SqliteStatement insert;
    QVERIFY(insert.prepare(db, QStringLiteral("INSERT INTO u (k) VALUES (?)")));
    insert.bindText(1, QStringLiteral("a"));
    QVERIFY(insert.execute());
    QVERIFY(!insert.execute()); // same key again
    QVERIFY2(insert.error().contains(QLatin1String("INSERT INTO u")), qPrintable(insert.error()));
    QVERIFY2(insert.error().contains(QLatin1String("UNIQUE")), qPrintable(insert.error()));
    QCOMPARE(insert.errorCode(), 1555); // SQLITE_CONSTRAINT_PRIMARYKEY

    SqliteStatement bad;
    QVERIFY(!bad.prepare(db, QStringLiteral("SELECT * FROM missing_table")));
    QVERIFY2(bad.error().contains(QLatin1String("missing_table")), qPrintable(bad.error()));
}

void TestSqliteStatement::realIsNotInteger()
{
    sqlite3 *db = SqliteStatement::handle(QSqlDatabase::database(m_connection));
    SqliteStatement select;
    QVERIFY(select.prepare(db, QStringLiteral("SELECT 9223372036854775807 + 1")));
    QCOMPARE(select.step(), SqliteStatement::Step::Row);
    QVERIFY(!select.isInteger(0)); // SQLite overflowed into a REAL
}

QTEST_GUILESS_MAIN(TestSqliteStatement)
#include "tst_sqlite_statement.moc"
