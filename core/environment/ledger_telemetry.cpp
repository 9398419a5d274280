// SPDX-License-Identifier: MIT
#include "environment/ledger_telemetry.h"

#include "rollout/prometheus_provider.h"

#include <QEventLoop>
#include <QHash>
#include <QTimer>

namespace Cockpit {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

// "the figure (PromQL)" or "no data (PromQL): why", for evidence and details.
QString describe(const LedgerTelemetry::Reading &r)
{
    if (r.value)
        return number(*r.value) + QLatin1String(" (") + r.promql + QLatin1Char(')');
    return QLatin1String("no data (") + r.promql + QLatin1String("): ") + r.error;
}

} // namespace

std::optional<QList<LedgerTelemetry::Reading>> LedgerTelemetry::query(const EnvironmentConfig &config,
                                                                      const QStringList &metrics,
                                                                      qint64 windowSeconds, qint64 nowMs,
                                                                      QString *error)
{
    if (config.metrics.source != MetricsConfig::Source::Prometheus) {
        *error =
            QStringLiteral("the environment's metrics come from the built-in simulator, not a Prometheus");
        return std::nullopt;
    }
    QList<Reading> readings(metrics.size());
    PrometheusProvider provider(config.metrics);
    QHash<quint64, qsizetype> pending;
    QEventLoop loop;
    QObject::connect(&provider, &MetricsProvider::rangeFinished, &loop, [&](const RangeResult &result) {
        const auto it = pending.constFind(result.requestId);
        if (it == pending.constEnd())
            return;
        Reading &r = readings[*it];
        pending.erase(it);
        r.promql = result.promql;
        if (!result.ok())
            r.error =
                result.error == MetricsError::NoSeries ? QStringLiteral("no data") : result.errorMessage;
        else if (result.points.isEmpty())
            r.error = QStringLiteral("no data (NaN)");
        else
            r.value = result.points.last().y();
        if (pending.isEmpty())
            loop.quit();
    });
    for (qsizetype i = 0; i < metrics.size(); ++i) {
        RangeQuery q;
        q.module = QStringLiteral("ledger");
        q.metric = metrics.at(i);
        q.fromMs = nowMs - windowSeconds * 1000;
        q.toMs = nowMs;
        q.instant = true;
        pending.insert(provider.query(q), i);
    }
    // Every request answers exactly once (an error included), within the provider's own timeout.
    QTimer::singleShot(config.metrics.timeoutMs + 2000, &loop, &QEventLoop::quit);
    if (!pending.isEmpty())
        loop.exec();
    for (const qsizetype i : std::as_const(pending))
        readings[i].error = QStringLiteral("no answer within %1 ms").arg(config.metrics.timeoutMs);
    return readings;
}

std::optional<LedgerTelemetry::Readings> LedgerTelemetry::read(const EnvironmentConfig &config, qint64 nowMs,
                                                               QString *error)
{
    const std::optional<QList<Reading>> r =
        query(config,
              {QStringLiteral("discrepancies"), QStringLiteral("write_success_rate"),
               QStringLiteral("query_p95_ledger"), QStringLiteral("query_p95_legacy")},
              config.ledger.discrepancyAlertWindowSeconds, nowMs, error);
    if (!r)
        return std::nullopt;
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
                      QStringLiteral("Disable strict mode, investigate"),
                      false,
                      {},
                      false};
        const Reading &r = readings.discrepancies;
        a.inconclusive = !r.value;
        a.firing = r.value && *r.value > ledger.discrepancyAlertCount;
        a.detail = QLatin1String("discrepancies in the last ") + window + QLatin1String(": ") + describe(r);
        list.append(a);
    }
    {
        LedgerAlert a{QStringLiteral("LedgerWriteFailures"),
                      QStringLiteral("HIGH"),
                      QStringLiteral("ledger_write_success_rate < 0.99"),
                      QStringLiteral("Check ledger service health"),
                      false,
                      {},
                      false};
        const Reading &r = readings.writeSuccessRate;
        a.inconclusive = !r.value;
        a.firing = r.value && *r.value < 0.99;
        a.detail = QLatin1String("success rate ") + describe(r);
        list.append(a);
    }
    {
        LedgerAlert a{QStringLiteral("PerformanceDegradation"),
                      QStringLiteral("MEDIUM"),
                      QStringLiteral("p95(balance_query_duration_ms{source=\"ledger\"}) > 2 * "
                                     "p95(balance_query_duration_ms{source=\"legacy\"})"),
                      QStringLiteral("Investigate ledger query performance"),
                      false,
                      {},
                      false};
        const Reading &l = readings.queryP95Ledger;
        const Reading &g = readings.queryP95Legacy;
        a.inconclusive = !l.value || !g.value;
        a.firing = l.value && g.value && *l.value > 2 * *g.value;
        a.detail = QLatin1String("p95 ledger ") + describe(l) + QLatin1String(", legacy ") + describe(g);
        list.append(a);
    }
    return list;
}

} // namespace Cockpit
