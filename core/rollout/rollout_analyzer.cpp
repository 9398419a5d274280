// SPDX-License-Identifier: MIT
#include "rollout/rollout_analyzer.h"

#include <algorithm>

namespace Cockpit {

namespace {

enum class Rule
{
    Drop,
    Increase,
    Ratio
};

Rule ruleFor(const QString &threshold)
{
    if (threshold.endsWith(QLatin1String("_drop")))
        return Rule::Drop;
    if (threshold.endsWith(QLatin1String("_increase")))
        return Rule::Increase;
    return Rule::Ratio;
}

struct Mean
{
    std::optional<double> value;
    int samples = 0;
};

// Mean of the points with start < x <= end.
Mean meanIn(const MetricPoints &points, qint64 startMs, qint64 endMs)
{
    auto first = std::upper_bound(points.cbegin(), points.cend(), static_cast<double>(startMs),
                                  [](double x, const QPointF &p) { return x < p.x(); });
    double sum = 0;
    int n = 0;
    for (auto it = first; it != points.cend() && it->x() <= static_cast<double>(endMs); ++it) {
        sum += it->y();
        ++n;
    }
    Mean mean;
    mean.samples = n;
    if (n > 0)
        mean.value = sum / n;
    return mean;
}

// The values of the points with start < x <= end.
QList<double> valuesIn(const MetricPoints &points, qint64 startMs, qint64 endMs)
{
    auto first = std::upper_bound(points.cbegin(), points.cend(), static_cast<double>(startMs),
                                  [](double x, const QPointF &p) { return x < p.x(); });
    QList<double> samples;
    for (auto it = first; it != points.cend() && it->x() <= static_cast<double>(endMs); ++it)
        samples.append(it->y());
    return samples;
}

// The samples of the interval, thinned evenly to what the judge takes (a long interval at a fine step has
// more).
QList<double> samplesIn(const MetricPoints &points, qint64 startMs, qint64 endMs)
{
    const QList<double> samples = valuesIn(points, startMs, endMs);
    constexpr qsizetype MaxPerSide = 2000; // 2000 x 2000 pairs: MannWhitney::maxPairs
    if (samples.size() <= MaxPerSide)
        return samples;
    QList<double> thinned;
    thinned.reserve(MaxPerSide);
    for (qsizetype i = 0; i < MaxPerSide; ++i)
        thinned.append(samples.at(i * samples.size() / MaxPerSide));
    return thinned;
}

// The statistical judge beside the thresholds: V2's samples of the interval against V1's. A rise is bad for
// latency, memory and the ratios, a fall for throughput and sync speed.
void judge(MetricEvidence &e, Rule rule, const RolloutJudgeConfig &config, const MetricsSnapshot &data,
           const QString &k1, const QString &k2, qint64 startMs, qint64 endMs)
{
    MannWhitney::Options options;
    options.confidence = config.confidence;
    options.effectFraction = config.effectFraction;
    Result<MannWhitney::Result> r =
        MannWhitney::judge(samplesIn(data.series.value(k1), startMs, endMs),
                           samplesIn(data.series.value(k2), startMs, endMs), options);
    if (!r) {
        // Only more samples than the judge takes: a note, and no judge verdict (its NoData).
        MannWhitney::Result none;
        none.note = r.error().message;
        r = none;
    }
    e.judge = *r;
    e.judgeFailing = rule == Rule::Drop ? r->verdict == MannWhitney::Verdict::Low
                                        : r->verdict == MannWhitney::Verdict::High;
}

std::optional<double> relativeChange(const std::optional<double> &v1, const std::optional<double> &v2)
{
    if (!v1 || !v2 || *v1 == 0.0)
        return std::nullopt;
    return (*v2 - *v1) / *v1 * 100.0;
}

MetricEvidence checkThreshold(const Threshold &threshold, const MetricsSnapshot &data, qint64 startMs,
                              qint64 endMs)
{
    MetricEvidence e;
    e.threshold = threshold.metric;
    e.metric = RolloutAnalyzer::metricForThreshold(threshold.metric);
    e.thresholdPercent = threshold.percent;
    const QString k1 = MetricsSnapshot::key(e.metric, QStringLiteral("v1"));
    const QString k2 = MetricsSnapshot::key(e.metric, QStringLiteral("v2"));
    const Mean m1 = meanIn(data.series.value(k1), startMs, endMs);
    const Mean m2 = meanIn(data.series.value(k2), startMs, endMs);
    e.v1 = m1.value;
    e.v2 = m2.value;
    e.v1Samples = m1.samples;
    e.v2Samples = m2.samples;
    e.v1Summary = SampleSummary::of(valuesIn(data.series.value(k1), startMs, endMs));
    e.v2Summary = SampleSummary::of(valuesIn(data.series.value(k2), startMs, endMs));
    if (data.queries.contains(k1))
        e.v1Query = data.queries.value(k1);
    if (data.queries.contains(k2))
        e.v2Query = data.queries.value(k2);

    const Rule rule = ruleFor(threshold.metric);
    if (!e.v2 || (rule != Rule::Ratio && !e.v1)) {
        e.inconclusive = true;
        QStringList missing;
        if (rule != Rule::Ratio && !e.v1)
            missing << data.notes.value(k1, QStringLiteral("no V1 samples in the interval"));
        if (!e.v2)
            missing << data.notes.value(k2, QStringLiteral("no V2 samples in the interval"));
        e.note = missing.join(QLatin1String("; "));
        return e;
    }
    switch (rule) {
    case Rule::Drop:
        if (const auto change = relativeChange(e.v1, e.v2))
            e.observedPercent = -*change;
        break;
    case Rule::Increase:
        e.observedPercent = relativeChange(e.v1, e.v2);
        break;
    case Rule::Ratio:
        e.observedPercent = *e.v2 * 100.0;
        break;
    }
    if (!e.observedPercent) {
        e.inconclusive = true;
        e.note = QStringLiteral("V1 is zero, so no relative change can be computed");
        return e;
    }
    e.failing = *e.observedPercent > threshold.percent;
    return e;
}

// The threshold's check and the judge's, combined as the config says which decides.
MetricEvidence check(const Threshold &threshold, const RolloutConfig &rollout, const MetricsSnapshot &data,
                     qint64 startMs, qint64 endMs)
{
    MetricEvidence e = checkThreshold(threshold, data, startMs, endMs);
    e.thresholdFailing = e.failing;
    judge(e, ruleFor(threshold.metric), rollout.judge, data,
          MetricsSnapshot::key(e.metric, QStringLiteral("v1")),
          MetricsSnapshot::key(e.metric, QStringLiteral("v2")), startMs, endMs);
    const bool judgeNoData = e.judge->verdict == MannWhitney::Verdict::NoData;
    switch (rollout.judge.decides) {
    case RolloutJudgeConfig::Decides::Thresholds:
        break;
    case RolloutJudgeConfig::Decides::Both:
        // Without the judge's verdict, the thresholds alone cannot fail an interval here.
        if (judgeNoData && !e.inconclusive) {
            e.inconclusive = true;
            e.note = QLatin1String("the judge has no verdict: ") + e.judge->note;
        }
        e.failing = !e.inconclusive && e.thresholdFailing && e.judgeFailing;
        break;
    case RolloutJudgeConfig::Decides::Either:
        if (e.judgeFailing) {
            e.failing = true;
            e.inconclusive = false; // the judge saw enough to fail it
        }
        break;
    }
    return e;
}

} // namespace

QString RolloutAnalyzer::metricForThreshold(const QString &threshold)
{
    if (threshold == QLatin1String("throughput_drop"))
        return MetricName::throughput();
    if (threshold == QLatin1String("latency_increase"))
        return MetricName::latency();
    if (threshold == QLatin1String("memory_increase"))
        return MetricName::memory();
    if (threshold == QLatin1String("error_rate"))
        return MetricName::errorRate();
    if (threshold == QLatin1String("sync_speed_drop"))
        return MetricName::syncSpeed();
    if (threshold == QLatin1String("peer_disconnect"))
        return MetricName::peerDisconnects();
    return threshold;
}

QStringList RolloutAnalyzer::requiredMetrics(const RolloutModuleConfig &module)
{
    QStringList metrics;
    for (const Threshold &t : module.thresholds) {
        const QString metric = metricForThreshold(t.metric);
        if (!metrics.contains(metric))
            metrics.append(metric);
    }
    return metrics;
}

QList<CompletionGateResult> RolloutAnalyzer::completionGates(const RolloutModuleConfig &module,
                                                             const RolloutConfig &rollout,
                                                             const MetricsSnapshot &data, qint64 fromMs,
                                                             qint64 toMs)
{
    const QStringList metrics = requiredMetrics(module);
    QList<CompletionGateResult> gates;
    // fromMs - 1 so that a point exactly at the window start counts for the whole-window mean.
    auto change = [&](const QString &metric) {
        const Mean v1 =
            meanIn(data.series.value(MetricsSnapshot::key(metric, QStringLiteral("v1"))), fromMs - 1, toMs);
        const Mean v2 =
            meanIn(data.series.value(MetricsSnapshot::key(metric, QStringLiteral("v2"))), fromMs - 1, toMs);
        return relativeChange(v1.value, v2.value);
    };
    auto addGain = [&](const QString &name, const QString &metric, double target, const QString &label) {
        CompletionGateResult gate;
        gate.name = name;
        gate.limitPercent = target;
        gate.description = QLatin1String("V2 ") + label + QLatin1String(" at least ")
                           + QString::number(target, 'g', 6) + QLatin1String(" % above V1");
        gate.observedPercent = change(metric);
        gate.inconclusive = !gate.observedPercent;
        gate.passed = gate.observedPercent && *gate.observedPercent >= target;
        gates.append(gate);
    };
    auto addCeiling = [&](const QString &name, const QString &metric, double limit, const QString &label) {
        CompletionGateResult gate;
        gate.name = name;
        gate.limitPercent = limit;
        gate.description = QLatin1String("V2 ") + label + QLatin1String(" at most ")
                           + QString::number(limit, 'g', 6) + QLatin1String(" % above V1");
        gate.observedPercent = change(metric);
        gate.inconclusive = !gate.observedPercent;
        gate.passed = gate.observedPercent && *gate.observedPercent <= limit;
        gates.append(gate);
    };
    if (metrics.contains(MetricName::throughput()))
        addGain(QStringLiteral("throughput_gain"), MetricName::throughput(),
                rollout.targetThroughputGainPercent, QStringLiteral("throughput"));
    if (metrics.contains(MetricName::syncSpeed()))
        addGain(QStringLiteral("sync_speed_gain"), MetricName::syncSpeed(),
                rollout.targetSyncSpeedGainPercent, QStringLiteral("sync speed"));
    if (metrics.contains(MetricName::memory()))
        addCeiling(QStringLiteral("memory_increase"), MetricName::memory(), rollout.maxMemoryIncreasePercent,
                   QStringLiteral("memory"));
    if (metrics.contains(MetricName::latency()))
        addCeiling(QStringLiteral("latency_increase"), MetricName::latency(),
                   rollout.maxLatencyIncreasePercent, QStringLiteral("latency"));
    return gates;
}

ModuleVerdict RolloutAnalyzer::analyze(const RolloutModuleConfig &module, const RolloutConfig &rollout,
                                       const MetricsSnapshot &data, qint64 fromMs, qint64 toMs)
{
    ModuleVerdict verdict;
    verdict.module = module.id;
    verdict.fromMs = fromMs;
    verdict.toMs = toMs;
    verdict.intervalSeconds = rollout.intervalSeconds;
    verdict.consecutiveBreaches = rollout.consecutiveBreaches;
    verdict.autoRollback = rollout.autoRollback;

    const qint64 intervalMs = qint64(std::max(1, rollout.intervalSeconds)) * 1000;
    QHash<QString, int> streaks;
    for (qint64 start = fromMs; start + intervalMs <= toMs; start += intervalMs) {
        IntervalVerdict interval;
        interval.fromMs = start;
        interval.toMs = start + intervalMs;
        bool anyFailing = false;
        bool anyInconclusive = false;
        bool anyConfirmed = false;
        for (const Threshold &threshold : module.thresholds) {
            MetricEvidence e = check(threshold, rollout, data, interval.fromMs, interval.toMs);
            int &streak = streaks[threshold.metric];
            if (e.failing)
                ++streak;
            else if (!e.inconclusive)
                streak = 0; // only a checked, passing interval breaks a streak; a gap holds it
            e.streak = streak;
            anyFailing = anyFailing || e.failing;
            anyInconclusive = anyInconclusive || e.inconclusive;
            if (e.failing && streak >= rollout.consecutiveBreaches) {
                anyConfirmed = true;
                if (!verdict.trigger) {
                    verdict.trigger = e;
                    verdict.confirmedAtMs = interval.toMs;
                }
            }
            interval.evidence.append(e);
        }
        if (anyConfirmed)
            interval.status = VerdictStatus::Breach;
        else if (anyFailing)
            interval.status = VerdictStatus::Failing;
        else if (anyInconclusive || module.thresholds.isEmpty())
            interval.status = VerdictStatus::Inconclusive;
        else
            interval.status = VerdictStatus::Pass;
        verdict.intervals.append(interval);
    }

    if (verdict.trigger)
        verdict.status = VerdictStatus::Breach;
    else if (!verdict.intervals.isEmpty())
        verdict.status = verdict.intervals.last().status;
    else
        verdict.status = VerdictStatus::Inconclusive;
    verdict.completionGates = completionGates(module, rollout, data, fromMs, toMs);
    return verdict;
}

} // namespace Cockpit
