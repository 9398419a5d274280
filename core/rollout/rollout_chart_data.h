// SPDX-License-Identifier: MIT
#pragma once

#include "rollout/metric_types.h"

#include <QHash>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>

namespace Cockpit {

// Downsampled series for the charts of one module: per metric V1 and V2, plus the V2 traffic weight.
struct RolloutChartData
{
    QString module;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QHash<QString, std::array<MetricPoints, 2>> series; // metric -> {v1, v2}
    MetricPoints weight;                                // percent to V2, as change points
    QStringList errors;                                 // one line per series that could not be fetched
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::RolloutChartData)
