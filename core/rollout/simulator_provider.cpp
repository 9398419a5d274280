// SPDX-License-Identifier: MIT
#include "rollout/simulator_provider.h"

#include <QDateTime>
#include <QTimer>

#include <cmath>

namespace Cockpit {

namespace {

struct Baseline
{
    double v1;
    double v2Ratio; // healthy V2 relative to V1
    double noise;   // relative amplitude
    bool higherIsBetter;
};

Baseline baseline(const QString &metric)
{
    // Healthy V2 clears the default completion targets (+20 % throughput, +15 % sync speed, <= 10 % more
    // memory, <= 5 % more latency) with room for the noise.
    if (metric == MetricName::throughput())
        return {1000.0, 1.26, 0.02, true}; // transactions per second
    if (metric == MetricName::latency())
        return {0.200, 1.01, 0.02, false}; // seconds, p95
    if (metric == MetricName::memory())
        return {512.0 * 1024 * 1024, 1.04, 0.01, false}; // bytes
    if (metric == MetricName::errorRate())
        return {0.010, 0.80, 0.10, false}; // failed / received
    if (metric == MetricName::syncSpeed())
        return {600.0, 1.20, 0.02, true}; // blocks per minute
    if (metric == MetricName::peerDisconnects())
        return {0.10, 0.85, 0.10, false}; // fraction of peers disconnected
    return {1.0, 1.0, 0.0, true};
}

quint64 mix(quint64 x)
{
    // splitmix64 finaliser: a cheap, well-distributed hash of the slot.
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

SimulatorProvider::SimulatorProvider(quint64 seed, QObject *parent)
    : MetricsProvider(parent)
    , m_seed(seed)
{}

QString SimulatorProvider::describe() const
{
    return QLatin1String("built-in simulator (seed ") + QString::number(m_seed) + QLatin1Char(')');
}

void SimulatorProvider::injectRegression(const QString &module, const QString &metric, double factor,
                                         qint64 fromMs)
{
    m_regressions.append({module, metric, factor, fromMs < 0 ? now() : fromMs});
}

void SimulatorProvider::clearRegressions()
{
    m_regressions.clear();
}

void SimulatorProvider::setWeight(const QString &module, int percent, qint64 atMs)
{
    m_weights[module].append({atMs < 0 ? now() : atMs, percent});
}

SimulatorProvider::SeriesShape SimulatorProvider::shape(const QString &module, const QString &metric,
                                                        const QString &version) const
{
    SeriesShape shape;
    shape.isV1 = version == QLatin1String("v1");
    if (metric == MetricName::weight()) {
        shape.isWeight = true;
        shape.weights = m_weights.value(module);
        return shape;
    }
    const Baseline base = baseline(metric);
    shape.hash = mix(m_seed ^ qHash(module) ^ (qHash(metric) << 1) ^ (qHash(version) << 2));
    shape.base = base.v1 * (shape.isV1 ? 1.0 : base.v2Ratio);
    shape.noise = base.noise;
    shape.higherIsBetter = base.higherIsBetter;
    if (!shape.isV1) {
        for (const Regression &r : m_regressions) {
            if (r.module == module && r.metric == metric)
                shape.regressions.append(r);
        }
    }
    return shape;
}

double SimulatorProvider::sample(const SeriesShape &shape, qint64 ms)
{
    if (shape.isWeight) {
        int percent = 0;
        for (const WeightChange &change : shape.weights) {
            if (change.atMs <= ms)
                percent = change.percent;
        }
        return shape.isV1 ? 100 - percent : percent;
    }
    const qint64 slot = ms / (ResolutionSeconds * 1000);
    const quint64 h = mix(shape.hash ^ mix(static_cast<quint64>(slot)));
    const double noise =
        (static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53)) * 2.0 - 1.0; // [-1, 1)
    // A slow daily wave makes week-long charts look like traffic, not white noise.
    const double daily = 1.0 + 0.05 * std::sin(static_cast<double>(ms % 86400000) / 86400000.0 * 2.0 * M_PI);
    double value = shape.base * daily * (1.0 + shape.noise * noise);
    for (const Regression &r : shape.regressions) {
        if (ms >= r.fromMs)
            value = shape.higherIsBetter ? value / r.factor : value * r.factor;
    }
    return value;
}

double SimulatorProvider::valueAt(const QString &module, const QString &metric, const QString &version,
                                  qint64 ms) const
{
    return sample(shape(module, metric, version), ms);
}

MetricPoints SimulatorProvider::series(const RangeQuery &query, int stepSeconds) const
{
    MetricPoints points;
    if (query.instant) {
        points.append(QPointF(query.toMs, valueAt(query.module, query.metric, query.version, query.toMs)));
        return points;
    }
    const SeriesShape seriesShape = shape(query.module, query.metric, query.version);
    const qint64 step = qint64(stepSeconds) * 1000;
    // Like Prometheus: the first point at the start, then every step up to the end.
    points.reserve(static_cast<qsizetype>((query.toMs - query.fromMs) / step + 1));
    for (qint64 t = query.fromMs; t <= query.toMs; t += step)
        points.append(QPointF(static_cast<double>(t), sample(seriesShape, t)));
    return points;
}

quint64 SimulatorProvider::query(const RangeQuery &query)
{
    RangeResult result;
    result.requestId = nextRequestId();
    result.query = query;
    result.effectiveStepSeconds = query.instant ? 0 : chooseStep(query.fromMs, query.toMs, query.stepSeconds);
    if (query.version != QLatin1String("v1") && query.version != QLatin1String("v2")) {
        result.error = MetricsError::NoSeries;
        result.errorMessage =
            describe() + QLatin1String(": no series for version \"") + query.version + QLatin1Char('"');
    } else {
        result.points = series(query, result.effectiveStepSeconds);
    }
    // Never answer synchronously: callers connect after query() returns.
    QTimer::singleShot(0, this, [this, result] { emit rangeFinished(result); });
    return result.requestId;
}

} // namespace Cockpit
