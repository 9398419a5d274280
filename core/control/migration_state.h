// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>

namespace Cockpit {

// Where one migration stands, as kept in the control database. `version` grows by one with every completed
// transition; a transition is a compare-and-set on it.
struct MigrationState
{
    QString migration;
    QString phase;
    qint64 version = 0;
    QString changedBy; // operator label of the last change
    QString changedHost;
    QDateTime changedAt;   // UTC
    QString pendingIntent; // id of a started, not finished transition; empty when none
};

// A module's rollout, paused by an operator: no promotion until it is resumed.
struct RolloutPause
{
    QString module;
    QString pausedBy; // operator label
    QString reason;
    QDateTime pausedAt; // UTC
};

} // namespace Cockpit
