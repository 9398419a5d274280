// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

class QFontMetrics;

namespace Cockpit::TimeTicks {

// Where a time axis puts its labels: on round UTC times (every second … four weeks), as many as fit
// `widthPx` side by side (at most twelve, at least two), and the format they are written in.
struct Plan
{
    QList<qint64> ticks; // milliseconds since the epoch, UTC, ascending
    QString format;      // a QDateTime format, read in UTC
};
Plan plan(qint64 fromMs, qint64 toMs, int widthPx, const QFontMetrics &metrics);

// A moment in UTC in a QDateTime format.
QString utcText(qint64 ms, const QString &format);

} // namespace Cockpit::TimeTicks
