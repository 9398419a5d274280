// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "control/gate.h"

namespace Cockpit {

// Control's own gate: no transition of any other migration in this environment is left half-done. A crash
// between intent and completion must be resumed or rolled back before anything else moves. Thread-safe: each
// evaluate() opens its own connection to the control database.
class InterruptedTransitionGate : public Gate
{
public:
    // excludeMigration: the migration being planned; its own pending transition is handled by the
    // compare-and-set (a racing cockpit gets "state changed since you looked"), not by this gate.
    InterruptedTransitionGate(EnvironmentConfig config, QString excludeMigration);
    Text name() const override;
    GateResult evaluate() override;

private:
    EnvironmentConfig m_config;
    QString m_exclude;
};

} // namespace Cockpit
