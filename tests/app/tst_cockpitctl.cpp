// SPDX-License-Identifier: MIT
#include "test_paths.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cockpitctl(const QStringList &arguments)
{
    QProcess process;
    process.start(CockpitTest::cockpitctl(), arguments);
    Run run;
    if (!process.waitForFinished(30000))
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class TestCockpitctl : public QObject
{
    Q_OBJECT

private slots:
    void version()
    {
        const Run run = cockpitctl({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(QStringLiteral("cockpitctl ") + QStringLiteral(COCKPIT_VERSION)));
    }

    void helpListsCommands()
    {
        const Run run = cockpitctl({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("config check")));
        QVERIFY(run.out.contains(QStringLiteral("Exit codes")));
    }

    void noArgumentsIsAUsageError() { QCOMPARE(cockpitctl({}).exitCode, 2); }

    void unknownCommandIsAUsageError()
    {
        const Run run = cockpitctl({QStringLiteral("frobnicate")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("unknown command")));
    }

    void configCheckProdExample()
    {
        const Run run = cockpitctl({QStringLiteral("config"), QStringLiteral("check"),
                                    CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("ok: environment \"prod-eu\" (prod)")));
    }

    void configCheckJson()
    {
        const Run run = cockpitctl({QStringLiteral("config"), QStringLiteral("check"),
                                    QStringLiteral("--format"), QStringLiteral("json"),
                                    CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject object = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(object.value(QStringLiteral("valid")).toBool(), true);
        QCOMPARE(
            object.value(QStringLiteral("environment")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("demo"));
    }

    void configCheckBadCopies_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("message");
        QTest::addRow("bad port")
            << QByteArray("\"port\": 5432") << QByteArray("\"port\": \"abc\"")
            << QStringLiteral("prod.json: /ledger/database/port: expected an integer 1-65535, got \"abc\"");
        QTest::addRow("unknown key") << QByteArray("\"tolerance\"") << QByteArray("\"tolerence\"")
                                     << QStringLiteral("prod.json: /ledger/tolerence: unknown key");
    }

    void configCheckBadCopies()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, message);
        QFile source(CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QByteArray text = source.readAll();
        const int at = text.indexOf(from);
        QVERIFY(at >= 0);
        text.replace(at, from.size(), to); // only the first occurrence: one bad key
        QTemporaryDir dir;
        QFile copy(dir.filePath(QStringLiteral("prod.json")));
        QVERIFY(copy.open(QIODevice::WriteOnly));
        copy.write(text);
        copy.close();
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(CockpitTest::cockpitctl(),
                      {QStringLiteral("config"), QStringLiteral("check"), QStringLiteral("prod.json")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
        QCOMPARE(err.trimmed().count(QLatin1Char('\n')), 0); // exactly one message
    }
};

QTEST_GUILESS_MAIN(TestCockpitctl)
#include "tst_cockpitctl.moc"
