// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "control/actuator_plan.h"
#include "control/gate.h"
#include "control/migration_definition.h"

#include <QList>
#include <QString>

namespace Cockpit {

struct GateOutcome
{
    Text name;
    GateResult result;
    bool overridable = true; // Gate::overridable()
};

// Everything an operator sees before a transition: the gates' verdicts, the dry-run actions, and the state
// it was planned against (the execution is a compare-and-set on expectedVersion / transition.from).
// A plain value; made in a worker, shown in the GUI, handed back to execute().
struct TransitionPlan
{
    enum class Mode
    {
        Normal,              // an advance or rollback from the current phase
        Resume,              // finish an interrupted transition: re-run its actions, then complete it
        RollbackInterrupted, // undo an interrupted transition: re-apply the phase it started from
    };

    Result<void> status; // not ok: nothing to execute (unknown migration, no such transition, conflict...)
    Mode mode = Mode::Normal;
    QString environment;
    bool prod = false;
    MigrationDefinition migration;
    MigrationTransition transition;
    qint64 expectedVersion = 0;
    QString intentId;    // Resume / RollbackInterrupted: the interrupted intent
    QString intentOwner; // Resume / RollbackInterrupted: who held its lease when planned
    // Resume / RollbackInterrupted of a transition whose holder still renews its lease: who, where, since
    // when. Refused unless forced (Options::force), which fences the holder out.
    QString runningElsewhere;
    QList<GateOutcome> gates;
    ActuatorPlan actions;

    bool isValid() const { return status.has_value(); }
    bool isRollback() const { return mode == Mode::RollbackInterrupted || transition.isRollback(); }
    bool gatesPassed() const
    {
        for (const GateOutcome &g : gates) {
            if (!g.result.passed())
                return false;
        }
        return true;
    }
    // Gates refuse only advances; a rollback is the emergency path.
    bool blockedByGates() const { return !isRollback() && mode == Mode::Normal && !gatesPassed(); }
    // A failing gate that no override lifts (a pause, a minimum dwell time), or nullptr.
    const GateOutcome *hardBlock() const
    {
        if (!blockedByGates())
            return nullptr;
        for (const GateOutcome &g : gates) {
            if (!g.result.passed() && !g.overridable)
                return &g;
        }
        return nullptr;
    }
    // For the audit log: in English, whatever language the window that planned it shows.
    QString gateEvidence() const
    {
        QStringList lines;
        for (const GateOutcome &g : gates)
            lines.append(QLatin1Char('[') + gateVerdictName(g.result.verdict) + QLatin1String("] ")
                         + g.name.english() + QLatin1String(": ") + g.result.evidence.english());
        return lines.join(QLatin1Char('\n'));
    }
    QString summary() const
    {
        QString what = mode == Mode::Resume                ? QStringLiteral("resume ")
                       : mode == Mode::RollbackInterrupted ? QStringLiteral("roll back interrupted ")
                                                           : QString();
        return what + migration.id() + QLatin1String(": ") + transition.from + QLatin1String(" -> ")
               + transition.to + QLatin1String(" (") + transition.label + QLatin1Char(')');
    }
};

} // namespace Cockpit
