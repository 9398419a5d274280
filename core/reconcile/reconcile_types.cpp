// SPDX-License-Identifier: MIT
#include "reconcile/reconcile_types.h"

namespace Cockpit {

QString runKindName(RunKind kind)
{
    return kind == RunKind::Full ? QStringLiteral("full") : QStringLiteral("incremental");
}

QString runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Running:
        return QStringLiteral("running");
    case RunStatus::Complete:
        return QStringLiteral("complete");
    case RunStatus::Cancelled:
        return QStringLiteral("cancelled");
    case RunStatus::Failed:
        return QStringLiteral("failed");
    case RunStatus::Interrupted:
        return QStringLiteral("interrupted");
    }
    return QStringLiteral("failed");
}

std::optional<RunStatus> runStatusFromName(const QString &name)
{
    for (RunStatus s : {RunStatus::Running, RunStatus::Complete, RunStatus::Cancelled, RunStatus::Failed,
                        RunStatus::Interrupted}) {
        if (runStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

} // namespace Cockpit
