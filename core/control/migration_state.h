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

// Who runs the environment's guard (automatic rollback): one lease per environment, renewed by its holder's
// heartbeat; once expired, any guard or cockpit may take it over.
struct GuardLease
{
    QString holder; // a token of the holding guard, unique per process
    QString label;  // who runs it, for people: "cockpitctl guard (alice)" or "GUI (alice)"
    QString host;
    qint64 pid = 0;
    QDateTime heartbeatAt; // UTC
    QDateTime expiresAt;   // UTC

    bool isExpired(const QDateTime &now) const { return !expiresAt.isValid() || expiresAt < now; }
};

// A setting of the environment kept in the control store, with who changed it last, when and why.
struct ControlSetting
{
    QString name;
    QString value;
    QString changedBy;
    QString reason;
    QDateTime changedAt; // UTC
};

} // namespace Cockpit
