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

    void rolloutPromoteAndRollbackGoThroughMigrationControl()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("demo.json"));
        QVERIFY(QFile::copy(CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json"), config));
        const QStringList common = {QStringLiteral("--config"), config, QStringLiteral("--yes"),
                                    QStringLiteral("--reason"), QStringLiteral("test")};
        const Run promote = cockpitctl(
            QStringList{QStringLiteral("rollout"), QStringLiteral("promote"), QStringLiteral("sync_service")}
            + common);
        QVERIFY2(promote.exitCode == 0, qPrintable(promote.err));
        QVERIFY(promote.out.contains(QStringLiteral("rollout:sync_service is now v2_10")));
        // The rollout lane's own view follows: 10 % of traffic on V2, and the env file the router reads.
        const Run status =
            cockpitctl({QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("--config"),
                        config, QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(status.out.contains(QStringLiteral("\"v2_10\""))
                     || status.out.contains(QStringLiteral("10 %")),
                 qPrintable(status.out));
        QFile env(dir.filePath(QStringLiteral("demo-data/rollout.env")));
        QVERIFY(env.open(QIODevice::ReadOnly));
        const QByteArray flags = env.readAll();
        QVERIFY(flags.contains("SYNC_SERVICE_VERSION=v2"));
        QVERIFY(flags.contains("SYNC_SERVICE_V2_WEIGHT=10"));
        env.close();
        const Run rollback = cockpitctl(
            QStringList{QStringLiteral("rollout"), QStringLiteral("rollback"), QStringLiteral("sync_service")}
            + common);
        QVERIFY2(rollback.exitCode == 0, qPrintable(rollback.err));
        QVERIFY(rollback.out.contains(QStringLiteral("rollout:sync_service is now v1")));
        QCOMPARE(cockpitctl({QStringLiteral("rollout"), QStringLiteral("promote")}).exitCode, 2);
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
