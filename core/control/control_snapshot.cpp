// SPDX-License-Identifier: MIT
#include "control/control_snapshot.h"

#include "control/audit_log.h"
#include "control/transition_service.h"

namespace Cockpit {

ControlSnapshot ControlSnapshot::load(const EnvironmentConfig &config, const OperatorIdentity &identity,
                                      bool readOnly, const GateRegistry &gates, bool evaluateGates,
                                      int auditPerMigration)
{
    ControlSnapshot snapshot;
    std::unique_ptr<ControlStore> store = ControlStore::create(config);
    TransitionService service(config, identity, readOnly, *store, gates);
    snapshot.result = service.open();
    if (!snapshot.result)
        return snapshot;
    Result<QList<MigrationStatus>> status = service.status();
    if (!status) {
        snapshot.result = fail(status.error());
        return snapshot;
    }
    snapshot.migrations = std::move(*status);
    for (const MigrationStatus &s : snapshot.migrations) {
        const QString id = s.definition.id();
        if (evaluateGates && !s.interrupted && s.nextAdvance()) {
            const TransitionPlan plan =
                service.plan({id, TransitionService::Direction::Advance, {}, s.state.phase});
            snapshot.nextGates.insert(id, plan.gates);
        }
        if (auditPerMigration > 0) {
            AuditLog::Filter filter;
            filter.migration = id;
            filter.limit = auditPerMigration;
            // A migration whose entries cannot be read shows none; the phases above are what matters.
            snapshot.recentAudit.insert(
                id, valueOf(store->audit().entries(filter)).value_or(QList<AuditEntry>()));
        }
    }
    return snapshot;
}

} // namespace Cockpit
