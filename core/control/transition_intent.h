// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>

namespace Cockpit {

// The record written before a transition's actions run and completed after them, so that a crash in
// between is found at the next start instead of leaving a silent half-transition.
struct TransitionIntent
{
    QString id; // UUID
    QString migration;
    QString fromPhase;
    QString toPhase;
    QString kind; // advance or rollback
    qint64 fromVersion = 0;
    QString operatorLabel;
    QString host;
    qint64 pid = 0;
    QDateTime startedAt; // UTC
    QString reason;
    QString status = QStringLiteral("pending"); // pending, completed, failed, rolled_back
    QDateTime finishedAt;
    QString outcome;
    // The lease: the execution that holds the intent (a token of its own, renewed by heartbeats while its
    // actuator runs). Only the holder may finish the intent; a takeover gives it a new holder, which fences
    // the old one out.
    QString owner;
    QDateTime heartbeatAt; // UTC; invalid for intents of older cockpits

    // A heartbeat older than this: the holder is gone (or hung), the intent is interrupted.
    static constexpr int kLeaseSeconds = 10;
    // How often a running holder renews its lease and checks that it still holds it.
    static constexpr int kHeartbeatSeconds = 1;

    bool isPending() const { return status == QLatin1String("pending"); }
    // True when the process that started it ran on this host and is gone: certainly interrupted.
    bool ownerIsGone() const;
    // Pending, with a fresh heartbeat from a holder not known to be gone: still running somewhere.
    bool isRunning(const QDateTime &nowUtc) const;
};

} // namespace Cockpit
