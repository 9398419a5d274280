// SPDX-License-Identifier: MIT
// cockpitctl rollout … run as a user would, against a real Prometheus started by the test.
#include "prometheus_fixture.h"
#include "rollout_test_data.h"
#include "test_paths.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace RolloutTestData;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run cockpitctl(const QStringList &args)
{
    QProcess process;
    process.start(CockpitTest::cockpitctl(), args);
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = QStringLiteral("cockpitctl did not finish within 30 s");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class TestRolloutCli : public QObject
{
    Q_OBJECT

private:
    CockpitTest::PrometheusServer m_server;
    QTemporaryDir m_dir;
    QString m_config;

    QString at() const { return QString::number(baseSeconds() + kSpanSeconds); }

private slots:
    void initTestCase()
    {
        if (!CockpitTest::PrometheusServer::isInstalled())
            QSKIP("Debian's prometheus package is not installed (/usr/bin/prometheus, /usr/bin/promtool)");
        const QString error = m_server.start(openMetrics());
        QVERIFY2(error.isEmpty(), qPrintable(error));

        QJsonObject queryObject;
        const auto q = queries();
        for (auto it = q.cbegin(); it != q.cend(); ++it)
            queryObject.insert(it.key(), it.value());
        QJsonArray modules;
        for (const QString &module : RolloutTestData::modules())
            modules.append(QJsonObject{
                {QStringLiteral("id"), module},
                {QStringLiteral("thresholds"), QJsonObject{{QStringLiteral("throughput_drop"), 20},
                                                           {QStringLiteral("latency_increase"), 50}}}});
        const QJsonObject config{
            {QStringLiteral("environment"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("rollout-cli-test")},
                         {QStringLiteral("kind"), QStringLiteral("demo")},
                         {QStringLiteral("dataDir"), m_dir.filePath(QStringLiteral("data"))}}},
            {QStringLiteral("metrics"), QJsonObject{{QStringLiteral("source"), QStringLiteral("prometheus")},
                                                    {QStringLiteral("url"), m_server.url().toString()},
                                                    {QStringLiteral("timeoutMs"), 3000},
                                                    {QStringLiteral("queries"), queryObject}}},
            {QStringLiteral("rollout"),
             QJsonObject{{QStringLiteral("modules"), modules},
                         {QStringLiteral("steps"), QJsonArray{10, 25, 50, 75, 100}},
                         {QStringLiteral("interval"), QStringLiteral("60s")},
                         {QStringLiteral("consecutiveBreaches"), 3}}},
        };
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
        m_config = m_dir.filePath(QStringLiteral("env.json"));
        QFile file(m_config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(config).toJson());
        file.close();
        const Run check = cockpitctl({QStringLiteral("config"), QStringLiteral("check"), m_config});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
    }

    void analyzeGivesVerdictAndExitCode_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("rollbackWanted");
        QTest::addRow("pass") << QStringLiteral("pass_mod") << 0 << QStringLiteral("pass") << false;
        QTest::addRow("breach") << QStringLiteral("breach_mod") << 1 << QStringLiteral("breach") << true;
        QTest::addRow("no series") << QStringLiteral("noseries_mod") << 1 << QStringLiteral("inconclusive")
                                   << false;
    }

    void analyzeGivesVerdictAndExitCode()
    {
        QFETCH(QString, module);
        QFETCH(int, exitCode);
        QFETCH(QString, status);
        QFETCH(bool, rollbackWanted);
        const Run run = cockpitctl({QStringLiteral("rollout"), QStringLiteral("analyze"), module,
                                    QStringLiteral("--config"), m_config, QStringLiteral("--at"), at(),
                                    QStringLiteral("--intervals"), QStringLiteral("10"),
                                    QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == exitCode, qPrintable(run.err + run.out));
        const QJsonObject json = run.json();
        QCOMPARE(json.value(QLatin1String("status")).toString(), status);
        QCOMPARE(json.value(QLatin1String("rollbackWanted")).toBool(), rollbackWanted);
        QCOMPARE(json.value(QLatin1String("intervals")).toArray().size(), 10);
    }

    void analyzeTextNamesMetricValuesAndThreshold()
    {
        const Run run =
            cockpitctl({QStringLiteral("rollout"), QStringLiteral("analyze"), QStringLiteral("breach_mod"),
                        QStringLiteral("--config"), m_config, QStringLiteral("--at"), at(),
                        QStringLiteral("--intervals"), QStringLiteral("10")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(
                     QLatin1String("throughput_drop: V1 100, V2 60, observed 40.0 % vs threshold 20 %")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("auto-rollback to V1 wanted")), qPrintable(run.out));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("messagePart");
        QTest::addRow("unknown module")
            << QStringList{QStringLiteral("nope")} << QStringLiteral("configured: pass_mod");
        QTest::addRow("bad --at") << QStringList{QStringLiteral("pass_mod"), QStringLiteral("--at"),
                                                 QStringLiteral("soon")}
                                  << QStringLiteral("--at");
        QTest::addRow("no module") << QStringList{} << QStringLiteral("exactly one MODULE");
        QTest::addRow("bad --intervals")
            << QStringList{QStringLiteral("pass_mod"), QStringLiteral("--intervals"), QStringLiteral("0")}
            << QStringLiteral("--intervals");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, messagePart);
        const Run run = cockpitctl(QStringList{QStringLiteral("rollout"), QStringLiteral("analyze"),
                                               QStringLiteral("--config"), m_config}
                                   + args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(messagePart), qPrintable(run.err));
    }

    void pauseResumeAndStatus()
    {
        const QStringList config{QStringLiteral("--config"), m_config};
        Run run = cockpitctl(QStringList{QStringLiteral("rollout"), QStringLiteral("pause"),
                                         QStringLiteral("spike_mod"), QStringLiteral("--reason"),
                                         QStringLiteral("investigating spike")}
                             + config);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = cockpitctl(
            QStringList{QStringLiteral("rollout"), QStringLiteral("pause"), QStringLiteral("spike_mod")}
            + config);
        QCOMPARE(run.exitCode, 1); // a conflict with the control store's state, as for a transition
        QVERIFY2(run.err.contains(QLatin1String("already paused")), qPrintable(run.err));

        run = cockpitctl(QStringList{QStringLiteral("rollout"), QStringLiteral("status"),
                                     QStringLiteral("--format"), QStringLiteral("json")}
                         + config);
        QCOMPARE(run.exitCode, 0);
        const QJsonArray modules = run.json().value(QLatin1String("modules")).toArray();
        QCOMPARE(modules.size(), 5);
        for (const QJsonValue &value : modules) {
            const QJsonObject m = value.toObject();
            const bool isSpike = m.value(QLatin1String("module")).toString() == QLatin1String("spike_mod");
            QCOMPARE(m.value(QLatin1String("paused")).toBool(), isSpike);
            QCOMPARE(m.value(QLatin1String("phase")).toString(), QStringLiteral("v1"));
            if (isSpike)
                QCOMPARE(m.value(QLatin1String("pauseReason")).toString(),
                         QStringLiteral("investigating spike"));
        }
        run = cockpitctl(QStringList{QStringLiteral("rollout"), QStringLiteral("status")} + config);
        QVERIFY(run.out.contains(QLatin1String("paused by")));

        run = cockpitctl(
            QStringList{QStringLiteral("rollout"), QStringLiteral("resume"), QStringLiteral("spike_mod")}
            + config);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = cockpitctl(
            QStringList{QStringLiteral("rollout"), QStringLiteral("resume"), QStringLiteral("spike_mod")}
            + config);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("is not paused")), qPrintable(run.err));
    }

    // Must stay last: it stops the server.
    void unreachableIsExitThreeWithoutRollback()
    {
        m_server.stop();
        const Run run =
            cockpitctl({QStringLiteral("rollout"), QStringLiteral("analyze"), QStringLiteral("breach_mod"),
                        QStringLiteral("--config"), m_config, QStringLiteral("--at"), at(),
                        QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QLatin1String("cannot reach Prometheus at")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("nothing is rolled back")), qPrintable(run.err));
        QCOMPARE(run.json().value(QLatin1String("rollbackWanted")).toBool(true), false);
    }
};

QTEST_GUILESS_MAIN(TestRolloutCli)
#include "tst_rollout_cli.moc"
