// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

#include <QHash>
#include <QString>

namespace Cockpit {

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

// The rollout plan's arithmetic, pure functions of a module's state (which the control store keeps: the
// module's migration phase, its transition time and its pause; RolloutStates reads it): the step's name and
// V2 weight, the dwell time left, what the actuator writes. Whether a promotion may happen is decided in
// one place only, the rollout gates (core/wiring/lane_wiring.cpp), which use these; the migration-control
// framework moves the phase. Stateless; any thread.
class RolloutPlan
{
public:
    // "v1", "10 %", …, "100 %", "v1_removed".
    static QString phaseName(const RolloutConfig &rollout, const ModuleRolloutState &state);
    static int weightPercent(const RolloutConfig &rollout, const ModuleRolloutState &state);
    // Seconds until the current step's minimum dwell time is reached (0 when reached or not on a step).
    static qint64 dwellRemainingSeconds(const RolloutConfig &rollout, const ModuleRolloutState &state,
                                        qint64 nowMs);
    // What the service's router reads: "TRANSACTION_POOL_VERSION=v2\nTRANSACTION_POOL_V2_WEIGHT=25\n".
    static QByteArray actuatorEnv(const RolloutModuleConfig &module, int weightPercent);
    static QString weightVariable(const RolloutModuleConfig &module);
};

} // namespace Cockpit
