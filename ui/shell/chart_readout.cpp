// SPDX-License-Identifier: MIT
#include "ui/shell/chart_readout.h"

#include "ui/shell/time_ticks.h"

#include <QCoreApplication>
#include <QLocale>
#include <QXYSeries>

#include <cmath>

namespace Cockpit::ChartReadout {

namespace {

QString valueText(double y)
{
    if (y == std::floor(y) && std::abs(y) < 1e15)
        return QLocale().toString(qint64(y));
    return QLocale().toString(y, 'g', 4);
}

} // namespace

qsizetype nearestIndex(const QXYSeries *series, double x)
{
    qsizetype lo = 0;
    qsizetype hi = series->count();
    if (hi == 0)
        return -1;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (series->at(mid).x() < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == series->count())
        return lo - 1;
    if (lo > 0 && x - series->at(lo - 1).x() < series->at(lo).x() - x)
        return lo - 1;
    return lo;
}

std::optional<double> valueAt(const QXYSeries *series, double x)
{
    const qsizetype n = series->count();
    if (n == 0 || x < series->at(0).x() || x > series->at(n - 1).x())
        return std::nullopt;
    qsizetype hi = nearestIndex(series, x);
    if (series->at(hi).x() == x) {
        // A step is drawn as two points at one time: from that moment on the value is the new one.
        while (hi + 1 < n && series->at(hi + 1).x() == x)
            ++hi;
        return series->at(hi).y();
    }
    if (series->at(hi).x() < x)
        ++hi;
    const QPointF a = series->at(hi - 1);
    const QPointF b = series->at(hi);
    return b.x() == a.x() ? b.y() : a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x());
}

std::optional<ChartReading> read(const QList<QAbstractSeries *> &series, double pointer, double visibleFrom,
                                 double visibleTo)
{
    // The time is that of the visible point nearest to the pointer among all series; every other series
    // says its value at that same time (between its points, as its line is drawn), or "–" outside its data.
    ChartReading reading;
    for (QAbstractSeries *s : series) {
        auto *xy = qobject_cast<QXYSeries *>(s);
        if (!xy || !xy->isVisible())
            continue;
        const qsizetype i = nearestIndex(xy, pointer);
        if (i < 0)
            continue;
        const double x = xy->at(i).x();
        if (x < visibleFrom || x > visibleTo)
            continue;
        if (!reading.anchor || std::abs(x - pointer) < std::abs(reading.x - pointer)) {
            reading.anchor = xy;
            reading.x = x;
        }
    }
    if (!reading.anchor)
        return std::nullopt;
    // The texts belong to the chart view the read-out appears in.
    reading.lines.append(
        QCoreApplication::translate("Cockpit::TimeChartView", "%1 UTC")
            .arg(TimeTicks::utcText(std::llround(reading.x), QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
    for (QAbstractSeries *s : series) {
        auto *xy = qobject_cast<QXYSeries *>(s);
        if (!xy || !xy->isVisible())
            continue;
        const std::optional<double> y = valueAt(xy, reading.x);
        reading.lines.append(QCoreApplication::translate("Cockpit::TimeChartView", "%1: %2")
                                 .arg(xy->name(), y ? valueText(*y) : QStringLiteral("–")));
    }
    return reading;
}

} // namespace Cockpit::ChartReadout
