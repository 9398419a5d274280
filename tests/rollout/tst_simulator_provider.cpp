// SPDX-License-Identifier: MIT
#include "rollout/analysis_job.h"
#include "rollout/simulator_provider.h"

#include <QSignalSpy>
#include <QTest>

using namespace Cockpit;

namespace {

constexpr qint64 kStart = 1'790'000'000'000; // a fixed instant keeps the series identical between runs

RolloutConfig rollout()
{
    RolloutConfig config;
    config.intervalSeconds = 60;
    config.consecutiveBreaches = 3;
    return config;
}

RolloutModuleConfig transactionPool()
{
    return {QStringLiteral("transaction_pool"),
            QStringLiteral("TRANSACTION_POOL_VERSION"),
            {{QStringLiteral("throughput_drop"), 20},
             {QStringLiteral("latency_increase"), 50},
             {QStringLiteral("memory_increase"), 30},
             {QStringLiteral("error_rate"), 5}}};
}

std::optional<ModuleVerdict> analyse(SimulatorProvider &provider, qint64 from, qint64 to)
{
    AnalysisJob job(transactionPool(), rollout(), &provider, from, to, 15);
    QSignalSpy finished(&job, &AnalysisJob::finished);
    job.start();
    if (!finished.wait(5000))
        return std::nullopt;
    return job.verdict();
}

} // namespace

class TestSimulatorProvider : public QObject
{
    Q_OBJECT

private slots:
    void deterministicPerSeed()
    {
        SimulatorProvider a(42);
        SimulatorProvider b(42);
        SimulatorProvider c(43);
        const RangeQuery q{QStringLiteral("transaction_pool"),
                           QStringLiteral("throughput"),
                           QStringLiteral("v2"),
                           kStart,
                           kStart + 3600'000,
                           15};
        const MetricPoints pa = a.series(q, 15);
        QCOMPARE(pa.size(), 241);
        QCOMPARE(pa, b.series(q, 15));
        QVERIFY(pa != c.series(q, 15));
        // A value does not depend on the request: a sub-range sees the same numbers.
        RangeQuery later = q;
        later.fromMs = kStart + 600'000;
        QCOMPARE(a.series(later, 15).first(), pa.at(40));
    }

    void answersAsynchronously()
    {
        SimulatorProvider provider(1);
        QSignalSpy spy(&provider, &MetricsProvider::rangeFinished);
        const quint64 id = provider.query({QStringLiteral("sync_service"), QStringLiteral("sync_speed"),
                                           QStringLiteral("v1"), kStart, kStart + 60'000, 15});
        QCOMPARE(spy.count(), 0); // never synchronously
        QVERIFY(spy.wait(1000));
        const auto result = spy.first().first().value<RangeResult>();
        QCOMPARE(result.requestId, id);
        QVERIFY(result.ok());
        QCOMPARE(result.points.size(), 5);
    }

    void unknownVersionIsNoSeries()
    {
        SimulatorProvider provider(1);
        QSignalSpy spy(&provider, &MetricsProvider::rangeFinished);
        provider.query(
            {QStringLiteral("x"), QStringLiteral("throughput"), QStringLiteral("v3"), kStart, kStart, 15});
        QVERIFY(spy.wait(1000));
        QCOMPARE(spy.first().first().value<RangeResult>().error, MetricsError::NoSeries);
    }

    void stepStaysUnderPrometheusLimit_data()
    {
        QTest::addColumn<qint64>("spanSeconds");
        QTest::addColumn<int>("wanted");
        QTest::addColumn<int>("expected");
        QTest::addRow("15 min at 15 s") << qint64(900) << 15 << 15;
        QTest::addRow("1 day at 15 s") << qint64(86400) << 15 << 15;
        QTest::addRow("7 days at 15 s") << qint64(7 * 86400) << 15 << 55;
        QTest::addRow("exactly 10999 steps") << qint64(10999) << 1 << 1;
        QTest::addRow("11000 steps need 2 s") << qint64(11000) << 1 << 2;
    }

    void stepStaysUnderPrometheusLimit()
    {
        QFETCH(qint64, spanSeconds);
        QFETCH(int, wanted);
        QFETCH(int, expected);
        const int step = MetricsProvider::chooseStep(0, spanSeconds * 1000, wanted);
        QCOMPARE(step, expected);
        QVERIFY(spanSeconds / step + 1 <= MetricsProvider::MaxPointsPerSeries);
    }

    void healthyV2PassesAndMeetsTargets()
    {
        SimulatorProvider provider(42);
        const auto verdict = analyse(provider, kStart, kStart + 30 * 60'000);
        QVERIFY(verdict.has_value());
        QCOMPARE(verdict->status, VerdictStatus::Pass);
        QVERIFY(verdict->completionGatesPassed());
    }

    void injectedRegressionBreachesAfterThreeIntervals()
    {
        SimulatorProvider provider(42);
        provider.injectRegression(QStringLiteral("transaction_pool"), QStringLiteral("latency"), 2.0,
                                  kStart + 10 * 60'000);
        const auto verdict = analyse(provider, kStart, kStart + 20 * 60'000);
        QVERIFY(verdict.has_value());
        QCOMPARE(verdict->status, VerdictStatus::Breach);
        QVERIFY(verdict->rollbackWanted());
        QCOMPARE(verdict->trigger->threshold, QStringLiteral("latency_increase"));
        // Regression from interval 10 on; the third failing interval ends at 13 minutes.
        QCOMPARE(verdict->confirmedAtMs, kStart + 13 * 60'000);
        QCOMPARE(verdict->intervals.at(9).status, VerdictStatus::Pass);
        QCOMPARE(verdict->intervals.at(10).status, VerdictStatus::Failing);

        provider.clearRegressions();
        QCOMPARE(analyse(provider, kStart, kStart + 20 * 60'000)->status, VerdictStatus::Pass);
    }

    void weightIsAStepSeries()
    {
        SimulatorProvider provider(1);
        provider.setWeight(QStringLiteral("m"), 10, kStart + 60'000);
        provider.setWeight(QStringLiteral("m"), 25, kStart + 120'000);
        QCOMPARE(
            provider.valueAt(QStringLiteral("m"), QStringLiteral("weight"), QStringLiteral("v2"), kStart),
            0.0);
        QCOMPARE(provider.valueAt(QStringLiteral("m"), QStringLiteral("weight"), QStringLiteral("v2"),
                                  kStart + 90'000),
                 10.0);
        QCOMPARE(provider.valueAt(QStringLiteral("m"), QStringLiteral("weight"), QStringLiteral("v1"),
                                  kStart + 120'000),
                 75.0);
    }
};

QTEST_GUILESS_MAIN(TestSimulatorProvider)
#include "tst_simulator_provider.moc"
