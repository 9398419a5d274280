// SPDX-License-Identifier: MIT
#pragma once

#include "rollout/mann_whitney.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace Cockpit {

enum class VerdictStatus
{
    Pass,         // every threshold checked with data, none failing
    Inconclusive, // some metric had no data; never a pass, never a rollback by itself
    Failing,      // a threshold fails, but not yet for consecutiveBreaches intervals
    Breach,       // a threshold failed consecutiveBreaches intervals in a row: rollback wanted
};

QString verdictStatusName(VerdictStatus status);

// What one version's samples of an interval looked like: enough to see an outlier or a gap without keeping
// every sample. The p95 is the nearest-rank one (the smallest sample with 95 % at or below it).
struct SampleSummary
{
    int count = 0;
    double min = 0;
    double median = 0;
    double p95 = 0;
    double max = 0;

    // nullopt for no samples.
    static std::optional<SampleSummary> of(QList<double> samples);
    QJsonObject toJson() const;
    static std::optional<SampleSummary> fromJson(const QJsonValue &value);
};

// A query as it was sent to the metrics source: the PromQL after template substitution (empty for the
// built-in simulator) over its range and step.
struct SentQuery
{
    QString promql;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int stepSeconds = 0;

    QJsonObject toJson() const;
    static std::optional<SentQuery> fromJson(const QJsonValue &value);
};

// The numbers behind one threshold check, so "why did it fail" is answerable later.
struct MetricEvidence
{
    QString threshold;           // e.g. latency_increase
    QString metric;              // e.g. latency
    double thresholdPercent = 0; // from config.rollout.modules[].thresholds
    std::optional<double> v1;    // mean over the interval
    std::optional<double> v2;
    std::optional<double> observedPercent; // the change (or, for rates, V2 as a percentage)
    int v1Samples = 0;
    int v2Samples = 0;
    std::optional<SampleSummary> v1Summary;
    std::optional<SampleSummary> v2Summary;
    std::optional<SentQuery> v1Query;
    std::optional<SentQuery> v2Query;
    // The decision (rollout.judge.decides: the thresholds, both, or either of them with the judge).
    bool failing = false;
    bool inconclusive = false;
    bool thresholdFailing = false;
    bool judgeFailing = false;
    // The statistical judge on the interval's samples, beside the threshold.
    std::optional<MannWhitney::Result> judge;
    int streak = 0; // consecutive failing intervals up to and including this one
    QString note;   // e.g. "no V2 samples in the interval" or the provider's message

    QString describe() const;
    QJsonObject toJson() const;
    // The evidence as toJson() wrote it (stored evidence read back); nullopt for a value of another shape.
    static std::optional<MetricEvidence> fromJson(const QJsonValue &value);
};

struct IntervalVerdict
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    VerdictStatus status = VerdictStatus::Inconclusive;
    QList<MetricEvidence> evidence;

    QJsonObject toJson() const;
    static std::optional<IntervalVerdict> fromJson(const QJsonValue &value);
};

VerdictStatus verdictStatusFromName(const QString &name, bool *ok = nullptr);

// One completion target, a gate of the v1_removed transition.
struct CompletionGateResult
{
    QString name;        // e.g. throughput_gain
    QString description; // "V2 throughput >= V1 + 20 %"
    double limitPercent = 0;
    std::optional<double> observedPercent;
    bool passed = false;
    bool inconclusive = false;

    QJsonObject toJson() const;
};

// The result of analysing one module over a window of intervals.
struct ModuleVerdict
{
    QString module;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int intervalSeconds = 0;
    int consecutiveBreaches = 0;
    VerdictStatus status = VerdictStatus::Inconclusive;
    QList<IntervalVerdict> intervals;
    // Set when a breach was confirmed: the metric, its numbers and when.
    std::optional<MetricEvidence> trigger;
    qint64 confirmedAtMs = 0;
    bool autoRollback = false;
    QList<CompletionGateResult> completionGates;

    bool breachConfirmed() const { return status == VerdictStatus::Breach; }
    // The decision the control framework acts on: a confirmed breach with auto-rollback enabled.
    bool rollbackWanted() const { return breachConfirmed() && autoRollback; }
    bool completionGatesPassed() const;
    // One line for the audit log / CLI: which metric, which values, which threshold.
    QString summary() const;
    QJsonObject toJson() const;
};

} // namespace Cockpit
