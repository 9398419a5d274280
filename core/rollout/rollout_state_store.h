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

// Rollout plan rules (pure) and the persisted per-module state (pause/resume and the current step as this
// lane last saw it). The migration-control framework owns promote/rollback with audit and actuators; it
// calls the pure functions here to decide whether a transition is allowed and what the actuator writes.
//
// Threading: not thread-safe; one instance per thread. The file is replaced atomically (AtomicFile) so a
// crash leaves either the previous or the new state, never a torn file.
class RolloutStateStore
{
public:
    explicit RolloutStateStore(QString path);

    // "<dataDir>/rollout-state.json" in the demo, otherwise next to the config file:
    // "<config folder>/<environment name>.rollout-state.json".
    static QString defaultPath(const EnvironmentConfig &env);

    QString path() const { return m_path; }
    // Reads the file; a missing file means every module on V1. Returns an error naming the file, or empty.
    QString load();
    QString save() const;

    ModuleRolloutState state(const QString &module) const;
    void setState(const ModuleRolloutState &state);

    // Pause stops promotions and automatic analysis actions for the module; resume lifts it. Both save.
    // Returns an error message (nothing changed) or empty.
    QString pause(const QString &module, const QString &who, const QString &reason, qint64 nowMs);
    QString resume(const QString &module, const QString &who);

    // --- plan rules ---
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

private:
    QString m_path;
    QHash<QString, ModuleRolloutState> m_states;
};

} // namespace Cockpit
