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

    bool isPending() const { return status == QLatin1String("pending"); }
    // True when the process that started it ran on this host and is gone: certainly interrupted.
    bool ownerIsGone() const;
};

} // namespace Cockpit
