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
    // A holder of higher priority takes the lease from a lower one: a headless guard (1) from a window (0),
    // which guards only while it is open.
    int priority = 1;

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

// One analysed interval as the environment's guard judged it, kept so that "why" stays answerable after a
// rollback or a restart. The evidence is the analysis's own JSON document; the control store keeps it as
// text and does not interpret it.
struct EvidenceRecord
{
    QString subject; // the module
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QString status;   // the interval's verdict: pass, inconclusive, failing, breach
    QString evidence; // a JSON document
    QString recordedBy;
    QDateTime recordedAt; // UTC
};

} // namespace Cockpit
