// SPDX-License-Identifier: MIT
#include "rollout/rollout_analyzer.h"

#include <QJsonArray>
#include <QTest>

using namespace Cockpit;

namespace {

constexpr qint64 kInterval = 60'000;

// One point per interval end: series[i] is the value in interval i; NaN means no sample.
MetricPoints perInterval(const QList<double> &values)
{
    MetricPoints points;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (!std::isnan(values[i]))
            points.append(QPointF(double((i + 1) * kInterval), values[i]));
    }
    return points;
}

RolloutConfig rolloutConfig(int consecutive = 3, bool autoRollback = true)
{
    RolloutConfig rollout;
    rollout.intervalSeconds = 60;
    rollout.consecutiveBreaches = consecutive;
    rollout.autoRollback = autoRollback;
    return rollout;
}

RolloutModuleConfig module(const QString &threshold, double percent)
{
    return {QStringLiteral("m"), QStringLiteral("M_VERSION"), {{threshold, percent}}};
}

QString letters(const ModuleVerdict &verdict)
{
    QString text;
    for (const IntervalVerdict &interval : verdict.intervals)
        text += verdictStatusName(interval.status).at(0).toUpper();
    return text;
}

const double gap = std::nan("");

// `perInterval` samples in each interval, scattered ±2 % around the interval's base value, the same way
// for every interval (so that only the base decides the judge).
MetricPoints scattered(const QList<double> &bases, int perInterval)
{
    MetricPoints points;
    for (qsizetype i = 0; i < bases.size(); ++i) {
        for (int k = 0; k < perInterval; ++k) {
            const double x = double(i * kInterval + (k + 1) * (kInterval / perInterval));
            points.append(QPointF(x, bases[i] * (1 + 0.01 * ((k * 7) % 5 - 2))));
        }
    }
    return points;
}

} // namespace

class TestRolloutAnalyzer : public QObject
{
    Q_OBJECT

private slots:
    void intervals_data()
    {
        QTest::addColumn<QString>("threshold");
        QTest::addColumn<double>("percent");
        QTest::addColumn<QList<double>>("v1");
        QTest::addColumn<QList<double>>("v2");
        QTest::addColumn<int>("consecutive");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("status");

        const QList<double> flat = {100, 100, 100, 100, 100, 100};
        QTest::addRow("throughput pass")
            << QStringLiteral("throughput_drop") << 20.0 << flat << QList<double>{90, 85, 81, 120, 100, 100}
            << 3 << QStringLiteral("PPPPPP") << QStringLiteral("pass");
        QTest::addRow("throughput drop exactly at threshold passes")
            << QStringLiteral("throughput_drop") << 20.0 << flat << QList<double>{80, 80, 80, 80, 80, 80} << 3
            << QStringLiteral("PPPPPP") << QStringLiteral("pass");
        QTest::addRow("breach after 3")
            << QStringLiteral("throughput_drop") << 20.0 << flat << QList<double>{100, 70, 70, 70, 70, 100}
            << 3 << QStringLiteral("PFFBBP") << QStringLiteral("breach");
        QTest::addRow("spike resets streak")
            << QStringLiteral("throughput_drop") << 20.0 << flat << QList<double>{70, 70, 100, 70, 70, 100}
            << 3 << QStringLiteral("FFPFFP") << QStringLiteral("pass");
        QTest::addRow("N = 1 breaches at once") << QStringLiteral("latency_increase") << 50.0 << flat
                                                << QList<double>{100, 151, 100, 100, 100, 100} << 1
                                                << QStringLiteral("PBPPPP") << QStringLiteral("breach");
        QTest::addRow("gap is inconclusive, never a pass")
            << QStringLiteral("memory_increase") << 30.0 << flat
            << QList<double>{100, gap, gap, 100, 100, gap} << 3 << QStringLiteral("PIIPPI")
            << QStringLiteral("inconclusive");
        QTest::addRow("gap holds the streak")
            << QStringLiteral("throughput_drop") << 20.0 << flat << QList<double>{70, 70, gap, 70, 100, 100}
            << 3 << QStringLiteral("FFIBPP") << QStringLiteral("breach");
        QTest::addRow("only gaps never breach") << QStringLiteral("throughput_drop") << 20.0 << flat
                                                << QList<double>{gap, gap, gap, gap, gap, gap} << 1
                                                << QStringLiteral("IIIIII") << QStringLiteral("inconclusive");
        QTest::addRow("missing V1 is inconclusive")
            << QStringLiteral("latency_increase") << 50.0 << QList<double>{gap, gap, gap, gap, gap, gap}
            << QList<double>{900, 900, 900, 900, 900, 900} << 1 << QStringLiteral("IIIIII")
            << QStringLiteral("inconclusive");
        QTest::addRow("error rate is V2's ratio")
            << QStringLiteral("error_rate") << 5.0 << QList<double>{0.5, 0.5, 0.5, 0.5, 0.5, 0.5}
            << QList<double>{0.01, 0.04, 0.06, 0.07, 0.08, 0.01} << 3 << QStringLiteral("PPFFBP")
            << QStringLiteral("breach");
        QTest::addRow("error rate needs no V1")
            << QStringLiteral("error_rate") << 5.0 << QList<double>{gap, gap, gap, gap, gap, gap}
            << QList<double>{0.01, 0.01, 0.01, 0.01, 0.01, 0.01} << 3 << QStringLiteral("PPPPPP")
            << QStringLiteral("pass");
        QTest::addRow("peer disconnects")
            << QStringLiteral("peer_disconnect") << 50.0 << QList<double>{0.1, 0.1, 0.1, 0.1, 0.1, 0.1}
            << QList<double>{0.2, 0.6, 0.6, 0.2, 0.2, 0.2} << 2 << QStringLiteral("PFBPPP")
            << QStringLiteral("breach");
        QTest::addRow("sync speed drop")
            << QStringLiteral("sync_speed_drop") << 25.0 << flat << QList<double>{80, 74, 74, 74, 80, 80} << 3
            << QStringLiteral("PFFBPP") << QStringLiteral("breach");
        QTest::addRow("V1 zero is inconclusive")
            << QStringLiteral("memory_increase") << 30.0 << QList<double>{0, 0, 0, 0, 0, 0} << flat << 3
            << QStringLiteral("IIIIII") << QStringLiteral("inconclusive");
    }

    void intervals()
    {
        QFETCH(QString, threshold);
        QFETCH(double, percent);
        QFETCH(QList<double>, v1);
        QFETCH(QList<double>, v2);
        QFETCH(int, consecutive);
        QFETCH(QString, expected);
        QFETCH(QString, status);
        const QString metric = RolloutAnalyzer::metricForThreshold(threshold);
        MetricsSnapshot data;
        data.series.insert(MetricsSnapshot::key(metric, QStringLiteral("v1")), perInterval(v1));
        data.series.insert(MetricsSnapshot::key(metric, QStringLiteral("v2")), perInterval(v2));
        const ModuleVerdict verdict = RolloutAnalyzer::analyze(
            module(threshold, percent), rolloutConfig(consecutive), data, 0, 6 * kInterval);
        QCOMPARE(letters(verdict), expected);
        QCOMPARE(verdictStatusName(verdict.status), status);
        QCOMPARE(verdict.rollbackWanted(), status == QLatin1String("breach"));
    }

    void triggerEvidenceAndJson()
    {
        MetricsSnapshot data;
        data.series.insert(QStringLiteral("latency/v1"), perInterval({0.2, 0.2, 0.2, 0.2}));
        data.series.insert(QStringLiteral("latency/v2"), perInterval({0.2, 0.4, 0.4, 0.4}));
        const ModuleVerdict verdict = RolloutAnalyzer::analyze(module(QStringLiteral("latency_increase"), 50),
                                                               rolloutConfig(3), data, 0, 4 * kInterval);
        QVERIFY(verdict.trigger.has_value());
        QCOMPARE(verdict.trigger->threshold, QStringLiteral("latency_increase"));
        QCOMPARE(*verdict.trigger->v1, 0.2);
        QCOMPARE(*verdict.trigger->v2, 0.4);
        QCOMPARE(qRound(*verdict.trigger->observedPercent), 100);
        QCOMPARE(verdict.confirmedAtMs, 4 * kInterval);
        const QJsonObject json = verdict.toJson();
        QCOMPARE(json.value(QLatin1String("status")).toString(), QStringLiteral("breach"));
        QCOMPARE(json.value(QLatin1String("rollbackWanted")).toBool(), true);
        QCOMPARE(json.value(QLatin1String("trigger")).toObject().value(QLatin1String("v2")).toDouble(), 0.4);
        QCOMPARE(json.value(QLatin1String("intervals")).toArray().size(), 4);
        QVERIFY2(verdict.summary().contains(QLatin1String("V1 0.2, V2 0.4")), qPrintable(verdict.summary()));
    }

    // What an interval's samples looked like: nearest-rank p95, the median of an even count between the two
    // middle ones, nothing for no samples.
    void sampleSummary()
    {
        QList<double> twenty;
        for (int i = 20; i >= 1; --i)
            twenty.append(i);
        const std::optional<SampleSummary> s = SampleSummary::of(twenty);
        QVERIFY(s.has_value());
        QCOMPARE(s->count, 20);
        QCOMPARE(s->min, 1.0);
        QCOMPARE(s->median, 10.5);
        QCOMPARE(s->p95, 19.0);
        QCOMPARE(s->max, 20.0);
        const std::optional<SampleSummary> one = SampleSummary::of({7.5});
        QVERIFY(one && one->median == 7.5 && one->p95 == 7.5);
        QVERIFY(!SampleSummary::of({}).has_value());
    }

    // The evidence keeps the queries as sent and the samples' summary per version, and reads back from its
    // JSON (the stored form) unchanged.
    void evidenceRoundTrip()
    {
        MetricsSnapshot data;
        data.series.insert(QStringLiteral("latency/v1"), scattered({100, 100, 100}, 10));
        data.series.insert(QStringLiteral("latency/v2"), scattered({170, 170, 170}, 10));
        data.queries.insert(
            QStringLiteral("latency/v1"),
            SentQuery{QStringLiteral("histogram_quantile(0.99, sum by (le) (rate(x{version=\"v1\"}[1m])))"),
                      0, 3 * kInterval, 6});
        const ModuleVerdict verdict = RolloutAnalyzer::analyze(module(QStringLiteral("latency_increase"), 50),
                                                               rolloutConfig(3), data, 0, 3 * kInterval);
        const IntervalVerdict &last = verdict.intervals.last();
        const MetricEvidence &e = last.evidence.first();
        QVERIFY(e.v1Summary && e.v2Summary && e.v1Query);
        QVERIFY(!e.v2Query); // not asked in this snapshot
        QCOMPARE(e.v1Summary->count, 10);
        QCOMPARE(e.v2Summary->min, 170 * 0.98);
        QCOMPARE(e.v2Summary->max, 170 * 1.02);

        const std::optional<IntervalVerdict> back = IntervalVerdict::fromJson(last.toJson());
        QVERIFY(back.has_value());
        QCOMPARE(back->fromMs, last.fromMs);
        QCOMPARE(back->toMs, last.toMs);
        QCOMPARE(back->status, last.status);
        QCOMPARE(back->evidence.size(), 1);
        const MetricEvidence &r = back->evidence.first();
        QCOMPARE(r.describe(), e.describe());
        QCOMPARE(r.v1Query->promql, e.v1Query->promql);
        QCOMPARE(r.v1Query->stepSeconds, 6);
        QCOMPARE(r.v1Query->toMs, 3 * kInterval);
        QCOMPARE(r.v2Summary->p95, e.v2Summary->p95);
        QCOMPARE(r.judge->z, e.judge->z);
        QCOMPARE(r.judge->ciHigh, e.judge->ciHigh);
        QCOMPARE(r.toJson(), e.toJson());
        QVERIFY(!IntervalVerdict::fromJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("odd")}}));
    }

    // The judge beside the thresholds, and which of them decides (rollout.judge.decides).
    void judgeDecides_data()
    {
        QTest::addColumn<int>("decides");
        QTest::addColumn<double>("v2Base"); // V1 is 100; latency_increase threshold 50 %
        QTest::addColumn<int>("samples");   // per interval and version
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("judge");
        using D = RolloutJudgeConfig::Decides;
        // V2 10 % slower: within the threshold, but clearly shifted for the judge.
        QTest::addRow("thresholds decide")
            << int(D::Thresholds) << 110.0 << 10 << QStringLiteral("PPP") << QStringLiteral("high");
        QTest::addRow("either: the judge fails it")
            << int(D::Either) << 110.0 << 10 << QStringLiteral("FFB") << QStringLiteral("high");
        QTest::addRow("both: the threshold holds")
            << int(D::Both) << 110.0 << 10 << QStringLiteral("PPP") << QStringLiteral("high");
        QTest::addRow("both agree on a regression")
            << int(D::Both) << 170.0 << 10 << QStringLiteral("FFB") << QStringLiteral("high");
        QTest::addRow("no change") << int(D::Either) << 100.0 << 10 << QStringLiteral("PPP")
                                   << QStringLiteral("pass");
        // One sample each: the judge has no interval, so under "both" nothing can fail.
        QTest::addRow("both without the judge's data")
            << int(D::Both) << 170.0 << 1 << QStringLiteral("III") << QStringLiteral("nodata");
    }

    void judgeDecides()
    {
        QFETCH(int, decides);
        QFETCH(double, v2Base);
        QFETCH(int, samples);
        QFETCH(QString, expected);
        QFETCH(QString, judge);
        MetricsSnapshot data;
        data.series.insert(QStringLiteral("latency/v1"), scattered({100, 100, 100}, samples));
        data.series.insert(QStringLiteral("latency/v2"), scattered({v2Base, v2Base, v2Base}, samples));
        RolloutConfig rollout = rolloutConfig(3);
        rollout.judge.decides = static_cast<RolloutJudgeConfig::Decides>(decides);
        const ModuleVerdict verdict = RolloutAnalyzer::analyze(module(QStringLiteral("latency_increase"), 50),
                                                               rollout, data, 0, 3 * kInterval);
        QCOMPARE(letters(verdict), expected);
        const MetricEvidence &e = verdict.intervals.last().evidence.first();
        QVERIFY(e.judge.has_value());
        QCOMPARE(MannWhitney::verdictName(e.judge->verdict), judge);
        QCOMPARE(e.judgeFailing, judge == QLatin1String("high"));
        QCOMPARE(e.thresholdFailing, v2Base > 150);
        if (judge == QLatin1String("high")) {
            QVERIFY(e.judge->ciLow > 0 && e.judge->estimate > 0);
            QVERIFY2(e.describe().contains(QLatin1String("judge high: shift")), qPrintable(e.describe()));
            const QJsonObject json = e.toJson();
            QCOMPARE(json.value(QLatin1String("judge")).toObject().value(QLatin1String("verdict")).toString(),
                     judge);
            QVERIFY(json.value(QLatin1String("judgeFailing")).toBool());
        }
    }

    void autoRollbackOffStillReportsBreach()
    {
        MetricsSnapshot data;
        data.series.insert(QStringLiteral("throughput/v1"), perInterval({100, 100}));
        data.series.insert(QStringLiteral("throughput/v2"), perInterval({10, 10}));
        const ModuleVerdict verdict = RolloutAnalyzer::analyze(
            module(QStringLiteral("throughput_drop"), 20), rolloutConfig(1, false), data, 0, 2 * kInterval);
        QVERIFY(verdict.breachConfirmed());
        QVERIFY(!verdict.rollbackWanted());
        QVERIFY(verdict.summary().contains(QLatin1String("auto-rollback is off")));
    }

    void noteFromProviderExplainsGap()
    {
        MetricsSnapshot data;
        data.series.insert(QStringLiteral("throughput/v1"), perInterval({100}));
        data.notes.insert(QStringLiteral("throughput/v2"), QStringLiteral("query returned no series"));
        const ModuleVerdict verdict = RolloutAnalyzer::analyze(module(QStringLiteral("throughput_drop"), 20),
                                                               rolloutConfig(), data, 0, kInterval);
        QCOMPARE(verdict.status, VerdictStatus::Inconclusive);
        QCOMPARE(verdict.intervals.first().evidence.first().note, QStringLiteral("query returned no series"));
    }

    void completionGates_data()
    {
        QTest::addColumn<double>("v2Throughput");
        QTest::addColumn<double>("v2Memory");
        QTest::addColumn<double>("v2Latency");
        QTest::addColumn<bool>("passed");
        QTest::addColumn<QString>("failing");
        QTest::addRow("all met") << 125.0 << 105.0 << 104.0 << true << QString();
        QTest::addRow("throughput gain short")
            << 115.0 << 105.0 << 104.0 << false << QStringLiteral("throughput_gain");
        QTest::addRow("memory too high")
            << 125.0 << 111.0 << 104.0 << false << QStringLiteral("memory_increase");
        QTest::addRow("latency too high")
            << 125.0 << 105.0 << 106.0 << false << QStringLiteral("latency_increase");
    }

    void completionGates()
    {
        QFETCH(double, v2Throughput);
        QFETCH(double, v2Memory);
        QFETCH(double, v2Latency);
        QFETCH(bool, passed);
        QFETCH(QString, failing);
        RolloutModuleConfig m{QStringLiteral("transaction_pool"),
                              QStringLiteral("TRANSACTION_POOL_VERSION"),
                              {{QStringLiteral("throughput_drop"), 20},
                               {QStringLiteral("latency_increase"), 50},
                               {QStringLiteral("memory_increase"), 30}}};
        MetricsSnapshot data;
        for (const QString &metric :
             {QStringLiteral("throughput"), QStringLiteral("memory"), QStringLiteral("latency")})
            data.series.insert(MetricsSnapshot::key(metric, QStringLiteral("v1")), perInterval({100, 100}));
        data.series.insert(QStringLiteral("throughput/v2"), perInterval({v2Throughput, v2Throughput}));
        data.series.insert(QStringLiteral("memory/v2"), perInterval({v2Memory, v2Memory}));
        data.series.insert(QStringLiteral("latency/v2"), perInterval({v2Latency, v2Latency}));
        const ModuleVerdict verdict = RolloutAnalyzer::analyze(m, rolloutConfig(), data, 0, 2 * kInterval);
        QCOMPARE(verdict.completionGates.size(), 3);
        QCOMPARE(verdict.completionGatesPassed(), passed);
        for (const CompletionGateResult &gate : verdict.completionGates)
            QCOMPARE(gate.passed, gate.name != failing);
    }

    void syncGateAndNoData()
    {
        RolloutModuleConfig m{QStringLiteral("sync_service"),
                              QStringLiteral("SYNC_SERVICE_VERSION"),
                              {{QStringLiteral("sync_speed_drop"), 25}}};
        MetricsSnapshot empty;
        const ModuleVerdict verdict = RolloutAnalyzer::analyze(m, rolloutConfig(), empty, 0, kInterval);
        QCOMPARE(verdict.completionGates.size(), 1);
        QCOMPARE(verdict.completionGates.first().name, QStringLiteral("sync_speed_gain"));
        QVERIFY(verdict.completionGates.first().inconclusive);
        QVERIFY(!verdict.completionGatesPassed());
    }
};

QTEST_GUILESS_MAIN(TestRolloutAnalyzer)
#include "tst_rollout_analyzer.moc"
