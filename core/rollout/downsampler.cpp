// SPDX-License-Identifier: MIT
#include "rollout/downsampler.h"

#include <cmath>

namespace Cockpit {

MetricPoints Downsampler::lttb(const MetricPoints &points, int threshold)
{
    const qsizetype n = points.size();
    if (threshold < 3 || n <= threshold)
        return points;

    MetricPoints sampled;
    sampled.reserve(threshold);
    sampled.append(points.first());
    // The first and last points are kept; the rest is split into threshold - 2 buckets.
    const double every = static_cast<double>(n - 2) / static_cast<double>(threshold - 2);
    qsizetype a = 0;
    for (int i = 0; i < threshold - 2; ++i) {
        // Average of the next bucket: the third corner of the triangle.
        const qsizetype nextStart = static_cast<qsizetype>(std::floor((i + 1) * every)) + 1;
        qsizetype nextEnd = static_cast<qsizetype>(std::floor((i + 2) * every)) + 1;
        if (nextEnd > n)
            nextEnd = n;
        double avgX = 0;
        double avgY = 0;
        const qsizetype nextCount = std::max<qsizetype>(1, nextEnd - nextStart);
        for (qsizetype j = nextStart; j < nextEnd; ++j) {
            avgX += points[j].x();
            avgY += points[j].y();
        }
        avgX /= static_cast<double>(nextCount);
        avgY /= static_cast<double>(nextCount);

        const qsizetype start = static_cast<qsizetype>(std::floor(i * every)) + 1;
        const qsizetype end = static_cast<qsizetype>(std::floor((i + 1) * every)) + 1;
        const QPointF &pa = points[a];
        double maxArea = -1;
        qsizetype chosen = start;
        for (qsizetype j = start; j < end; ++j) {
            const double area = std::abs((pa.x() - avgX) * (points[j].y() - pa.y())
                                         - (pa.x() - points[j].x()) * (avgY - pa.y()));
            if (area > maxArea) {
                maxArea = area;
                chosen = j;
            }
        }
        sampled.append(points[chosen]);
        a = chosen;
    }
    sampled.append(points.last());
    return sampled;
}

} // namespace Cockpit
