// SPDX-License-Identifier: MIT
#include "ui/shell/time_ticks.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QTimeZone>

#include <algorithm>
#include <array>

namespace Cockpit::TimeTicks {

namespace {

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

// Tick steps a reader counts in: whole seconds, minutes, hours and days.
constexpr std::array<qint64, 22> TickSteps = {
    Second,     2 * Second,  5 * Second,  10 * Second, 15 * Second, 30 * Second, Minute,   2 * Minute,
    5 * Minute, 10 * Minute, 15 * Minute, 30 * Minute, Hour,        2 * Hour,    3 * Hour, 6 * Hour,
    12 * Hour,  Day,         2 * Day,     7 * Day,     14 * Day,    28 * Day};
constexpr int MaxTicks = 12;

} // namespace

QString utcText(qint64 ms, const QString &format)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(format);
}

Plan plan(qint64 fromMs, qint64 toMs, int widthPx, const QFontMetrics &metrics)
{
    const qint64 span = std::max<qint64>(toMs - fromMs, 1);
    auto formatFor = [span](qint64 step) {
        if (step >= Day)
            return QStringLiteral("MM-dd");
        if (span >= Day) // the first and the last tick of a day must not read the same
            return QStringLiteral("MM-dd HH:mm");
        return step < Minute ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    };
    auto ticks = [fromMs, toMs](qint64 step) {
        return (toMs / step) - ((fromMs + step - 1) / step) + 1;
    };
    qint64 step = TickSteps.back();
    for (qint64 candidate : TickSteps) {
        // As many labels as fit side by side with a gap, so that a week on a narrow chart is not cut off; at
        // least three allowed, so that a narrow chart still gets two labels rather than one.
        const int labelWidth = metrics.horizontalAdvance(utcText(fromMs, formatFor(candidate))) + 16;
        if (ticks(candidate) <= std::clamp(widthPx / std::max(1, labelWidth), 3, MaxTicks)) {
            step = candidate;
            break;
        }
    }
    while (ticks(step) > MaxTicks) // beyond the listed steps (months): still whole weeks
        step *= 2;
    // Two labels at least, even if a very narrow chart then fits them only just.
    for (auto it = TickSteps.rbegin(); ticks(step) < 2 && it != TickSteps.rend(); ++it) {
        if (*it < step)
            step = *it;
    }
    Plan p{{}, formatFor(step)};
    for (qint64 tick = (fromMs + step - 1) / step * step; tick <= toMs; tick += step)
        p.ticks.append(tick);
    return p;
}

} // namespace Cockpit::TimeTicks
