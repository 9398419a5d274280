// SPDX-License-Identifier: MIT
// cockpitctl's pipeline commands against the staging world: `wait`, `status --watch` and `rollout status
// --watch` follow a rollout step (and a pause) another process makes through kubectl (the stand-in), with the
// control store in the server's cockpit schema, shared by every process as by every operator.
#include "staging_world.h"
#include "test_paths.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace CockpitTest;

namespace {

// The next JSON line `status --watch` writes into its pipe, or an empty object after 30 s.
QJsonObject nextLine(QProcess &watching)
{
    QElapsedTimer timer;
    timer.start();
    while (!watching.canReadLine() && timer.elapsed() < 30000)
        watching.waitForReadyRead(500);
    return QJsonDocument::fromJson(watching.readLine()).object();
}

QString phaseOf(const QJsonObject &status, const QString &migration)
{
    for (const QJsonValue &m : status.value(QStringLiteral("migrations")).toArray()) {
        if (m.toObject().value(QStringLiteral("id")).toString() == migration)
            return m.toObject().value(QStringLiteral("phase")).toString();
    }
    return QString();
}

QJsonValue intentOf(const QJsonObject &status, const QString &migration)
{
    for (const QJsonValue &m : status.value(QStringLiteral("migrations")).toArray()) {
        if (m.toObject().value(QStringLiteral("id")).toString() == migration)
            return m.toObject().value(QStringLiteral("interrupted"));
    }
    return QJsonValue::Undefined;
}

QJsonObject moduleOf(const QJsonObject &rolloutStatus, const QString &module)
{
    for (const QJsonValue &m : rolloutStatus.value(QStringLiteral("modules")).toArray()) {
        if (m.toObject().value(QStringLiteral("module")).toString() == module)
            return m.toObject();
    }
    return {};
}

} // namespace

class TstStagingCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void waitAndWatchFollowAnotherProcess()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString error;
        const QString path = world.setUpRolloutEnvironment(QStringLiteral("staging_cockpit"),
                                                           QStringLiteral("rollout.json"), &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        // kubectl is the stand-in, first on PATH; the actuator runs it as it would run the real one.
        const KubectlStandIn kubectl(world);
        const QString migration = QStringLiteral("rollout:transaction_pool");

        QProcess waiting;
        waiting.start(CockpitTest::cockpitctl(),
                      {QStringLiteral("wait"), migration, QStringLiteral("--phase"), QStringLiteral("v2_10"),
                       QStringLiteral("--timeout"), QStringLiteral("60s"), QStringLiteral("--config"), path});
        QProcess watching;
        watching.start(CockpitTest::cockpitctl(),
                       {QStringLiteral("status"), QStringLiteral("--watch"), QStringLiteral("--interval"),
                        QStringLiteral("1"), QStringLiteral("--config"), path});
        QProcess rollout;
        rollout.start(CockpitTest::cockpitctl(),
                      {QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("--watch"),
                       QStringLiteral("--interval"), QStringLiteral("1"), QStringLiteral("--config"), path});
        const QJsonObject first = nextLine(watching);
        QCOMPARE(first.value(QStringLiteral("apiVersion")).toInt(), 1);
        QCOMPARE(phaseOf(first, migration), QStringLiteral("v1"));
        QVERIFY(!waiting.waitForFinished(1000)); // not there yet: it waits

        const StagingWorld::Cli promote = StagingWorld::cockpitctl(
            {QStringLiteral("migrate"), migration, QStringLiteral("advance"), QStringLiteral("--config"),
             path, QStringLiteral("--yes"), QStringLiteral("--override"), QStringLiteral("--reason"),
             QStringLiteral("no Prometheus in this test")});
        QVERIFY2(promote.exitCode == 0, qPrintable(promote.err));

        QVERIFY(waiting.waitForFinished(30000));
        QCOMPARE(waiting.exitCode(), 0);
        QVERIFY(QString::fromUtf8(waiting.readAllStandardOutput()).contains(QStringLiteral("is in v2_10")));
        // A line per change: the transition's running intent is a change of its own (seen or not, depending
        // on how long the flip took against the interval), before the new phase.
        QJsonObject next = nextLine(watching);
        if (phaseOf(next, migration) == QLatin1String("v1")) {
            QVERIFY2(intentOf(next, migration).isObject(), "a repeated line without a change");
            next = nextLine(watching);
        }
        QCOMPARE(phaseOf(next, migration), QStringLiteral("v2_10"));
        watching.terminate();
        QVERIFY(watching.waitForFinished(10000));
        QCOMPARE(watching.exitStatus(), QProcess::NormalExit);
        QCOMPARE(watching.exitCode(), 0);

        // `rollout status --watch` saw the step too (a line per change, not per look: the dwell countdown
        // does not count), and then a pause another operator made.
        QJsonObject line = nextLine(rollout);
        QCOMPARE(line.value(QStringLiteral("apiVersion")).toInt(), 1);
        QVERIFY(line.contains(QStringLiteral("seenAt")));
        if (moduleOf(line, QStringLiteral("transaction_pool")).value(QStringLiteral("weightPercent")).toInt()
            == 0)
            line = nextLine(rollout);
        QCOMPARE(
            moduleOf(line, QStringLiteral("transaction_pool")).value(QStringLiteral("weightPercent")).toInt(),
            10);
        const StagingWorld::Cli pause =
            StagingWorld::cockpitctl({QStringLiteral("rollout"), QStringLiteral("pause"),
                                      QStringLiteral("transaction_pool"), QStringLiteral("--config"), path,
                                      QStringLiteral("--reason"), QStringLiteral("looking at the graphs")});
        QVERIFY2(pause.exitCode == 0, qPrintable(pause.err));
        const QJsonObject paused = moduleOf(nextLine(rollout), QStringLiteral("transaction_pool"));
        QCOMPARE(paused.value(QStringLiteral("paused")).toBool(), true);
        QCOMPARE(paused.value(QStringLiteral("pauseReason")).toString(),
                 QStringLiteral("looking at the graphs"));
        // Nothing new for three looks: no line per look, although the dwell countdown ticks.
        QTest::qWait(3500);
        QVERIFY(!rollout.canReadLine());
        rollout.terminate();
        QVERIFY(rollout.waitForFinished(10000));
        QCOMPARE(rollout.exitCode(), 0);

        // A pipe gets plain text; CLICOLOR_FORCE asks for colour anyway, and NO_COLOR wins over it.
        auto statusText = [&path](const QStringList &environment,
                                  const QString &format = QStringLiteral("text")) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            // Whatever the test runner's own terminal settings are.
            env.remove(QStringLiteral("NO_COLOR"));
            env.remove(QStringLiteral("CLICOLOR_FORCE"));
            env.insert(QStringLiteral("TERM"), QStringLiteral("xterm"));
            for (const QString &variable : environment)
                env.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
            p.setProcessEnvironment(env);
            p.start(CockpitTest::cockpitctl(),
                    {QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("--config"), path,
                     QStringLiteral("--format"), format});
            p.waitForFinished(30000);
            return QString::fromUtf8(p.readAllStandardOutput());
        };
        const QString escape = QStringLiteral("\x1b[");
        QVERIFY(statusText({}).contains(QLatin1String("paused by")));
        QVERIFY(!statusText({}).contains(escape));
        QVERIFY(statusText({QStringLiteral("CLICOLOR_FORCE=1")})
                    .contains(escape + QLatin1String("33mpaused by")));
        QVERIFY(
            !statusText({QStringLiteral("CLICOLOR_FORCE=1"), QStringLiteral("NO_COLOR=1")}).contains(escape));
        QVERIFY(
            !statusText({QStringLiteral("CLICOLOR_FORCE=1"), QStringLiteral("TERM=dumb")}).contains(escape));
        // JSON is never coloured.
        const QString json = statusText({QStringLiteral("CLICOLOR_FORCE=1")}, QStringLiteral("json"));
        QVERIFY2(json.contains(QLatin1String("\"paused\": true")), qPrintable(json));
        QVERIFY(!json.contains(QChar(0x1b)));
    }
};

QTEST_GUILESS_MAIN(TstStagingCli)
#include "tst_staging_cli.moc"
