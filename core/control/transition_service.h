// SPDX-License-Identifier: MIT
#pragma once

#include "config/operator_identity.h"
#include "control/control_store.h"
#include "control/gate_registry.h"
#include "control/migration_status.h"
#include "control/transition_plan.h"

#include <functional>

namespace Cockpit {

// Plans and executes transitions: the one place the operator-safety rules live.
//  - plan(): reads the state, picks the transition, evaluates its gates (lane gates from the registry
//    plus control's own "no interrupted transition pending") and makes the dry-run action plan;
//  - execute(): refuses in a read-only session, refuses prod without the typed environment name,
//    refuses a failing gate unless override and a reason are given (rollbacks are never blocked by
//    gates but need a reason), then intent -> actuators -> completion, each step audited.
// A running transition holds a lease on its intent (renewed every second while its actuator runs); only
// the holder may complete it. Resuming or rolling back a transition whose holder is alive is refused unless
// forced, and a forced takeover fences the old holder: its hook is stopped at its next heartbeat, and its
// completion is refused with a message saying what it did and what to run.
//
// Threading: uses the store it is given, so it lives in that store's thread; plan() and execute()
// block (gates, database, hook commands) and belong in a worker thread in the GUI (see TransitionJob).
class TransitionService
{
public:
    enum class Direction
    {
        Advance,
        Rollback,
        Resume
    };

    struct Request
    {
        QString migration;
        Direction direction = Direction::Advance;
        QString toPhase;   // optional: a specific target (e.g. the emergency rollback's legacy_only)
        QString fromPhase; // optional: act only if the migration is still in this phase
    };

    struct Options
    {
        QString reason;
        bool override = false;
        QString confirmedName; // the environment's name as typed by the operator (required in prod)
        bool dryRun = false;
        // Resume or roll back a transition whose holder is still alive: take its lease away (with a reason).
        bool force = false;
    };

    struct Outcome
    {
        Result<void> result;
        QString phase; // the migration's phase afterwards
        qint64 version = 0;
        QString output; // dry-run plan or actuator output
    };

    TransitionService(EnvironmentConfig config, OperatorIdentity identity, bool readOnly, ControlStore &store,
                      const GateRegistry &gates);

    // Opens the store and creates the rows of migrations seen for the first time (not in a read-only
    // session).
    Result<void> open();
    QList<MigrationDefinition> migrations() const { return m_definitions; }
    Result<QList<MigrationStatus>> status();

    TransitionPlan plan(const Request &request);
    Outcome execute(const TransitionPlan &plan, const Options &options);

    // Appends an audit entry with this service's operator, host and environment filled in.
    Result<void> audit(AuditEntry entry);

    // Test hook: when COCKPIT_TEST_CRASH_AFTER_INTENT=1, execute() aborts the process right after the
    // intent is recorded, to prove that the next start reports the interrupted transition.
    static constexpr const char *kCrashAfterIntentVariable = "COCKPIT_TEST_CRASH_AFTER_INTENT";

private:
    AuditEntry baseEntry(const TransitionPlan &plan, const Options &options) const;
    Result<void> refuse(const TransitionPlan &plan, const Options &options, ErrorKind kind,
                        const QString &message);
    // This execution lost its lease (a forced takeover): says what its hook did and what to run, audited.
    Result<void> fencedOut(const TransitionPlan &plan, const Result<void> &why, AuditEntry entry,
                           bool hookFinished);

    EnvironmentConfig m_config;
    OperatorIdentity m_identity;
    bool m_readOnly = false;
    ControlStore &m_store;
    const GateRegistry &m_gates;
    QList<MigrationDefinition> m_definitions;
};

} // namespace Cockpit
