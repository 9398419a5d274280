// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "rollout/metric_types.h"

#include <QObject>

#include <memory>

namespace Cockpit {

// Source of V1/V2 time series for the rollout analysis and charts.
//
// Threading contract: a provider is a QObject that lives in the thread that created it and must only be
// called from that thread (the GUI creates one per worker thread; the CLI uses its main thread). Requests
// never block and never answer synchronously: rangeFinished is always emitted later from the event loop
// of the provider's thread, exactly once per request id, even on error. Results are value types and may
// be forwarded through queued connections to other threads.
class MetricsProvider : public QObject
{
    Q_OBJECT

public:
    // Prometheus refuses a range query that would return more than 11,000 points per series.
    static constexpr qint64 MaxPointsPerSeries = 11000;

    using QObject::QObject;
    ~MetricsProvider() override = default;

    // Starts a range (or instant, see RangeQuery::instant) query; returns its request id (never 0).
    virtual quint64 query(const RangeQuery &query) = 0;
    // "Prometheus at http://…" or "built-in simulator (seed 42)", for messages and the GUI.
    virtual QString describe() const = 0;
    virtual bool isSimulator() const { return false; }

    // The smallest step >= wanted (seconds) that keeps the range under MaxPointsPerSeries points.
    static int chooseStep(qint64 fromMs, qint64 toMs, int wantedSeconds);

    // The provider configured for an environment: the simulator or Prometheus.
    static std::unique_ptr<MetricsProvider> create(const MetricsConfig &config, QObject *parent = nullptr);

signals:
    void rangeFinished(const Cockpit::RangeResult &result);

protected:
    quint64 nextRequestId() { return ++m_lastRequestId; }

private:
    quint64 m_lastRequestId = 0;
};

} // namespace Cockpit
