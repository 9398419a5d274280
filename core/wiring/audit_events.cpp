// SPDX-License-Identifier: MIT
#include "wiring/audit_events.h"

#include "common/logging.h"
#include "config/operator_identity.h"
#include "control/audit_log.h"

namespace Cockpit {

Result<void> AuditEvents::record(const EnvironmentConfig &config, const QString &action,
                                 const QString &migration, const QString &result, const QString &detail,
                                 const QString &displayName, const QString &reason)
{
    const OperatorIdentity identity = OperatorIdentity::current(
        displayName.isEmpty() ? qEnvironmentVariable("COCKPIT_OPERATOR_NAME") : displayName);
    AuditEntry entry;
    entry.osUser = identity.osUser;
    entry.displayName = identity.displayName;
    entry.host = identity.host;
    entry.environment = config.name;
    entry.migration = migration;
    entry.action = action;
    entry.result = result;
    entry.gateEvidence = detail;
    entry.reason = reason.trimmed();
    return AuditLog::record(config, entry);
}

AuditEvents::Text AuditEvents::reconciliationRun(const RunSummary &summary)
{
    QStringList byType;
    for (auto it = summary.byAccountType.cbegin(); it != summary.byAccountType.cend(); ++it)
        byType.append(it.key() + QLatin1Char('=') + QString::number(it.value()));
    return {QStringLiteral("%1: run %2, %3 accounts, %4 discrepancies, %5 invariant violations")
                .arg(runStatusName(summary.status))
                .arg(summary.runId)
                .arg(summary.accounts)
                .arg(summary.discrepancies)
                .arg(summary.invariantViolationCount),
            byType.join(QStringLiteral(", "))
                + (summary.error.isEmpty() ? QString() : QLatin1String("; ") + summary.error)};
}

} // namespace Cockpit
