// SPDX-License-Identifier: MIT
// cockpitctl's pipeline commands against the staging world: `wait` and `status --watch` follow a rollout
// step another process makes through kubectl (the stand-in), with the control store in the server's
// cockpit schema, shared by every process as by every operator.
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
        QCOMPARE(phaseOf(nextLine(watching), migration), QStringLiteral("v2_10"));
        watching.terminate();
        QVERIFY(watching.waitForFinished(10000));
        QCOMPARE(watching.exitStatus(), QProcess::NormalExit);
        QCOMPARE(watching.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TstStagingCli)
#include "tst_staging_cli.moc"
