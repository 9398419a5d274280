// SPDX-License-Identifier: MIT
#include "wiring/ledger_telemetry.h"

#include "rollout/prometheus_provider.h"

#include <QEventLoop>
#include <QHash>
#include <QTimer>

#include <algorithm>

namespace Cockpit {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

} // namespace

namespace {

// Sends every query to the environment's Prometheus at once and waits for all answers, each bounded by
// metrics.timeoutMs. Fails when the metrics source is not Prometheus.
Result<QList<RangeResult>> ask(const EnvironmentConfig &config, const QList<RangeQuery> &queries)
{
    if (config.metrics.source != MetricsConfig::Source::Prometheus)
        return fail(
            QStringLiteral("the environment's metrics come from the built-in simulator, not a Prometheus"),
            ErrorKind::Invalid);
    QList<RangeResult> results(queries.size());
    PrometheusProvider provider(config.metrics);
    QHash<quint64, qsizetype> pending;
    QEventLoop loop;
    QObject::connect(&provider, &MetricsProvider::rangeFinished, &loop, [&](const RangeResult &result) {
        const auto it = pending.constFind(result.requestId);
        if (it == pending.constEnd())
            return;
        results[*it] = result;
        pending.erase(it);
        if (pending.isEmpty())
            loop.quit();
    });
    for (qsizetype i = 0; i < queries.size(); ++i) {
        results[i].query = queries.at(i);
        results[i].promql = provider.promql(queries.at(i));
        pending.insert(provider.query(queries.at(i)), i);
    }
    // Every request answers exactly once (an error included), within the provider's own timeout.
    QTimer::singleShot(config.metrics.timeoutMs + 2000, &loop, &QEventLoop::quit);
    if (!pending.isEmpty())
        loop.exec();
    for (const qsizetype i : std::as_const(pending)) {
        results[i].error = MetricsError::Timeout;
        results[i].errorMessage = QStringLiteral("no answer within %1 ms").arg(config.metrics.timeoutMs);
    }
    return results;
}

QString whyNoData(const RangeResult &result)
{
    return result.error == MetricsError::NoSeries ? QStringLiteral("no data") : result.errorMessage;
}

} // namespace

Result<QList<LedgerTelemetry::Reading>> LedgerTelemetry::query(const EnvironmentConfig &config,
                                                               const QStringList &metrics,
                                                               qint64 windowSeconds, qint64 nowMs)
{
    QList<RangeQuery> queries;
    for (const QString &metric : metrics) {
        RangeQuery q;
        q.module = QStringLiteral("ledger");
        q.metric = metric;
        q.fromMs = nowMs - windowSeconds * 1000;
        q.toMs = nowMs;
        q.instant = true;
        queries.append(q);
    }
    const Result<QList<RangeResult>> results = ask(config, queries);
    if (!results)
        return fail(results.error());
    QList<Reading> readings;
    for (const RangeResult &result : *results) {
        Reading r;
        r.promql = result.promql;
        if (!result.ok())
            r.error = whyNoData(result);
        else if (result.points.isEmpty())
            r.error = QStringLiteral("no data (NaN)");
        else
            r.value = result.points.last().y();
        readings.append(r);
    }
    return readings;
}

Result<LedgerChartData> LedgerTelemetry::chart(const EnvironmentConfig &config, qint64 spanSeconds,
                                               qint64 nowMs)
{
    const char *metrics[] = {"discrepancies", "query_p95_ledger", "query_p95_legacy"};
    // About 240 points across the chart, never finer than a typical scrape interval.
    const int step = static_cast<int>(std::max<qint64>(15, spanSeconds / 240));
    QList<RangeQuery> queries;
    for (const char *metric : metrics) {
        RangeQuery q;
        q.module = QStringLiteral("ledger");
        q.metric = QLatin1String(metric);
        q.fromMs = nowMs - spanSeconds * 1000;
        q.toMs = nowMs;
        q.stepSeconds = step;
        q.windowSeconds = config.ledger.discrepancyAlertWindowSeconds;
        queries.append(q);
    }
    const Result<QList<RangeResult>> results = ask(config, queries);
    if (!results)
        return fail(results.error());
    LedgerChartData c;
    c.fromMs = nowMs - spanSeconds * 1000;
    c.toMs = nowMs;
    c.bucketSeconds = config.ledger.discrepancyAlertWindowSeconds;
    c.latencyUnit = QStringLiteral("ms"); // the service's balance_query_duration_ms
    c.source =
        QLatin1String("Prometheus at ") + config.metrics.prometheusUrl.toString() + QLatin1String(", step ")
        + QString::number(results->first().effectiveStepSeconds > 0 ? results->first().effectiveStepSeconds
                                                                    : step)
        + QLatin1Char('s');
    QStringList problems;
    std::optional<QList<QPointF>> *targets[] = {&c.discrepancies, &c.ledgerP95, &c.legacyP95};
    for (qsizetype i = 0; i < results->size(); ++i) {
        const RangeResult &r = results->at(i);
        if (r.ok())
            *targets[i] = r.points;
        else
            problems.append(QLatin1String(metrics[i]) + QLatin1String(": ") + whyNoData(r)
                            + QLatin1String(" (") + r.promql + QLatin1Char(')'));
    }
    c.problems = problems.join(QLatin1String("; "));
    return c;
}

Text LedgerTelemetry::Reading::describe() const
{
    if (value)
        return Text::plain(number(*value) + QLatin1String(" (") + promql + QLatin1Char(')'));
    return Text::translate("Alerts", "no data (%1): %2").arg(promql, error);
}

Result<LedgerTelemetry::Readings> LedgerTelemetry::read(const EnvironmentConfig &config, qint64 nowMs)
{
    const Result<QList<Reading>> r =
        query(config,
              {QStringLiteral("discrepancies"), QStringLiteral("write_success_rate"),
               QStringLiteral("query_p95_ledger"), QStringLiteral("query_p95_legacy")},
              config.ledger.discrepancyAlertWindowSeconds, nowMs);
    if (!r)
        return fail(r.error());
    return Readings{r->at(0), r->at(1), r->at(2), r->at(3)};
}

QList<LedgerAlert> LedgerTelemetry::alerts(const LedgerConfig &ledger, const Readings &readings)
{
    const QString window = LedgerMonitor::windowText(ledger.discrepancyAlertWindowSeconds);
    QList<LedgerAlert> list;
    {
        LedgerAlert a{QStringLiteral("HighDiscrepancyRate"),
                      QStringLiteral("CRITICAL"),
                      QStringLiteral("ledger_shadow_discrepancy_count > %1 in %2")
                          .arg(ledger.discrepancyAlertCount)
                          .arg(window),
                      LedgerMonitor::alertAction(QStringLiteral("HighDiscrepancyRate")),
                      false,
                      {},
                      false};
        const Reading &r = readings.discrepancies;
        a.inconclusive = !r.value;
        a.firing = r.value && *r.value > ledger.discrepancyAlertCount;
        a.detail = Text::translate("Alerts", "discrepancies in the last %1: %2").arg(window, r.describe());
        list.append(a);
    }
    {
        LedgerAlert a{QStringLiteral("LedgerWriteFailures"),
                      QStringLiteral("HIGH"),
                      QStringLiteral("ledger_write_success_rate < 0.99"),
                      LedgerMonitor::alertAction(QStringLiteral("LedgerWriteFailures")),
                      false,
                      {},
                      false};
        const Reading &r = readings.writeSuccessRate;
        a.inconclusive = !r.value;
        a.firing = r.value && *r.value < 0.99;
        a.detail = Text::translate("Alerts", "success rate %1").arg(r.describe());
        list.append(a);
    }
    {
        LedgerAlert a{QStringLiteral("PerformanceDegradation"),
                      QStringLiteral("MEDIUM"),
                      QStringLiteral("p95(balance_query_duration_ms{source=\"ledger\"}) > 2 * "
                                     "p95(balance_query_duration_ms{source=\"legacy\"})"),
                      LedgerMonitor::alertAction(QStringLiteral("PerformanceDegradation")),
                      false,
                      {},
                      false};
        const Reading &l = readings.queryP95Ledger;
        const Reading &g = readings.queryP95Legacy;
        a.inconclusive = !l.value || !g.value;
        a.firing = l.value && g.value && *l.value > 2 * *g.value;
        a.detail = Text::translate("Alerts", "p95 ledger %1, legacy %2").arg(l.describe(), g.describe());
        list.append(a);
    }
    return list;
}

} // namespace Cockpit
