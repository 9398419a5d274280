// SPDX-License-Identifier: MIT
#include "rollout/rollout_state_store.h"
#include "rollout/rollout_verdict.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;

namespace {

RolloutConfig rollout()
{
    RolloutConfig config;
    config.steps = {10, 25, 50, 75, 100};
    config.dwellSeconds = {60, 60, 90, 90, 60};
    return config;
}

ModuleVerdict verdict(VerdictStatus status, bool gatesPass = true)
{
    ModuleVerdict v;
    v.module = QStringLiteral("transaction_pool");
    v.status = status;
    CompletionGateResult gate;
    gate.name = QStringLiteral("throughput_gain");
    gate.description = QStringLiteral("V2 throughput at least 20 % above V1");
    gate.passed = gatesPass;
    gate.observedPercent = gatesPass ? 25.0 : 12.0;
    v.completionGates = {gate};
    return v;
}

} // namespace

class TestRolloutStateStore : public QObject
{
    Q_OBJECT

private slots:
    void promoteRules_data()
    {
        QTest::addColumn<int>("stepIndex");
        QTest::addColumn<qint64>("secondsOnStep");
        QTest::addColumn<bool>("paused");
        QTest::addColumn<int>("latest"); // -1: no verdict, else VerdictStatus
        QTest::addColumn<bool>("gatesPass");
        QTest::addColumn<QString>("blockerPart"); // empty: allowed
        QTest::addRow("v1 to first step") << -1 << qint64(0) << false << -1 << true << QString();
        QTest::addRow("dwell not reached")
            << 0 << qint64(30) << false << int(VerdictStatus::Pass) << true << QStringLiteral("30 s left");
        QTest::addRow("dwell reached, pass")
            << 0 << qint64(60) << false << int(VerdictStatus::Pass) << true << QString();
        QTest::addRow("paused") << 1 << qint64(600) << true << int(VerdictStatus::Pass) << true
                                << QStringLiteral("paused");
        QTest::addRow("no analysis") << 1 << qint64(600) << false << -1 << true
                                     << QStringLiteral("no analysis");
        QTest::addRow("inconclusive blocks") << 1 << qint64(600) << false << int(VerdictStatus::Inconclusive)
                                             << true << QStringLiteral("inconclusive");
        QTest::addRow("failing blocks")
            << 2 << qint64(600) << false << int(VerdictStatus::Failing) << true << QStringLiteral("failing");
        QTest::addRow("v1_removed needs targets") << 4 << qint64(600) << false << int(VerdictStatus::Pass)
                                                  << false << QStringLiteral("completion targets not met");
        QTest::addRow("v1_removed with targets")
            << 4 << qint64(600) << false << int(VerdictStatus::Pass) << true << QString();
        QTest::addRow("complete") << 5 << qint64(600) << false << int(VerdictStatus::Pass) << true
                                  << QStringLiteral("complete");
    }

    void promoteRules()
    {
        QFETCH(int, stepIndex);
        QFETCH(qint64, secondsOnStep);
        QFETCH(bool, paused);
        QFETCH(int, latest);
        QFETCH(bool, gatesPass);
        QFETCH(QString, blockerPart);
        ModuleRolloutState s;
        s.module = QStringLiteral("transaction_pool");
        s.stepIndex = stepIndex;
        s.enteredAtMs = 1'000'000;
        s.paused = paused;
        s.pausedBy = QStringLiteral("alice");
        const ModuleVerdict v = verdict(static_cast<VerdictStatus>(std::max(latest, 0)), gatesPass);
        const QString blocker = RolloutStateStore::promoteBlocker(
            rollout(), s, 1'000'000 + secondsOnStep * 1000, latest < 0 ? nullptr : &v);
        if (blockerPart.isEmpty())
            QVERIFY2(blocker.isEmpty(), qPrintable(blocker));
        else
            QVERIFY2(blocker.contains(blockerPart), qPrintable(blocker));
    }

    void phasesWeightsAndActuatorEnv()
    {
        ModuleRolloutState s;
        s.module = QStringLiteral("transaction_pool");
        QCOMPARE(RolloutStateStore::phaseName(rollout(), s), QStringLiteral("v1"));
        s = RolloutStateStore::promoted(rollout(), s, 10);
        QCOMPARE(RolloutStateStore::weightPercent(rollout(), s), 10);
        QCOMPARE(s.enteredAtMs, 10);
        for (int i = 0; i < 10; ++i)
            s = RolloutStateStore::promoted(rollout(), s, 20);
        QCOMPARE(RolloutStateStore::phaseName(rollout(), s), QStringLiteral("v1_removed"));
        QCOMPARE(RolloutStateStore::weightPercent(rollout(), s), 100);
        s = RolloutStateStore::rolledBack(s, 30);
        QCOMPARE(RolloutStateStore::weightPercent(rollout(), s), 0);

        const RolloutModuleConfig m{
            QStringLiteral("transaction_pool"), QStringLiteral("TRANSACTION_POOL_VERSION"), {}};
        QCOMPARE(RolloutStateStore::actuatorEnv(m, 25),
                 QByteArray("TRANSACTION_POOL_VERSION=v2\nTRANSACTION_POOL_V2_WEIGHT=25\n"));
        QCOMPARE(RolloutStateStore::actuatorEnv(m, 0),
                 QByteArray("TRANSACTION_POOL_VERSION=v1\nTRANSACTION_POOL_V2_WEIGHT=0\n"));
    }
};

QTEST_GUILESS_MAIN(TestRolloutStateStore)
#include "tst_rollout_state_store.moc"
