// SPDX-License-Identifier: MIT
#pragma once

#include "control/migration_definition.h"
#include "control/migration_state.h"
#include "control/transition_intent.h"

#include <optional>

namespace Cockpit {

// One migration as the status command and the Overview page show it: definition, stored state, and the
// interrupted transition if one is pending.
struct MigrationStatus
{
    MigrationDefinition definition;
    MigrationState state;
    std::optional<TransitionIntent> interrupted;

    std::optional<MigrationPhase> phase() const { return definition.phase(state.phase); }
    std::optional<MigrationTransition> nextAdvance() const
    {
        return definition.next(state.phase, MigrationTransition::Kind::Advance);
    }
    std::optional<MigrationTransition> nextRollback() const
    {
        return definition.next(state.phase, MigrationTransition::Kind::Rollback);
    }
};

} // namespace Cockpit
