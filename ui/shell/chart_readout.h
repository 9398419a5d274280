// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QStringList>

#include <optional>

class QAbstractSeries;
class QXYSeries;

namespace Cockpit {

// What a time chart's hover read-out says at the pointer: the moment of the visible point nearest to it, and
// every visible series' value at that moment. Series' x values are UTC milliseconds, sorted.
struct ChartReading
{
    QXYSeries *anchor = nullptr; // the series whose point gave the moment (to place the cursor line)
    double x = 0;                // that moment
    QStringList lines;           // "2026-12-07 10:15:00 UTC", then "<series>: <value>" per visible series
};

namespace ChartReadout {

// The nearest visible point to `pointer` whose time lies in [visibleFrom, visibleTo]; nothing when no
// visible series has one there.
std::optional<ChartReading> read(const QList<QAbstractSeries *> &series, double pointer, double visibleFrom,
                                 double visibleTo);

// The index of the point whose x is nearest to `x` in a series sorted by x, or -1 when it is empty.
qsizetype nearestIndex(const QXYSeries *series, double x);

// The series' value at x as its line is drawn: between two points on the straight line joining them (a
// step series repeats its points, so it reads as a step); nothing outside its first and last point.
std::optional<double> valueAt(const QXYSeries *series, double x);

} // namespace ChartReadout

} // namespace Cockpit
