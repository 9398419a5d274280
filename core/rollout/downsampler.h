// SPDX-License-Identifier: MIT
#pragma once

#include "rollout/metric_types.h"

namespace Cockpit {

// Reduces long series before they reach Qt Charts. Pure functions, safe from any thread.
class Downsampler
{
public:
    // Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the first and last point and, per bucket,
    // the point forming the largest triangle with its neighbours, so peaks and breaches stay visible.
    // Returns the input unchanged when it has no more than `threshold` points or threshold < 3.
    static MetricPoints lttb(const MetricPoints &points, int threshold);
};

} // namespace Cockpit
