// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"

#include <QString>

namespace Cockpit {

// What an operator gave to approve a write that changes a system the environment names (a transition, a
// sync of deployment files, an import, the rollout safety net): why, and in prod the environment's name
// typed as a proof of attention.
struct WriteApproval
{
    QString reason;
    QString confirmedName;
};

// The one safety model for every write, applied alike by the GUI's dialogs, cockpitctl and the guard: a
// read-only session (from the command line or the environment file) writes nothing, an audited write names
// its reason, and prod needs its name typed. The messages are translated; they end up in dialogs and on
// stderr as they are.
class WritePolicy
{
public:
    enum class Reason
    {
        Required, // a write that rewrites data or turns a safety net off always says why
        Optional, // a forward transition whose gates passed may go without one
    };

    // Success when the write may go ahead. Otherwise why not: Refused (read-only, or a prod name not typed)
    // or Invalid (no reason given).
    static Result<void> check(const EnvironmentConfig &config, bool readOnly, const WriteApproval &approval,
                              Reason reason);

    static bool needsTypedName(const EnvironmentConfig &config)
    {
        return config.kind == EnvironmentKind::Prod;
    }
    static QString readOnlyRefusal(const EnvironmentConfig &config);
    static QString missingReason();
    static QString typedNameRefusal(const EnvironmentConfig &config);
};

} // namespace Cockpit
