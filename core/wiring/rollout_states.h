// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "rollout/rollout_plan.h"

#include <QList>
#include <QString>

#include <optional>

namespace Cockpit {

class ControlStore;

// Where every rollout module of an environment stands, read from its control store, the one record every
// cockpit, CLI and guard shares: the step is the module's migration phase (rollout:MODULE), the dwell time
// counts from the transition that set it, a pause is a row of the store. Nothing of it lives in a file.
// Blocking (a database): the CLI's thread or a worker.
class RolloutStates
{
public:
    // Every configured module in config order, from an open store.
    static Result<QList<ModuleRolloutState>> read(ControlStore &store, const RolloutConfig &rollout);
    // The same through a store of its own.
    static Result<QList<ModuleRolloutState>> load(const EnvironmentConfig &config);
    static Result<ModuleRolloutState> load(const EnvironmentConfig &config, const QString &module);
    // Pause (with a reason) or resume a module: a compare-and-set in the control store (Conflict when it
    // already is so, naming who paused it), written to the audit log.
    static Result<void> pause(const EnvironmentConfig &config, const QString &module, const QString &who,
                              const QString &reason);
    static Result<void> resume(const EnvironmentConfig &config, const QString &module, const QString &who);
};

} // namespace Cockpit
