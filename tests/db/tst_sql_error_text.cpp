// SPDX-License-Identifier: MIT
#include "db/sql_error_text.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Cockpit;

class TestSqlErrorText : public QObject
{
    Q_OBJECT

private slots:
    // libpq's two-line message as one sentence pair, without Qt's "QPSQL: Unable to connect".
    void refusedPostgresConnectionReadsAsOneLine()
    {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            QSKIP("the Qt PostgreSQL driver is not installed");
        QString text;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("refused"));
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(1);
            db.setDatabaseName(QStringLiteral("nothing"));
            QVERIFY(!db.open());
            QVERIFY2(db.lastError().text().contains(QLatin1Char('\n')), qPrintable(db.lastError().text()));
            text = sqlErrorText(db.lastError());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("refused"));
        QVERIFY2(!text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\t')), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("QPSQL")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Connection refused. Is the server running")), qPrintable(text));
    }

    void sqliteSaysWhatIsWrong()
    {
        QString text;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("memory"));
            db.setDatabaseName(QStringLiteral(":memory:"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(!q.exec(QStringLiteral("SELECT * FROM balances")));
            text = sqlErrorText(q.lastError());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("memory"));
        QCOMPARE(text, QStringLiteral("no such table: balances"));
    }

    void driverWordsRemainWhenTheyAreAllThereIs()
    {
        const QSqlError onlyDriver(QStringLiteral("Unable to fetch row"), QString(),
                                   QSqlError::StatementError);
        QCOMPARE(sqlErrorText(onlyDriver), QStringLiteral("Unable to fetch row"));
        QCOMPARE(sqlErrorText(QSqlError()), QString());
    }
};

QTEST_GUILESS_MAIN(TestSqlErrorText)
#include "tst_sql_error_text.moc"
