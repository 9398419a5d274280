// SPDX-License-Identifier: MIT
#pragma once

#include "rollout/metrics_provider.h"

#include <QHash>
#include <QList>

namespace Cockpit {

// Deterministic V1/V2 series for the demo environment and for tests and benchmarks. A value depends only on
// (seed, module, metric, version, timestamp), never on the request that asked for it, so charts, the CLI
// and the analysis see the same numbers. V2 has samples at every traffic weight, 0 % included: it stands for
// a V2 in shadow, processing a copy of the traffic before it answers any. Healthy V2 beats the default
// completion targets; injectRegression degrades it from a given time on so that automated rollback can be
// watched.
// Threading: see MetricsProvider; the regression and weight setters belong to the provider's thread too.
class SimulatorProvider : public MetricsProvider
{
    Q_OBJECT

public:
    // Simulated samples lie on this grid, like a 15 s Prometheus scrape interval.
    static constexpr int ResolutionSeconds = 15;

    explicit SimulatorProvider(quint64 seed, QObject *parent = nullptr);

    quint64 query(const RangeQuery &query) override;
    QString describe() const override;
    bool isSimulator() const override { return true; }

    // From fromMs on, V2's metric is worse by `factor` (> 1): throughput and sync speed divided by it,
    // latency, memory, error rate and peer disconnects multiplied by it. fromMs < 0 means now.
    void injectRegression(const QString &module, const QString &metric, double factor, qint64 fromMs = -1);
    void clearRegressions();
    // Records a traffic weight change (percent to V2) for the "weight" series.
    void setWeight(const QString &module, int percent, qint64 atMs = -1);

    // The value at one time (rounded down to the grid); synchronous, for tests and the benchmark.
    double valueAt(const QString &module, const QString &metric, const QString &version, qint64 ms) const;
    // The series with step `stepSeconds`, synchronously.
    MetricPoints series(const RangeQuery &query, int stepSeconds) const;

private:
    struct Regression
    {
        QString module;
        QString metric;
        double factor = 1;
        qint64 fromMs = 0;
    };
    struct WeightChange
    {
        qint64 atMs = 0;
        int percent = 0;
    };

    // Everything about a series that does not change per sample, computed once per request.
    struct SeriesShape
    {
        quint64 hash = 0;
        double base = 0;
        double noise = 0;
        bool higherIsBetter = true;
        bool isWeight = false;
        QList<Regression> regressions;
        QList<WeightChange> weights;
        bool isV1 = true;
    };
    SeriesShape shape(const QString &module, const QString &metric, const QString &version) const;
    static double sample(const SeriesShape &shape, qint64 ms);

    quint64 m_seed;
    QList<Regression> m_regressions;
    QHash<QString, QList<WeightChange>> m_weights;
};

} // namespace Cockpit
