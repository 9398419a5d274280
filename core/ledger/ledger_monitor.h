// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "common/text.h"
#include "config/environment_config.h"
#include "ledger/latency_histogram.h"
#include "ledger/ledger_types.h"

#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>

#include <optional>

namespace Cockpit {

class LedgerTelemetryLog;

// One of the ledger migration's alert rules, evaluated over the configured window.
struct LedgerAlert
{
    QString name;      // HighDiscrepancyRate, LedgerWriteFailures, PerformanceDegradation
    QString severity;  // CRITICAL, HIGH, MEDIUM
    QString condition; // the rule, as the metric expression it evaluates
    Text action;       // what to do when it fires
    bool firing = false;
    Text detail; // the numbers behind the verdict
    // No data to judge (no traffic, NaN, a failed query): neither firing nor healthy.
    bool inconclusive = false;
};

// A check the ledger migration's transitions use (wired in by the migration-control lane).
struct LedgerGate
{
    enum class Verdict
    {
        Pass,
        Fail,
        Inconclusive
    };
    QString id; // shadow_clean, strict_clean, performance
    Text title;
    Verdict verdict = Verdict::Inconclusive;
    Text evidence;

    static QString verdictName(Verdict v);
};

// Per-second values for the charts.
struct LedgerSeriesPoint
{
    qint64 second = 0;
    qint64 discrepancies = 0;
    qint64 writesOk = 0;
    qint64 writesFailed = 0;
    qint64 shadowFailures = 0;
    qint64 p95LedgerNs = 0;
    qint64 p95LegacyNs = 0;
    qint64 p95LagNs = 0;
};

// What the Ledger page's charts draw, from either source, on a clock-time axis: each series as points
// (x: milliseconds since the epoch, UTC; y: the value) over [fromMs, toMs]. The demo's own store gives
// events per second and latency in µs; a service's Prometheus gives its counters' increase over the alert
// window at each step and latency in ms. A series the source does not have is absent, not a line of zeros.
struct LedgerChartData
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 bucketSeconds = 1; // what one event value counts: per second, or the increase over this window
    QString latencyUnit = QStringLiteral("µs");
    std::optional<QList<QPointF>> discrepancies;
    std::optional<QList<QPointF>> shadowFailures;
    std::optional<QList<QPointF>> failedWrites;
    std::optional<QList<QPointF>> ledgerP95;
    std::optional<QList<QPointF>> legacyP95;
    QString source;   // where the numbers come from, for the charts' caption; empty: the cockpit's own store
    QString problems; // series that could not be read, and why
};

// Everything the CLI and the GUI show about the ledger's health, computed from the persisted metric rows
// so that both see the same numbers. A value; copy it across threads.
struct LedgerHealth
{
    qint64 nowMs = 0;
    qint64 alertWindowSeconds = 0;
    QMap<QString, qint64> discrepanciesByType; // in the alert window
    qint64 discrepancies = 0;
    qint64 writesOk = 0;
    qint64 writesFailed = 0;
    qint64 writesRejected = 0; // business refusals (insufficient funds): not failures
    qint64 shadowFailures = 0;
    LatencyHistogram ledgerQuery;
    LatencyHistogram legacyQuery;
    LatencyHistogram writeLag;
    QList<LedgerAlert> alerts;
    QList<LedgerGate> gates;
    QList<LedgerSeriesPoint> series; // the alert window, oldest first
    LedgerChartData chart;
    // Set when the alerts come from the service's own telemetry (an observed ledger): then only `alerts`
    // is filled, and this names where they come from ("Prometheus at http://…").
    QString telemetrySource;
    // Set when that telemetry did not answer at all (Prometheus down, not merely no traffic): the alerts
    // are then inconclusive for that reason.
    QString sourceError;

    // Successful writes / attempted writes in the window, as "0.9950" (4 places); "n/a" without writes.
    QString successRateText() const;
    bool anyAlertFiring() const;
};

// Evaluates the ledger alert rules and the migration gates. Stateless; callable from any thread (load()
// uses the store, which belongs to the caller's thread).
class LedgerMonitor
{
public:
    static LedgerHealth evaluate(const QList<MetricRow> &rows, const LedgerConfig &config, qint64 nowMs);
    static Result<LedgerHealth> load(LedgerTelemetryLog &store, const LedgerConfig &config, qint64 nowMs);
    // The demo store's per-second points as chart data over the last windowSeconds (at least 10).
    static LedgerChartData chartData(const QList<LedgerSeriesPoint> &series, qint64 nowMs,
                                     qint64 windowSeconds);
    // The ledger migration's gates, in the order they are shown: shadow_clean, cutover_clean (the shadow
    // rule over the cutover window, checked before ledger-only), strict_clean, performance.
    static QStringList gateIds();
    // A gate's title as migration control, the Ledger page and `ledger alerts` show it, with its configured
    // window: "Shadow mode 7d without discrepancies".
    static Text gateTitle(const QString &id, const LedgerConfig &config);
    // What to do when an alert fires (HighDiscrepancyRate, LedgerWriteFailures, PerformanceDegradation), the
    // same whether the demo's rows or a service's telemetry raised it.
    static Text alertAction(const QString &alert);
    // "7d", "48h", "5m", "90s": how the rules name their windows.
    static QString windowText(qint64 seconds);
};

} // namespace Cockpit
