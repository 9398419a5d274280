// SPDX-License-Identifier: MIT
#include "rollout/rollout_plan.h"

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

} // namespace

class TestRolloutPlan : public QObject
{
    Q_OBJECT

private slots:
    // The dwell schedule the rollout gates enforce: counted from the transition that began the step.
    void dwellTimeLeft()
    {
        ModuleRolloutState s;
        s.module = QStringLiteral("transaction_pool");
        QCOMPARE(RolloutPlan::dwellRemainingSeconds(rollout(), s, 1000), 0); // on V1: no dwell
        s.stepIndex = 2;                                                     // 50 %: 90 s
        s.enteredAtMs = 10000;
        QCOMPARE(RolloutPlan::dwellRemainingSeconds(rollout(), s, 10000), 90);
        QCOMPARE(RolloutPlan::dwellRemainingSeconds(rollout(), s, 10000 + 89999), 1);
        QCOMPARE(RolloutPlan::dwellRemainingSeconds(rollout(), s, 10000 + 90000), 0);
        QCOMPARE(RolloutPlan::dwellRemainingSeconds(rollout(), s, 10000 + 900000), 0);
        s.stepIndex = 5; // V1 removed: past the schedule
        QCOMPARE(RolloutPlan::dwellRemainingSeconds(rollout(), s, 10000), 0);
    }

    void phasesWeightsAndActuatorEnv()
    {
        ModuleRolloutState s;
        s.module = QStringLiteral("transaction_pool");
        QCOMPARE(RolloutPlan::phaseName(rollout(), s), QStringLiteral("v1"));
        QCOMPARE(RolloutPlan::weightPercent(rollout(), s), 0);
        s.stepIndex = 0;
        QCOMPARE(RolloutPlan::weightPercent(rollout(), s), 10);
        s.stepIndex = 3;
        QCOMPARE(RolloutPlan::weightPercent(rollout(), s), 75);
        s.stepIndex = 5;
        QCOMPARE(RolloutPlan::phaseName(rollout(), s), QStringLiteral("v1_removed"));
        QCOMPARE(RolloutPlan::weightPercent(rollout(), s), 100);

        const RolloutModuleConfig m{
            QStringLiteral("transaction_pool"), QStringLiteral("TRANSACTION_POOL_VERSION"), {}};
        QCOMPARE(RolloutPlan::actuatorEnv(m, 25),
                 QByteArray("TRANSACTION_POOL_VERSION=v2\nTRANSACTION_POOL_V2_WEIGHT=25\n"));
        QCOMPARE(RolloutPlan::actuatorEnv(m, 0),
                 QByteArray("TRANSACTION_POOL_VERSION=v1\nTRANSACTION_POOL_V2_WEIGHT=0\n"));
    }
};

QTEST_GUILESS_MAIN(TestRolloutPlan)
#include "tst_rollout_plan.moc"
