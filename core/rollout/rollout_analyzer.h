// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "rollout/metric_types.h"
#include "rollout/rollout_verdict.h"

#include <QHash>

namespace Cockpit {

// The fetched series of one module, keyed "metric/version". A metric whose query matched nothing has no
// entry in `series` and a note saying why.
struct MetricsSnapshot
{
    QHash<QString, MetricPoints> series;
    QHash<QString, QString> notes;
    // What was asked for each series, as sent (evidence keeps it).
    QHash<QString, SentQuery> queries;

    static QString key(const QString &metric, const QString &version)
    {
        return metric + QLatin1Char('/') + version;
    }
};

// Compares V2 with V1 per interval against a module's thresholds. Pure and synchronous: the caller fetches
// (AnalysisJob does it asynchronously) and this class only computes, so every rule is testable with
// hand-written series. Safe to call from any thread.
//
// Rules:
//  - throughput_drop, sync_speed_drop: (V1 - V2) / V1 in percent must not exceed the threshold;
//  - latency_increase, memory_increase: (V2 - V1) / V1 in percent must not exceed the threshold;
//  - error_rate, peer_disconnect: V2's ratio (0..1) as a percentage must not exceed the threshold;
//  - an interval with no V1 or no V2 sample for a metric is inconclusive for that metric: it neither counts
//    towards nor resets the breach streak, and never makes the interval pass;
//  - a breach is confirmed when one threshold fails in consecutiveBreaches intervals in a row.
class RolloutAnalyzer
{
public:
    // The series a threshold reads, e.g. "latency_increase" -> "latency".
    static QString metricForThreshold(const QString &threshold);
    // Every metric the module's thresholds and completion gates need.
    static QStringList requiredMetrics(const RolloutModuleConfig &module);

    // Evaluates the intervals of [fromMs, toMs] (intervalSeconds each, counted from fromMs; a point at time t
    // belongs to the interval (start, end]) and the completion gates over the whole window.
    static ModuleVerdict analyze(const RolloutModuleConfig &module, const RolloutConfig &rollout,
                                 const MetricsSnapshot &data, qint64 fromMs, qint64 toMs);

    // The completion targets of the v1_removed transition, over the whole window.
    static QList<CompletionGateResult> completionGates(const RolloutModuleConfig &module,
                                                       const RolloutConfig &rollout,
                                                       const MetricsSnapshot &data, qint64 fromMs,
                                                       qint64 toMs);
};

} // namespace Cockpit
