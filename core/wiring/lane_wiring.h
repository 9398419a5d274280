// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

namespace Cockpit {

class GateRegistry;

// Connects the lanes to the migration-control framework for one environment, the same way in the GUI and in
// cockpitctl:
//  - the lanes' gates are registered for the transitions they guard (ledger: clean shadow and strict
//    windows and read performance; deployment state: reachable stores, no contradicting records, every record
//    in JSON before JSON-only; rollout: not paused, dwell time reached, no confirmed breach, and the
//    completion targets met before V1 is removed).
// A module's rollout step is its migration phase in the control store, so a transition needs no hook to
// move it. openEnvironment() calls this for every environment it opens, into that environment's registry;
// it replaces what the registry held.
class LaneWiring
{
public:
    static void install(const EnvironmentConfig &config, GateRegistry &registry);

    // The rollout lane's step index for a control phase id of a rollout migration: -1 for "v1", the index of
    // the step for "v2_<percent>", steps.size() for "v1_removed"; nullopt for anything else.
    static std::optional<int> rolloutStepIndex(const RolloutConfig &rollout, const QString &phase);

    // The ledger phases a ledger gate (LedgerGate::id: shadow_clean, performance, strict_clean) guards the
    // way into, in phase order: what the Ledger page shows beside each gate's verdict.
    static QStringList ledgerGatePhases(const QString &gateId);
};

} // namespace Cockpit
