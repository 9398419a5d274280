// SPDX-License-Identifier: MIT
#include "control/transition_service.h"

#include "common/logging.h"
#include "config/write_policy.h"
#include "control/actuator.h"
#include "control/audit_log.h"
#include "control/interrupted_transition_gate.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMap>
#include <QMutex>
#include <QProcessEnvironment>
#include <QThread>
#include <QUuid>

#include <cstdlib>

namespace Cockpit {

namespace {

// How long a forced takeover waits before applying its own flags. A running holder heartbeats after a wait
// of up to one interval and at most once per interval, so within two intervals it has found its lease gone
// and killed its hook; one more covers a slow database round trip.
constexpr unsigned long kTakeoverGraceMs = (2 * TransitionIntent::kHeartbeatSeconds + 1) * 1000;

TransitionPlan failedPlan(ErrorKind kind, const QString &message)
{
    TransitionPlan plan;
    plan.status = fail(message, kind);
    return plan;
}

QString describeIntent(const TransitionIntent &i)
{
    return i.fromPhase + QLatin1String(" -> ") + i.toPhase + QLatin1String(", started by ") + i.operatorLabel
           + QLatin1String(" on ") + i.host + QLatin1String(" at ")
           + i.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1String(" UTC")
           + (i.ownerIsGone() ? QStringLiteral(", process gone") : QString());
}

} // namespace

TransitionService::TransitionService(EnvironmentConfig config, OperatorIdentity identity, bool readOnly,
                                     ControlStore &store, const GateRegistry &gates)
    : m_config(std::move(config))
    , m_identity(std::move(identity))
    , m_readOnly(readOnly)
    , m_store(store)
    , m_gates(gates)
    , m_definitions(MigrationDefinition::allFor(m_config))
{}

Result<void> TransitionService::open()
{
    Result<void> result = m_store.open();
    if (!result)
        return result;
    // A read-only session writes nothing (its database role may not be allowed to); migrations without a row
    // are shown in their initial phase at version 0 instead.
    if (m_readOnly)
        return result;
    QList<std::pair<QString, QString>> rows;
    for (const MigrationDefinition &d : m_definitions)
        rows.append({d.id(), d.initialPhase()});
    return m_store.ensureMigrations(rows, m_identity.label(), m_identity.host);
}

Result<QList<MigrationStatus>> TransitionService::status()
{
    QList<MigrationStatus> list;
    const Result<QList<MigrationState>> states = m_store.states();
    if (!states)
        return fail(states.error());
    for (const MigrationDefinition &d : m_definitions) {
        MigrationStatus s;
        s.definition = d;
        s.state.migration = d.id();
        s.state.phase = d.initialPhase();
        for (const MigrationState &st : *states) {
            if (st.migration == d.id())
                s.state = st;
        }
        if (!s.state.pendingIntent.isEmpty()) {
            Result<std::optional<TransitionIntent>> interrupted = m_store.intent(s.state.pendingIntent);
            if (!interrupted)
                return fail(interrupted.error());
            s.interrupted = *interrupted;
        }
        list.append(s);
    }
    return list;
}

TransitionPlan TransitionService::plan(const Request &request)
{
    std::optional<MigrationDefinition> definition;
    QStringList known;
    for (const MigrationDefinition &d : m_definitions) {
        known.append(d.id());
        if (d.id() == request.migration)
            definition = d;
    }
    if (!definition) {
        return failedPlan(ErrorKind::Invalid, QLatin1String("unknown migration \"") + request.migration
                                                  + QLatin1String("\"; this environment has: ")
                                                  + known.join(QLatin1String(", ")));
    }
    if (!request.fromPhase.isEmpty() && definition->phaseIndex(request.fromPhase) < 0) {
        return failedPlan(ErrorKind::Invalid, QLatin1String("--from: ") + request.migration
                                                  + QLatin1String(" has no phase \"") + request.fromPhase
                                                  + QLatin1String("\"; phases: ")
                                                  + definition->phaseIds().join(QLatin1String(", ")));
    }
    Result<std::optional<MigrationState>> read = m_store.state(request.migration);
    if (!read)
        return failedPlan(read.error().kind, read.error().message);
    std::optional<MigrationState> state = *read;
    if (!state && m_readOnly)
        state = MigrationState{request.migration, definition->initialPhase(), 0, {}, {}, {}, {}};
    if (!state)
        return failedPlan(ErrorKind::Failed,
                          QLatin1String("the control database has no row for ") + request.migration);

    TransitionPlan plan;
    plan.environment = m_config.name;
    plan.prod = m_config.kind == EnvironmentKind::Prod;
    plan.migration = *definition;
    plan.expectedVersion = state->version;

    if (!state->pendingIntent.isEmpty()) {
        const std::optional<TransitionIntent> intent =
            valueOf(m_store.intent(state->pendingIntent)).value_or(std::nullopt);
        if (!intent)
            return failedPlan(ErrorKind::Failed,
                              QLatin1String("cannot read the pending transition of ") + request.migration);
        // Asked to act on the phase it showed: someone else's transition is under way (or was interrupted).
        if (request.direction == Direction::Advance && !request.fromPhase.isEmpty())
            return failedPlan(ErrorKind::Conflict, ControlStore::conflictMessage(*state, intent));
        if (request.direction == Direction::Advance) {
            return failedPlan(ErrorKind::Refused, request.migration
                                                      + QLatin1String(" has an interrupted transition (")
                                                      + describeIntent(*intent)
                                                      + QLatin1String("); resume it or roll it back first"));
        }
        if (!request.fromPhase.isEmpty() && request.fromPhase != intent->fromPhase)
            return failedPlan(ErrorKind::Conflict, ControlStore::conflictMessage(*state, intent));
        plan.intentId = intent->id;
        plan.intentOwner = intent->owner;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (intent->isRunning(now)) {
            plan.runningElsewhere = describeIntent(*intent) + QLatin1String(", process ")
                                    + QString::number(intent->pid) + QLatin1String(", heartbeat ")
                                    + QString::number(intent->heartbeatAt.secsTo(now))
                                    + QLatin1String(" s ago");
        }
        if (request.direction == Direction::Resume) {
            plan.mode = TransitionPlan::Mode::Resume;
            plan.transition =
                definition->transition(intent->fromPhase, intent->toPhase)
                    .value_or(MigrationTransition{intent->fromPhase, intent->toPhase,
                                                  MigrationTransition::Kind::Advance, QString(), false});
            plan.actions = Actuator::plan(m_config, *definition, intent->toPhase);
        } else {
            plan.mode = TransitionPlan::Mode::RollbackInterrupted;
            plan.transition = {intent->toPhase, intent->fromPhase, MigrationTransition::Kind::Rollback,
                               (plan.runningElsewhere.isEmpty()
                                    ? QLatin1String("Undo interrupted transition to ")
                                    : QLatin1String("Undo still running transition to "))
                                   + intent->toPhase,
                               false};
            plan.actions = Actuator::plan(m_config, *definition, intent->fromPhase);
        }
        if (!plan.actions.isValid())
            plan.status = fail(plan.actions.error, ErrorKind::Invalid);
        return plan;
    }

    if (request.direction == Direction::Resume)
        return failedPlan(ErrorKind::Refused,
                          request.migration + QLatin1String(" has no interrupted transition to resume"));
    if (!request.fromPhase.isEmpty() && request.fromPhase != state->phase)
        return failedPlan(ErrorKind::Conflict, ControlStore::conflictMessage(*state, std::nullopt));

    const auto kind = request.direction == Direction::Advance ? MigrationTransition::Kind::Advance
                                                              : MigrationTransition::Kind::Rollback;
    std::optional<MigrationTransition> transition;
    if (!request.toPhase.isEmpty()) {
        transition = definition->transition(state->phase, request.toPhase);
        if (!transition || transition->kind != kind) {
            QStringList offered;
            for (const MigrationTransition &t : definition->transitionsFrom(state->phase)) {
                if (t.kind == kind)
                    offered.append(t.to);
            }
            return failedPlan(
                ErrorKind::Invalid,
                QLatin1String("--to: ") + request.migration + QLatin1String(" cannot ")
                    + transitionKindName(kind) + QLatin1String(" from ") + state->phase
                    + QLatin1String(" to ") + request.toPhase + QLatin1String("; possible: ")
                    + (offered.isEmpty() ? QStringLiteral("none") : offered.join(QLatin1String(", "))));
        }
    } else {
        transition = definition->next(state->phase, kind);
        if (!transition) {
            return failedPlan(ErrorKind::Refused, request.migration + QLatin1String(" is at ") + state->phase
                                                      + QLatin1String(": there is no ")
                                                      + transitionKindName(kind)
                                                      + QLatin1String(" from here"));
        }
    }
    plan.transition = *transition;

    QList<std::shared_ptr<Gate>> gates;
    if (kind == MigrationTransition::Kind::Advance)
        gates.append(std::make_shared<InterruptedTransitionGate>(m_config, request.migration));
    gates += m_gates.gates(request.migration, transition->to);
    for (const std::shared_ptr<Gate> &gate : gates)
        plan.gates.append({gate->name(), gate->evaluate(), gate->overridable()});

    plan.actions = Actuator::plan(m_config, *definition, transition->to);
    if (!plan.actions.isValid())
        plan.status = fail(plan.actions.error, ErrorKind::Invalid);
    return plan;
}

AuditEntry TransitionService::baseEntry(const TransitionPlan &plan, const Options &options) const
{
    AuditEntry e;
    e.osUser = m_identity.osUser;
    e.displayName = m_identity.displayName;
    e.host = m_identity.host;
    e.environment = m_config.name;
    e.migration = plan.migration.id();
    e.reason = options.reason;
    e.gateEvidence = plan.gateEvidence();
    return e;
}

Result<void> TransitionService::audit(AuditEntry entry)
{
    entry.osUser = m_identity.osUser;
    entry.displayName = m_identity.displayName;
    entry.host = m_identity.host;
    entry.environment = m_config.name;
    return m_store.audit().append(entry);
}

Result<void> TransitionService::refuse(const TransitionPlan &plan, const Options &options, ErrorKind kind,
                                       const QString &message)
{
    AuditEntry e = baseEntry(plan, options);
    e.action = QStringLiteral("refused");
    e.result = QLatin1String("refused: ") + plan.summary() + QLatin1String(": ") + message;
    const Result<void> logged = m_store.audit().append(e);
    if (!logged)
        qCWarning(lcAudit) << "cannot record refusal:" << errorMessage(logged);
    return fail(message, kind);
}

TransitionService::Outcome TransitionService::execute(const TransitionPlan &plan, const Options &options)
{
    Outcome outcome;
    outcome.phase = plan.transition.from;
    outcome.version = plan.expectedVersion;
    if (!plan.isValid()) {
        outcome.result = plan.status;
        return outcome;
    }
    const QString reason = options.reason.trimmed();
    if (options.dryRun) {
        QStringList lines = {QLatin1String("dry run: ") + plan.summary()};
        for (const GateOutcome &g : plan.gates)
            lines.append(QLatin1String("  gate [") + gateVerdictName(g.result.verdict) + QLatin1String("] ")
                         + g.name.english() + QLatin1String(": ") + g.result.evidence.english());
        for (const QString &a : plan.actions.describe())
            lines.append(QLatin1String("  would ") + a);
        for (const ActuatorStep &s : plan.actions.steps) {
            if (s.kind == ActuatorStep::Kind::WriteEnvFile)
                lines.append(QLatin1String("  new content of ") + s.path + QLatin1String(":\n    ")
                             + s.preview.trimmed().replace(QLatin1String("\n"), QLatin1String("\n    ")));
        }
        outcome.output = lines.join(QLatin1Char('\n'));
        // A read-only session writes nothing, not even the audit entry of its dry run.
        if (!m_readOnly) {
            AuditEntry e = baseEntry(plan, options);
            e.action = QStringLiteral("dry_run");
            e.actuatorOutput = plan.actions.describe().join(QLatin1Char('\n'));
            e.result = QLatin1String("planned: ") + plan.summary();
            outcome.result = m_store.audit().append(e);
        }
        return outcome;
    }
    if (m_readOnly) {
        outcome.result = fail(
            QStringLiteral("read-only session: actions are disabled (--read-only or environment.readOnly)"),
            ErrorKind::Refused);
        return outcome;
    }
    if (plan.prod && options.confirmedName != m_config.name) {
        outcome.result = refuse(plan, options, ErrorKind::Refused, WritePolicy::typedNameRefusal(m_config));
        return outcome;
    }
    if (plan.isRollback() && reason.isEmpty()) {
        outcome.result = fail(QStringLiteral("a rollback needs a reason"), ErrorKind::Refused);
        return outcome;
    }
    if (!plan.runningElsewhere.isEmpty()) {
        if (!options.force) {
            outcome.result =
                refuse(plan, options, ErrorKind::Refused,
                       plan.migration.id() + QLatin1String(" is still being moved (") + plan.runningElsewhere
                           + QLatin1String("); wait for it, or take it over with --force and a reason"));
            return outcome;
        }
        if (reason.isEmpty()) {
            outcome.result =
                fail(QStringLiteral("taking over a running transition needs a reason"), ErrorKind::Refused);
            return outcome;
        }
    }
    QStringList overridden; // recorded once this execution holds the transition, not by a losing racer
    if (plan.blockedByGates()) {
        QStringList failing;
        for (const GateOutcome &g : plan.gates) {
            if (!g.result.passed())
                failing.append(g.name.english() + QLatin1String(" (") + gateVerdictName(g.result.verdict)
                               + QLatin1String(": ") + g.result.evidence.english() + QLatin1Char(')'));
        }
        if (const GateOutcome *hard = plan.hardBlock()) {
            outcome.result = refuse(plan, options, ErrorKind::Refused,
                                    QLatin1String("gate not passed, and an override does not lift it: ")
                                        + hard->name.english() + QLatin1String(" (")
                                        + hard->result.evidence.english() + QLatin1Char(')'));
            return outcome;
        }
        if (!options.override) {
            outcome.result = refuse(plan, options, ErrorKind::Refused,
                                    QLatin1String("gate not passed: ") + failing.join(QLatin1String("; "))
                                        + QLatin1String(". Override with a reason to proceed anyway"));
            return outcome;
        }
        if (reason.isEmpty()) {
            outcome.result = fail(QStringLiteral("an override needs a reason"), ErrorKind::Refused);
            return outcome;
        }
        overridden = failing;
    }

    QString intentId = plan.intentId;
    // This execution's lease token: only it may complete the intent it begins or takes over.
    const QString owner = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (plan.mode == TransitionPlan::Mode::Normal) {
        TransitionIntent intent;
        intent.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        intent.migration = plan.migration.id();
        intent.fromPhase = plan.transition.from;
        intent.toPhase = plan.transition.to;
        intent.kind = transitionKindName(plan.transition.kind);
        intent.fromVersion = plan.expectedVersion;
        intent.operatorLabel = m_identity.label();
        intent.host = m_identity.host;
        intent.pid = QCoreApplication::applicationPid();
        intent.startedAt = QDateTime::currentDateTimeUtc();
        intent.reason = reason;
        intent.owner = owner;
        outcome.result = m_store.beginTransition(intent);
        if (!outcome.result) {
            if (failedWith(outcome.result, ErrorKind::Conflict))
                outcome.result = refuse(plan, options, ErrorKind::Conflict, outcome.result.error().message);
            return outcome;
        }
        intentId = intent.id;
        if (QProcessEnvironment::systemEnvironment().value(QLatin1String(kCrashAfterIntentVariable))
            == QLatin1String("1")) {
            qCCritical(lcControl) << "test hook: aborting after the intent of" << plan.summary();
            std::abort();
        }
    } else {
        // Resume or roll back an interrupted (or, forced, a running) transition: take its lease first, as
        // a compare-and-set against the holder seen when planning, so two resumers cannot both proceed.
        TransitionIntent taker;
        taker.owner = owner;
        taker.operatorLabel = m_identity.label();
        taker.host = m_identity.host;
        taker.pid = QCoreApplication::applicationPid();
        outcome.result = m_store.takeOver(intentId, plan.intentOwner, taker);
        if (!outcome.result) {
            outcome.result =
                refuse(plan, options, outcome.result.error().kind, outcome.result.error().message);
            return outcome;
        }
        if (!plan.runningElsewhere.isEmpty()) {
            AuditEntry e = baseEntry(plan, options);
            e.action = QStringLiteral("takeover");
            e.result = QLatin1String("ok: took over the running transition (") + plan.runningElsewhere
                       + QLatin1String(") to ") + plan.summary();
            outcome.result = m_store.audit().append(e);
            if (!outcome.result)
                return outcome;
            // The old holder's hook may still be applying its flags: the holder kills it only when its next
            // heartbeat finds the lease gone. Ours are applied after that moment, so that the flags the
            // system ends with are this transition's, never a mix.
            qCInfo(lcControl) << "took over a running transition; waiting" << kTakeoverGraceMs
                              << "ms for the previous holder's hook to stop";
            QThread::msleep(kTakeoverGraceMs);
        }
    }
    if (!overridden.isEmpty()) {
        AuditEntry e = baseEntry(plan, options);
        e.action = QStringLiteral("override");
        e.result = QLatin1String("gates overridden for ") + plan.summary() + QLatin1String(": ")
                   + overridden.join(QLatin1String("; "));
        outcome.result = m_store.audit().append(e);
        if (!outcome.result)
            return outcome;
    }

    // The lease is renewed while the actuator runs; losing it (a forced takeover) stops the hook.
    QElapsedTimer sinceBeat;
    sinceBeat.start();
    Result<void> lease;
    const Actuator::Outcome ran = Actuator::run(plan.actions, [&] {
        if (sinceBeat.elapsed() < TransitionIntent::kHeartbeatSeconds * 1000)
            return true;
        sinceBeat.restart();
        lease = m_store.heartbeat(intentId, owner);
        return !failedWith(lease, ErrorKind::Fenced) && !failedWith(lease, ErrorKind::Conflict);
    });
    outcome.output = ran.output;
    AuditEntry e = baseEntry(plan, options);
    e.action = plan.mode == TransitionPlan::Mode::Resume ? QStringLiteral("resume")
               : plan.mode == TransitionPlan::Mode::RollbackInterrupted
                   ? QStringLiteral("rollback_interrupted")
                   : transitionKindName(plan.transition.kind);
    e.actuatorOutput = ran.output;
    if (!ran.ok && (failedWith(lease, ErrorKind::Fenced) || failedWith(lease, ErrorKind::Conflict))) {
        outcome.result = fencedOut(plan, lease, e, false);
        return outcome;
    }
    if (!ran.ok) {
        e.result = QLatin1String("failed: ") + plan.summary() + QLatin1String("; phase unchanged");
        if (plan.mode == TransitionPlan::Mode::Normal) {
            const Result<void> closed =
                m_store.finishTransition(intentId, owner, ControlStore::Outcome::Failed, ran.output, e);
            if (!closed)
                qCWarning(lcControl) << "cannot close failed intent:" << errorMessage(closed);
        } else {
            // The interrupted transition stays pending: the system is still between two phases.
            e.result = QLatin1String("failed: ") + plan.summary() + QLatin1String("; still interrupted");
            if (const Result<void> logged = m_store.audit().append(e); !logged)
                qCWarning(lcAudit) << "cannot record the failed resume:" << logged.error().message;
        }
        outcome.result = fail(
            QLatin1String("actuator failed, ") + plan.migration.id() + QLatin1String(" stays at ")
                + (plan.mode == TransitionPlan::Mode::Normal ? plan.transition.from
                                                             : QStringLiteral("an interrupted transition"))
                + QLatin1String(":\n") + ran.output,
            ErrorKind::Refused);
        return outcome;
    }
    const auto finish = plan.mode == TransitionPlan::Mode::RollbackInterrupted
                            ? ControlStore::Outcome::RolledBack
                            : ControlStore::Outcome::Completed;
    const QString landed = plan.transition.to;
    e.result = QLatin1String("ok: ") + plan.summary() + QLatin1String("; now ") + landed;
    outcome.result = m_store.finishTransition(intentId, owner, finish, ran.output, e);
    if (failedWith(outcome.result, ErrorKind::Fenced) || failedWith(outcome.result, ErrorKind::Conflict)) {
        outcome.result = fencedOut(plan, outcome.result, e, true);
        return outcome;
    }
    if (outcome.result.has_value()) {
        const std::optional<MigrationState> now =
            valueOf(m_store.state(plan.migration.id())).value_or(std::nullopt);
        outcome.phase = now ? now->phase : landed;
        outcome.version = now ? now->version : plan.expectedVersion + 1;
        qCDebug(lcControl) << "transition done:" << plan.summary() << "version" << outcome.version;
    }
    return outcome;
}

Result<void> TransitionService::fencedOut(const TransitionPlan &plan, const Result<void> &why,
                                          AuditEntry entry, bool hookFinished)
{
    const QString target = plan.transition.to;
    const QString message =
        plan.summary() + QLatin1String(": ")
        + (hookFinished ? QString(QLatin1String("the hook applied the flags of ") + target)
                        : QString(QLatin1String("the hook was stopped while applying the flags of ") + target
                                  + QLatin1String(" (some may be applied)")))
        + QLatin1String(", but the control store says otherwise: ") + errorMessage(why)
        + QLatin1String(". Check the system's flags, then run cockpitctl status --config ")
        + m_config.filePath + QLatin1String(" and resume or roll back ") + plan.migration.id()
        + QLatin1String(" so that the system and the control store agree");
    entry.action = QStringLiteral("fenced");
    entry.result = message;
    const Result<void> logged = m_store.audit().append(entry);
    if (!logged)
        qCWarning(lcAudit) << "cannot record the fenced transition:" << errorMessage(logged);
    return fail(message, ErrorKind::Fenced);
}

} // namespace Cockpit
