// SPDX-License-Identifier: MIT
// Analysis against a real Prometheus server started by the test with backfilled, known series.
#include "prometheus_fixture.h"
#include "rollout/analysis_job.h"
#include "rollout/prometheus_provider.h"
#include "rollout_test_data.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Cockpit;
using namespace RolloutTestData;

class TestPrometheusAnalysis : public QObject
{
    Q_OBJECT

private:
    CockpitTest::PrometheusServer m_server;

    MetricsConfig metricsConfig(const QUrl &url, int timeoutMs = 5000) const
    {
        MetricsConfig config;
        config.source = MetricsConfig::Source::Prometheus;
        config.prometheusUrl = url;
        config.timeoutMs = timeoutMs;
        config.queries = queries();
        return config;
    }

    static RangeResult runQuery(MetricsProvider &provider, const RangeQuery &query)
    {
        QSignalSpy spy(&provider, &MetricsProvider::rangeFinished);
        const quint64 id = provider.query(query);
        if (!spy.wait(15000))
            return {};
        const auto result = spy.first().first().value<RangeResult>();
        return result.requestId == id ? result : RangeResult{};
    }

    struct JobOutcome
    {
        std::optional<ModuleVerdict> verdict;
        QString error;
    };

    static JobOutcome runJob(AnalysisJob &job)
    {
        QSignalSpy finished(&job, &AnalysisJob::finished);
        QSignalSpy failed(&job, &AnalysisJob::failed);
        job.start();
        QDeadlineTimer deadline(20000);
        while (finished.count() + failed.count() == 0 && !deadline.hasExpired())
            QTest::qWait(20);
        if (finished.count() + failed.count() == 0)
            return {std::nullopt, QStringLiteral("analysis did not end within 20 s")};
        return {job.verdict(), job.errorMessage()};
    }

    static qint64 fromMs() { return baseSeconds() * 1000; }
    static qint64 toMs() { return (baseSeconds() + kSpanSeconds) * 1000; }

private slots:
    void initTestCase()
    {
        if (!CockpitTest::PrometheusServer::isInstalled())
            QSKIP("Debian's prometheus package is not installed (/usr/bin/prometheus, /usr/bin/promtool)");
        const QString error = m_server.start(openMetrics());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { m_server.stop(); }

    void rangeQueryReturnsBackfilledSeries()
    {
        PrometheusProvider provider(metricsConfig(m_server.url()));
        RangeQuery query{QStringLiteral("breach_mod"),
                         QStringLiteral("throughput"),
                         QStringLiteral("v2"),
                         fromMs(),
                         toMs(),
                         15};
        const RangeResult result = runQuery(provider, query);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.promql, QStringLiteral("rt_breach_mod_throughput{version=\"v2\"}"));
        QCOMPARE(result.points.size(), kSpanSeconds / kStepSeconds + 1);
        QCOMPARE(result.points.first().x(), double(fromMs()));
        QCOMPARE(result.points.first().y(), 100.0);
        QCOMPARE(result.points.last().y(), 60.0);
    }

    void instantQueryReturnsOneValue()
    {
        PrometheusProvider provider(metricsConfig(m_server.url()));
        RangeQuery query{
            QStringLiteral("pass_mod"), QStringLiteral("latency"), QStringLiteral("v1"), 0, toMs(), 15, true};
        const RangeResult result = runQuery(provider, query);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.points.size(), 1);
        QCOMPARE(result.points.first().y(), 0.2);
    }

    void weekLongRangeStaysUnderPointLimit()
    {
        // Asked at 15 s over 7 days (40,321 points) Prometheus would refuse the query; the provider widens
        // the step so that the server answers.
        PrometheusProvider provider(metricsConfig(m_server.url()));
        RangeQuery query{QStringLiteral("pass_mod"),
                         QStringLiteral("throughput"),
                         QStringLiteral("v1"),
                         toMs() - 7LL * 86400 * 1000,
                         toMs(),
                         15};
        const RangeResult result = runQuery(provider, query);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QVERIFY(result.effectiveStepSeconds > 15);
        QVERIFY(7LL * 86400 / result.effectiveStepSeconds + 1 <= MetricsProvider::MaxPointsPerSeries);
        QVERIFY(!result.points.isEmpty());
    }

    void clearErrors_data()
    {
        QTest::addColumn<QString>("template_");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("messagePart");
        QTest::addRow("no series") << QStringLiteral("rt_does_not_exist{version=\"{version}\"}")
                                   << int(MetricsError::NoSeries) << QStringLiteral("no series");
        QTest::addRow("bad PromQL is an HTTP error")
            << QStringLiteral("rate(") << int(MetricsError::HttpError) << QStringLiteral("HTTP 400");
        QTest::addRow("several series") << QStringLiteral("{__name__=~\"rt_pass_mod_.*\"}")
                                        << int(MetricsError::BadResponse) << QStringLiteral("sum(...)");
    }

    void clearErrors()
    {
        QFETCH(QString, template_);
        QFETCH(int, error);
        QFETCH(QString, messagePart);
        MetricsConfig config = metricsConfig(m_server.url());
        config.queries.insert(QStringLiteral("x/throughput"), template_);
        PrometheusProvider provider(config);
        const RangeResult result = runQuery(provider, {QStringLiteral("x"), QStringLiteral("throughput"),
                                                       QStringLiteral("v1"), fromMs(), toMs(), 15});
        QCOMPARE(int(result.error), error);
        QVERIFY2(result.errorMessage.contains(messagePart), qPrintable(result.errorMessage));
        QVERIFY2(result.errorMessage.contains(m_server.url().toString()), qPrintable(result.errorMessage));
    }

    void unreachableAndTimeout()
    {
        // Nothing listens on a port we just released: connection refused.
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        PrometheusProvider refused(
            metricsConfig(QUrl(QLatin1String("http://127.0.0.1:") + QString::number(closedPort))));
        const RangeResult r1 = runQuery(refused, {QStringLiteral("pass_mod"), QStringLiteral("throughput"),
                                                  QStringLiteral("v1"), fromMs(), toMs(), 15});
        QCOMPARE(r1.error, MetricsError::Unreachable);
        QVERIFY2(r1.errorMessage.startsWith(QLatin1String("cannot reach Prometheus at")),
                 qPrintable(r1.errorMessage));

        // A server that accepts and never answers: the configured timeout ends the request.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        PrometheusProvider slow(metricsConfig(
            QUrl(QLatin1String("http://127.0.0.1:") + QString::number(silent.serverPort())), 300));
        const RangeResult r2 = runQuery(slow, {QStringLiteral("pass_mod"), QStringLiteral("throughput"),
                                               QStringLiteral("v1"), fromMs(), toMs(), 15});
        QCOMPARE(r2.error, MetricsError::Timeout);
        QVERIFY2(r2.errorMessage.contains(QLatin1String("300 ms")), qPrintable(r2.errorMessage));
    }

    void knownDataGivesKnownVerdicts_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("intervalStatuses"); // one letter per interval: P F B I
        QTest::addColumn<bool>("rollbackWanted");
        QTest::addRow("pass") << QStringLiteral("pass_mod") << QStringLiteral("pass")
                              << QStringLiteral("PPPPPPPPPP") << false;
        QTest::addRow("breach only after 3 intervals")
            << QStringLiteral("breach_mod") << QStringLiteral("breach") << QStringLiteral("PPPPFFBBBB")
            << true;
        QTest::addRow("two-interval spike is no breach")
            << QStringLiteral("spike_mod") << QStringLiteral("pass") << QStringLiteral("PPFFPPPPPP") << false;
        QTest::addRow("gap is inconclusive")
            << QStringLiteral("gap_mod") << QStringLiteral("pass") << QStringLiteral("PPPIIIIPPP") << false;
        QTest::addRow("no series is inconclusive")
            << QStringLiteral("noseries_mod") << QStringLiteral("inconclusive")
            << QStringLiteral("IIIIIIIIII") << false;
    }

    void knownDataGivesKnownVerdicts()
    {
        QFETCH(QString, module);
        QFETCH(QString, status);
        QFETCH(QString, intervalStatuses);
        QFETCH(bool, rollbackWanted);
        PrometheusProvider provider(metricsConfig(m_server.url()));
        AnalysisJob job(moduleConfig(module), rolloutConfig(), &provider, fromMs(), toMs(), kStepSeconds);
        const JobOutcome outcome = runJob(job);
        QVERIFY2(outcome.verdict.has_value(), qPrintable(outcome.error));
        const ModuleVerdict &verdict = *outcome.verdict;
        QString letters;
        for (const IntervalVerdict &interval : verdict.intervals)
            letters += verdictStatusName(interval.status).at(0).toUpper();
        QCOMPARE(letters, intervalStatuses);
        QCOMPARE(verdictStatusName(verdict.status), status);
        QCOMPARE(verdict.rollbackWanted(), rollbackWanted);
    }

    void breachKeepsEvidence()
    {
        PrometheusProvider provider(metricsConfig(m_server.url()));
        AnalysisJob job(moduleConfig(QStringLiteral("breach_mod")), rolloutConfig(), &provider, fromMs(),
                        toMs(), kStepSeconds);
        const JobOutcome outcome = runJob(job);
        QVERIFY2(outcome.verdict.has_value(), qPrintable(outcome.error));
        QVERIFY(outcome.verdict->trigger.has_value());
        const MetricEvidence &e = *outcome.verdict->trigger;
        QCOMPARE(e.threshold, QStringLiteral("throughput_drop"));
        QCOMPARE(*e.v1, 100.0);
        QCOMPARE(*e.v2, 60.0);
        QCOMPARE(qRound(*e.observedPercent), 40);
        QCOMPARE(e.thresholdPercent, 20.0);
        QCOMPARE(e.streak, 3);
        QCOMPARE(outcome.verdict->confirmedAtMs, (baseSeconds() + 420) * 1000);
        QVERIFY2(outcome.verdict->summary().contains(QLatin1String("V1 100, V2 60")),
                 qPrintable(outcome.verdict->summary()));
    }

    void gapEvidenceSaysWhy()
    {
        PrometheusProvider provider(metricsConfig(m_server.url()));
        AnalysisJob job(moduleConfig(QStringLiteral("noseries_mod")), rolloutConfig(), &provider, fromMs(),
                        toMs(), kStepSeconds);
        const JobOutcome outcome = runJob(job);
        QVERIFY2(outcome.verdict.has_value(), qPrintable(outcome.error));
        const MetricEvidence &e = outcome.verdict->intervals.first().evidence.first();
        QVERIFY(e.inconclusive);
        QVERIFY2(e.note.contains(QLatin1String("no series")), qPrintable(e.note));
        QVERIFY(!outcome.verdict->completionGatesPassed());
    }

    void completionGatesOnPassingModule()
    {
        PrometheusProvider provider(metricsConfig(m_server.url()));
        AnalysisJob job(moduleConfig(QStringLiteral("pass_mod")), rolloutConfig(), &provider, fromMs(),
                        toMs(), kStepSeconds);
        const JobOutcome outcome = runJob(job);
        QVERIFY2(outcome.verdict.has_value(), qPrintable(outcome.error));
        QCOMPARE(outcome.verdict->completionGates.size(), 2); // throughput gain, latency increase
        QVERIFY(outcome.verdict->completionGatesPassed());
    }

    // Must stay last: it stops the server.
    void stoppedMidAnalysisFailsWithoutRollback()
    {
        PrometheusProvider provider(metricsConfig(m_server.url()));
        // Data that would confirm a breach: a verdict here would want a rollback.
        AnalysisJob job(moduleConfig(QStringLiteral("breach_mod")), rolloutConfig(), &provider, fromMs(),
                        toMs(), kStepSeconds);
        QSignalSpy verdicts(&job, &AnalysisJob::verdictReady);
        bool stopped = false;
        connect(&job, &AnalysisJob::progress, this, [&](int percent) {
            if (percent > 0 && !stopped) {
                stopped = true;
                m_server.stop();
            }
        });
        const JobOutcome outcome = runJob(job);
        QVERIFY(stopped);
        QVERIFY(!m_server.isRunning());
        QVERIFY(!outcome.verdict.has_value());
        QCOMPARE(verdicts.count(), 0);
        QVERIFY2(outcome.error.contains(QLatin1String("Prometheus at")), qPrintable(outcome.error));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusAnalysis)
#include "tst_prometheus_analysis.moc"
