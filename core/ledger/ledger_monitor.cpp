// SPDX-License-Identifier: MIT
#include "ledger/ledger_monitor.h"

#include "ledger/ledger_metrics.h"
#include "ledger/ledger_store.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>

namespace Cockpit {

namespace {

QString duration(qint64 seconds)
{
    return LedgerMonitor::windowText(seconds);
}

// Truncated to a tenth, from integers: the English form recorded in evidence stays what it always was.
Text micros(qint64 ns)
{
    return Text::decimal(QString::number(ns / 1000) + QLatin1Char('.') + QString::number((ns % 1000) / 100))
           + Text::plain(QStringLiteral(" µs"));
}

QString utc(qint64 second)
{
    return QDateTime::fromSecsSinceEpoch(second, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

// Counts of one metric within [from, now], with the second of the latest occurrence.
struct Tally
{
    qint64 count = 0;
    qint64 lastSecond = 0;
    qint64 activity = 0; // writes of any outcome, to tell "clean" from "idle"
};

Tally tally(const QList<MetricRow> &rows, qint64 fromSecond, const QString &metric, const QString &label = {})
{
    Tally t;
    for (const MetricRow &r : rows) {
        if (r.second < fromSecond)
            continue;
        if (r.metric == LedgerMetricName::write())
            t.activity += r.count;
        if (r.metric == metric && (label.isNull() || r.label == label)) {
            t.count += r.count;
            t.lastSecond = std::max(t.lastSecond, r.second);
        }
    }
    return t;
}

} // namespace

QString LedgerGate::verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return QStringLiteral("pass");
    case Verdict::Fail:
        return QStringLiteral("fail");
    case Verdict::Inconclusive:
        break;
    }
    return QStringLiteral("inconclusive");
}

QString LedgerHealth::successRateText() const
{
    const qint64 attempts = writesOk + writesFailed;
    if (attempts == 0)
        return QStringLiteral("n/a");
    // Integer arithmetic keeps the 4 printed places exact (truncated, never rounded up to 1.0000).
    const qint64 tenThousandths = writesOk * 10000 / attempts;
    return QString::number(tenThousandths / 10000) + QLatin1Char('.')
           + QString::number(tenThousandths % 10000).rightJustified(4, QLatin1Char('0'));
}

bool LedgerHealth::anyAlertFiring() const
{
    return std::any_of(alerts.cbegin(), alerts.cend(), [](const LedgerAlert &a) { return a.firing; });
}

QStringList LedgerMonitor::gateIds()
{
    return {QStringLiteral("shadow_clean"), QStringLiteral("cutover_clean"), QStringLiteral("strict_clean"),
            QStringLiteral("performance")};
}

Text LedgerMonitor::gateTitle(const QString &id, const LedgerConfig &config)
{
    if (id == QLatin1String("shadow_clean"))
        return Text::translate("Gates", "Shadow mode %1 without discrepancies")
            .arg(duration(config.shadowCleanWindowSeconds));
    if (id == QLatin1String("strict_clean"))
        return Text::translate("Gates", "Strict mode %1 without failures")
            .arg(duration(config.strictCleanWindowSeconds));
    if (id == QLatin1String("performance"))
        return Text::translate("Gates", "Ledger reads within %1 % of legacy (p95)")
            .arg(config.performanceTolerancePercent);
    if (id == QLatin1String("cutover_clean"))
        return Text::translate("Gates", "No discrepancies for %1 before cutover")
            .arg(duration(config.cutoverCleanWindowSeconds));
    return Text::plain(id);
}

Text LedgerMonitor::alertAction(const QString &alert)
{
    if (alert == QLatin1String("HighDiscrepancyRate"))
        return Text::translate("Alerts", "Disable strict mode if it is on, investigate");
    if (alert == QLatin1String("LedgerWriteFailures"))
        return Text::translate("Alerts", "Check ledger service health");
    if (alert == QLatin1String("PerformanceDegradation"))
        return Text::translate("Alerts", "Investigate ledger query performance");
    return {};
}

QString LedgerMonitor::windowText(qint64 seconds)
{
    if (seconds % 86400 == 0)
        return QString::number(seconds / 86400) + QLatin1Char('d');
    if (seconds % 3600 == 0)
        return QString::number(seconds / 3600) + QLatin1Char('h');
    if (seconds % 60 == 0)
        return QString::number(seconds / 60) + QLatin1Char('m');
    return QString::number(seconds) + QLatin1Char('s');
}

LedgerHealth LedgerMonitor::evaluate(const QList<MetricRow> &rows, const LedgerConfig &config, qint64 nowMs)
{
    LedgerHealth h;
    h.nowMs = nowMs;
    h.alertWindowSeconds = config.discrepancyAlertWindowSeconds;
    const qint64 now = nowMs / 1000;
    const qint64 from = now - config.discrepancyAlertWindowSeconds;

    QMap<qint64, LedgerSeriesPoint> series;
    QMap<qint64, LatencyHistogram> ledgerBySecond;
    QMap<qint64, LatencyHistogram> legacyBySecond;
    QMap<qint64, LatencyHistogram> lagBySecond;
    for (const MetricRow &r : rows) {
        if (r.second < from)
            continue;
        LedgerSeriesPoint &p = series[r.second];
        p.second = r.second;
        if (r.metric == LedgerMetricName::discrepancy()) {
            h.discrepanciesByType[r.label] += r.count;
            h.discrepancies += r.count;
            p.discrepancies += r.count;
        } else if (r.metric == LedgerMetricName::write()) {
            if (r.label == QLatin1String("ok")) {
                h.writesOk += r.count;
                p.writesOk += r.count;
            } else if (r.label == QLatin1String("failed")) {
                h.writesFailed += r.count;
                p.writesFailed += r.count;
            } else {
                h.writesRejected += r.count;
            }
        } else if (r.metric == LedgerMetricName::shadowFailure()) {
            h.shadowFailures += r.count;
            p.shadowFailures += r.count;
        } else if (const auto hist = LatencyHistogram::deserialize(r.histogram); hist && !hist->isEmpty()) {
            if (r.metric == LedgerMetricName::writeLag()) {
                h.writeLag.merge(*hist);
                lagBySecond[r.second].merge(*hist);
            } else if (r.label == QLatin1String("ledger")) {
                h.ledgerQuery.merge(*hist);
                ledgerBySecond[r.second].merge(*hist);
            } else {
                h.legacyQuery.merge(*hist);
                legacyBySecond[r.second].merge(*hist);
            }
        }
    }
    for (auto it = series.begin(); it != series.end(); ++it) {
        it->p95LedgerNs = ledgerBySecond.value(it.key()).percentileNs(95);
        it->p95LegacyNs = legacyBySecond.value(it.key()).percentileNs(95);
        it->p95LagNs = lagBySecond.value(it.key()).percentileNs(95);
        h.series.append(*it);
    }
    h.chart = chartData(h.series, nowMs, config.discrepancyAlertWindowSeconds);

    const QString window = duration(config.discrepancyAlertWindowSeconds);
    {
        LedgerAlert a{QStringLiteral("HighDiscrepancyRate"),
                      QStringLiteral("CRITICAL"),
                      QStringLiteral("ledger_shadow_discrepancy_count > %1 in %2")
                          .arg(config.discrepancyAlertCount)
                          .arg(window),
                      LedgerMonitor::alertAction(QStringLiteral("HighDiscrepancyRate")),
                      false,
                      {},
                      false};
        a.firing = h.discrepancies > config.discrepancyAlertCount;
        a.detail = Text::translate("Alerts", "%1 discrepancies in the last %2").arg(h.discrepancies, window);
        h.alerts.append(a);
    }
    {
        LedgerAlert a{QStringLiteral("LedgerWriteFailures"),
                      QStringLiteral("HIGH"),
                      QStringLiteral("ledger_write_success_rate < 0.99 (over %1)").arg(window),
                      LedgerMonitor::alertAction(QStringLiteral("LedgerWriteFailures")),
                      false,
                      {},
                      false};
        const qint64 attempts = h.writesOk + h.writesFailed;
        a.firing = attempts > 0 && h.writesOk * 100 < attempts * 99;
        a.inconclusive = attempts == 0; // no rate without writes, as Prometheus gives none
        a.detail = Text::translate("Alerts", "success rate %1 (%2 ok, %3 failed)")
                       .arg(Text::decimal(h.successRateText()), h.writesOk, h.writesFailed);
        h.alerts.append(a);
    }
    {
        LedgerAlert a{QStringLiteral("PerformanceDegradation"),
                      QStringLiteral("MEDIUM"),
                      QStringLiteral("p95(balance_query_duration{source=\"ledger\"}) > 2 * "
                                     "p95(balance_query_duration{source=\"legacy\"})"),
                      LedgerMonitor::alertAction(QStringLiteral("PerformanceDegradation")),
                      false,
                      {},
                      false};
        const qint64 l = h.ledgerQuery.percentileNs(95);
        const qint64 g = h.legacyQuery.percentileNs(95);
        a.firing = l > 0 && g > 0 && l > 2 * g;
        a.inconclusive = l == 0 || g == 0;
        a.detail =
            (l > 0 && g > 0)
                ? Text::translate("Alerts", "p95 ledger %1, legacy %2").arg(micros(l), micros(g))
                : Text::translate("Alerts", "not enough balance reads from both sources in %1").arg(window);
        h.alerts.append(a);
    }

    using V = LedgerGate::Verdict;
    // "No <what> for the window": fails on any counted event, is inconclusive when nothing was written at all
    // (an idle ledger proves nothing), passes otherwise.
    auto cleanWindowGate = [&](const QString &id, qint64 w, const QString &metric, const QString &label,
                               const Text &what) {
        const Tally t = tally(rows, now - w, metric, label);
        LedgerGate g{id, gateTitle(id, config), V::Inconclusive, {}};
        if (t.count > 0) {
            g.verdict = V::Fail;
            g.evidence = Text::translate("Gates", "%1 %2 in the last %3 (0 allowed), last at %4")
                             .arg(t.count, what, duration(w), utc(t.lastSecond));
        } else if (t.activity == 0) {
            g.evidence = Text::translate("Gates", "no ledger writes in the last %1, nothing to judge")
                             .arg(duration(w));
        } else {
            g.verdict = V::Pass;
            g.evidence = Text::translate("Gates", "0 %1 in the last %2 (%3 writes)")
                             .arg(what, duration(w), t.activity);
        }
        h.gates.append(g);
    };
    cleanWindowGate(QStringLiteral("shadow_clean"), config.shadowCleanWindowSeconds,
                    LedgerMetricName::discrepancy(), QString(), Text::translate("Gates", "discrepancies"));
    cleanWindowGate(QStringLiteral("cutover_clean"), config.cutoverCleanWindowSeconds,
                    LedgerMetricName::discrepancy(), QString(), Text::translate("Gates", "discrepancies"));
    cleanWindowGate(QStringLiteral("strict_clean"), config.strictCleanWindowSeconds,
                    LedgerMetricName::write(), QStringLiteral("failed"),
                    Text::translate("Gates", "failed writes"));
    {
        const int pct = config.performanceTolerancePercent;
        LedgerGate g{QStringLiteral("performance"),
                     gateTitle(QStringLiteral("performance"), config),
                     V::Inconclusive,
                     {}};
        const qint64 l = h.ledgerQuery.percentileNs(95);
        const qint64 lg = h.legacyQuery.percentileNs(95);
        if (l == 0 || lg == 0) {
            g.evidence =
                Text::translate("Gates", "no balance reads from both sources in the last %1").arg(window);
        } else {
            g.verdict = l * 100 <= lg * (100 + pct) ? V::Pass : V::Fail;
            g.evidence = Text::translate("Gates", "p95 ledger %1 vs legacy %2 (limit %3 %)")
                             .arg(micros(l), micros(lg), 100 + pct);
        }
        h.gates.append(g);
    }
    return h;
}

Result<LedgerHealth> LedgerMonitor::load(LedgerTelemetryLog &store, const LedgerConfig &config, qint64 nowMs)
{
    const qint64 longest = std::max({config.discrepancyAlertWindowSeconds, config.shadowCleanWindowSeconds,
                                     config.cutoverCleanWindowSeconds, config.strictCleanWindowSeconds});
    const Result<QList<MetricRow>> rows = store.readMetrics(nowMs / 1000 - longest);
    if (!rows)
        return fail(rows.error());
    return evaluate(*rows, config, nowMs);
}

LedgerChartData LedgerMonitor::chartData(const QList<LedgerSeriesPoint> &series, qint64 nowMs,
                                         qint64 windowSeconds)
{
    const qint64 now = nowMs / 1000;
    const qint64 window = std::max<qint64>(windowSeconds, 10);
    LedgerChartData c;
    c.fromMs = (now - window) * 1000;
    c.toMs = now * 1000;
    // Events per second are dense: a second without a row is a zero, so a burst shows as a spike instead of
    // a lone point that a line series does not draw. Latency exists only where reads happened.
    QHash<qint64, const LedgerSeriesPoint *> bySecond;
    for (const LedgerSeriesPoint &p : series)
        bySecond.insert(p.second, &p);
    QList<QPointF> disc, shadow, failed, ledger, legacy;
    // The current second is still being written: drawing it would show a false drop to zero at the end.
    for (qint64 second = now - window; second < now; ++second) {
        const double x = double(second * 1000);
        const LedgerSeriesPoint *p = bySecond.value(second);
        disc.append({x, double(p ? p->discrepancies : 0)});
        shadow.append({x, double(p ? p->shadowFailures : 0)});
        failed.append({x, double(p ? p->writesFailed : 0)});
        if (p && p->p95LedgerNs > 0)
            ledger.append({x, double(p->p95LedgerNs) / 1000.0});
        if (p && p->p95LegacyNs > 0)
            legacy.append({x, double(p->p95LegacyNs) / 1000.0});
    }
    c.discrepancies = disc;
    c.shadowFailures = shadow;
    c.failedWrites = failed;
    c.ledgerP95 = ledger;
    c.legacyP95 = legacy;
    return c;
}

} // namespace Cockpit
