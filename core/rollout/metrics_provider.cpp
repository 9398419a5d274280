// SPDX-License-Identifier: MIT
#include "rollout/metrics_provider.h"

#include "rollout/prometheus_provider.h"
#include "rollout/simulator_provider.h"

#include <algorithm>

namespace Cockpit {

int MetricsProvider::chooseStep(qint64 fromMs, qint64 toMs, int wantedSeconds)
{
    const qint64 spanSeconds = std::max<qint64>(0, (toMs - fromMs) / 1000);
    const qint64 wanted = std::max(1, wantedSeconds);
    // A range of N steps returns N + 1 points; keep N + 1 <= MaxPointsPerSeries.
    const qint64 minimum = (spanSeconds + (MaxPointsPerSeries - 1) - 1) / (MaxPointsPerSeries - 1);
    return static_cast<int>(std::max(wanted, minimum));
}

std::unique_ptr<MetricsProvider> MetricsProvider::create(const MetricsConfig &config, QObject *parent)
{
    if (config.source == MetricsConfig::Source::Simulator)
        return std::make_unique<SimulatorProvider>(config.simulatorSeed, parent);
    return std::make_unique<PrometheusProvider>(config, parent);
}

} // namespace Cockpit
