// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "control/actuator_plan.h"
#include "control/migration_definition.h"

#include <functional>

namespace Cockpit {

// How a transition reaches the system being migrated, per the lane's actuator config:
//  - control_store: nothing beyond the control database row, which services read;
//  - env_file: the lane's KEY=value lines written atomically (temp + fsync + rename), other lines kept;
//  - command: an argv with {placeholders} run without a shell, with a timeout, output captured.
// Placeholders: {migration} {phase} {environment} plus the phase's own ({shadow} {strict}
// {balance_source}; {backend} {dual_write} {read_fallback}; {module} {version_var} {version} {weight_var}
// {weight}).
//
// Threading: stateless; run() blocks (up to the command's timeout) and must run off the GUI thread.
class Actuator
{
public:
    struct Outcome
    {
        bool ok = false;
        QString output; // what was written and the command's combined stdout/stderr, for the audit log
    };

    static ActuatorPlan plan(const EnvironmentConfig &config, const MigrationDefinition &migration,
                             const QString &targetPhase);
    // Called about once a second while a command runs; returning false stops it (its process group is
    // killed): the transition it serves was taken over.
    using Tick = std::function<bool()>;
    static Outcome run(const ActuatorPlan &plan, const Tick &tick = {});

    // "{a}-{b}" with a=1,b=2 -> "1-2"; an unknown placeholder is reported in `unknown`.
    static QString substitute(const QString &text, const QMap<QString, QString> &values,
                              QStringList *unknown);
    // The content of `existing` with `flags` set: matching KEY= lines replaced, missing keys appended.
    static QByteArray mergeEnvFile(const QByteArray &existing, const QMap<QString, QString> &flags);
};

} // namespace Cockpit
