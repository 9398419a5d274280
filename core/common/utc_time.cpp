// SPDX-License-Identifier: MIT
#include "common/utc_time.h"

#include <QDateTime>
#include <QTimeZone>

namespace Cockpit::UtcTime {

QString text(qint64 msSinceEpoch)
{
    if (msSinceEpoch == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace Cockpit::UtcTime
