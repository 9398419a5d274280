// SPDX-License-Identifier: MIT
#pragma once

#include "common/environment_config.h"

#include <QHash>
#include <QString>

namespace Cockpit {

struct ModuleVerdict;

// Where one module stands in its rollout. stepIndex -1 means all traffic on V1; 0..steps-1 index
// config.rollout.steps; steps.size() means V1 removed.
struct ModuleRolloutState
{
    QString module;
    int stepIndex = -1;
    qint64 enteredAtMs = 0; // when the current step began (dwell time counts from here)
    bool paused = false;
    QString pausedBy;
    QString pauseReason;
    qint64 pausedAtMs = 0;
};

// The rollout plan's rules, pure functions of a module's state (which the control store keeps: the module's
// migration phase, its transition time and its pause; RolloutStates reads it). The migration-control
// framework owns promote/rollback with audit and actuators; its gates call these to decide whether a
// transition is allowed and what the actuator writes. Stateless; any thread.
class RolloutStateStore
{
public:
    // "v1", "10 %", …, "100 %", "v1_removed".
    static QString phaseName(const RolloutConfig &rollout, const ModuleRolloutState &state);
    static int weightPercent(const RolloutConfig &rollout, const ModuleRolloutState &state);
    // Seconds until the current step's minimum dwell time is reached (0 when reached or not on a step).
    static qint64 dwellRemainingSeconds(const RolloutConfig &rollout, const ModuleRolloutState &state,
                                        qint64 nowMs);
    // Why the module may not move to its next phase now, or empty when it may. The v1_removed transition also
    // needs the completion gates of `latest` to pass; other steps need `latest` not to be a breach.
    static QString promoteBlocker(const RolloutConfig &rollout, const ModuleRolloutState &state, qint64 nowMs,
                                  const ModuleVerdict *latest);
    static ModuleRolloutState promoted(const RolloutConfig &rollout, ModuleRolloutState state, qint64 nowMs);
    static ModuleRolloutState rolledBack(ModuleRolloutState state, qint64 nowMs);
    // What the seed's router reads: "TRANSACTION_POOL_VERSION=v2\nTRANSACTION_POOL_V2_WEIGHT=25\n".
    static QByteArray actuatorEnv(const RolloutModuleConfig &module, int weightPercent);
    static QString weightVariable(const RolloutModuleConfig &module);
};

} // namespace Cockpit
