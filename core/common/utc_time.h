// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Cockpit::UtcTime {

// A moment as tables and exports show it: ISO 8601 in UTC to the second, with a space for the "T"
// ("2026-12-06 10:30:00"), so that the GUI, a CSV export and a spreadsheet read the same text. The column
// heading says UTC. Empty for 0 (not known).
QString text(qint64 msSinceEpoch);

} // namespace Cockpit::UtcTime
