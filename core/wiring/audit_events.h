// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "reconcile/reconcile_types.h"

namespace Cockpit {

// Appends an event that is not a transition (a reconciliation run, a sync, an environment opened) to the
// environment's audit log, with the operator (OS user, display name from COCKPIT_OPERATOR_NAME or the GUI's
// settings), host and environment filled in. Blocks on the control database: call it from a worker thread in
// the GUI. A failure says why the entry could not be written; the caller tells its user (an event that cannot
// be audited does not undo the work it describes). `reason` is the operator's, for a write approved through
// WritePolicy.
class AuditEvents
{
public:
    static Result<void> record(const EnvironmentConfig &config, const QString &action,
                               const QString &migration, const QString &result,
                               const QString &detail = QString(), const QString &displayName = QString(),
                               const QString &reason = QString());

    // What a reconciliation run's entry says, the same whether the GUI or cockpitctl ran it: the outcome and
    // counts as the result, the discrepancies by account type and any error as the detail.
    struct Text
    {
        QString result;
        QString detail;
    };
    static Text reconciliationRun(const RunSummary &summary);
};

} // namespace Cockpit
