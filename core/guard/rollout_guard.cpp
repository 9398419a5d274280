// SPDX-License-Identifier: MIT
#include "guard/rollout_guard.h"

#include "common/logging.h"
#include "config/write_policy.h"
#include "control/audit_log.h"
#include "control/control_store.h"
#include "control/gate_registry.h"
#include "control/transition_service.h"
#include "rollout/rollout_analysis.h"
#include "wiring/lane_wiring.h"
#include "wiring/ledger_health_source.h"
#include "wiring/rollout_states.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QUuid>

#include <algorithm>

namespace Cockpit {

namespace {

QString migrationOf(const QString &module)
{
    return QLatin1String("rollout:") + module;
}

QString utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

RolloutGuard::RolloutGuard(EnvironmentConfig config, OperatorIdentity identity, QString label,
                           int tickSeconds, QString holder)
    : m_config(std::move(config))
    , m_identity(std::move(identity))
    , m_label(std::move(label))
    , m_holder(holder.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : std::move(holder))
    , m_tickSeconds(std::max(1, tickSeconds))
    , m_leaseSeconds(std::max(10, 3 * m_tickSeconds))
    , m_gates(std::make_shared<GateRegistry>())
{
    LaneWiring::install(m_config, *m_gates);
}

RolloutGuard::~RolloutGuard() = default;

Result<void> RolloutGuard::setAutoRollback(const EnvironmentConfig &config, ControlStore &store, bool on,
                                           const OperatorIdentity &who, const QString &reason,
                                           const QString &confirmedName, bool readOnly)
{
    if (Result<void> allowed =
            WritePolicy::check(config, readOnly, {reason, confirmedName}, WritePolicy::Reason::Required);
        !allowed)
        return allowed;
    const QString value = on ? QStringLiteral("on") : QStringLiteral("off");
    AuditEntry entry;
    entry.osUser = who.osUser;
    entry.displayName = who.displayName;
    entry.host = who.host;
    entry.environment = config.name;
    entry.action = QStringLiteral("auto-rollback");
    entry.result = QLatin1String("automatic rollback ") + value;
    entry.reason = reason.trimmed();
    // The safety net never changes without a trace: the setting and its audit entry commit together.
    return store.setSetting(
        {autoRollbackSetting(), value, who.label(), reason.trimmed(), QDateTime::currentDateTimeUtc()},
        &entry);
}

Result<RolloutGuard::AutoRollback> RolloutGuard::autoRollback(const EnvironmentConfig &config,
                                                              ControlStore &store)
{
    const Result<std::optional<ControlSetting>> setting = store.setting(autoRollbackSetting());
    if (!setting)
        return fail(setting.error());
    AutoRollback a;
    a.setting = *setting;
    a.on = a.setting ? a.setting->value == QLatin1String("on") : config.rollout.autoRollback;
    return a;
}

Result<RolloutGuard::Protection> RolloutGuard::protection(const EnvironmentConfig &config,
                                                          ControlStore &store, const QDateTime &now)
{
    const Result<AutoRollback> automatic = autoRollback(config, store);
    if (!automatic)
        return fail(automatic.error());
    const Result<std::optional<GuardLease>> read = store.guardLease();
    if (!read)
        return fail(read.error());
    std::optional<GuardLease> lease = *read;
    if (lease && lease->isExpired(now))
        lease.reset();
    return Protection{*automatic, lease};
}

QString RolloutGuard::Protection::summary(const QDateTime &now) const
{
    QString text =
        QLatin1String("automatic rollback ") + (automatic.on ? QLatin1String("on") : QLatin1String("OFF"));
    if (automatic.setting) {
        text += QLatin1String(" (set by ") + automatic.setting->changedBy + QLatin1String(" at ")
                + automatic.setting->changedAt.toString(Qt::ISODate) + QLatin1String(": ")
                + automatic.setting->reason + QLatin1Char(')');
    } else {
        text += QLatin1String(" (the config's default)");
    }
    if (lease) {
        text += QLatin1String("; guard: ") + lease->label + QLatin1String(" on ") + lease->host
                + QLatin1String(", process ") + QString::number(lease->pid) + QLatin1String(", heartbeat ")
                + QString::number(std::max<qint64>(0, lease->heartbeatAt.secsTo(now)))
                + QLatin1String(" s ago");
    } else {
        text += QLatin1String("; NO GUARD RUNS: a confirmed breach is not rolled back until one does"
                              " (cockpitctl guard, or a cockpit window)");
    }
    return text;
}

bool RolloutGuard::ensureStore(const EventSink &sink, qint64 nowMs)
{
    if (m_store)
        return true;
    auto store = ControlStore::create(m_config);
    if (const Result<void> opened = store->open(); !opened) {
        // Said once until it changes: a store that stays away is not news every tick.
        const QString key = QStringLiteral("control store");
        if (m_lastErrors.value(key) != errorMessage(opened))
            sink({nowMs, Event::Kind::Failed, QString(),
                  QLatin1String("control store: ") + errorMessage(opened)});
        m_lastErrors.insert(key, errorMessage(opened));
        return false;
    }
    m_lastErrors.remove(QStringLiteral("control store"));
    m_store = std::move(store);
    return true;
}

bool RolloutGuard::renewLease(const EventSink &sink, qint64 nowMs)
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    const GuardLease lease{m_holder,
                           m_label + QLatin1String(" (") + m_identity.label() + QLatin1Char(')'),
                           m_identity.host,
                           QCoreApplication::applicationPid(),
                           now,
                           now.addSecs(m_leaseSeconds),
                           m_priority};
    const Result<void> result = m_store->acquireGuardLease(lease);
    if (result.has_value()) {
        if (!m_holding)
            sink({nowMs, Event::Kind::Info, QString(),
                  QStringLiteral("guarding %1: lease taken (renewed every %2 s, expires after %3 s without)")
                      .arg(m_config.name)
                      .arg(m_tickSeconds)
                      .arg(m_leaseSeconds)});
        m_holding = true;
        m_lastStandby.clear();
        return true;
    }
    if (m_holding)
        sink({nowMs, Event::Kind::Info, QString(), QLatin1String("lease lost: ") + errorMessage(result)});
    m_holding = false;
    if (!failedWith(result, ErrorKind::Conflict)) {
        const QString key = QStringLiteral("control store");
        if (m_lastErrors.value(key) != errorMessage(result))
            sink({nowMs, Event::Kind::Failed, QString(),
                  QLatin1String("control store: ") + errorMessage(result)});
        m_lastErrors.insert(key, errorMessage(result));
        m_store.reset(); // reconnect at the next tick
    } else if (errorMessage(result) != m_lastStandby) {
        // Standing by is normal with several guards; said once per holder, not every tick.
        sink({nowMs, Event::Kind::Info, QString(), QLatin1String("standing by: ") + errorMessage(result)});
        m_lastStandby = errorMessage(result);
    }
    return false;
}

std::optional<QList<ModuleRolloutState>> RolloutGuard::readModules(bool *automaticOn, qint64 nowMs,
                                                                   const EventSink &sink)
{
    const Result<AutoRollback> automatic = autoRollback(m_config, *m_store);
    Result<QList<ModuleRolloutState>> states =
        automatic ? RolloutStates::read(*m_store, m_config.rollout) : fail(automatic.error());
    if (!states) {
        sink({nowMs, Event::Kind::Failed, QString(),
              QLatin1String("control store: ") + states.error().message});
        m_store.reset(); // reconnect at the next tick
        m_holding = false;
        return std::nullopt;
    }
    *automaticOn = automatic->on;
    return std::move(*states);
}

void RolloutGuard::tick(qint64 nowMs, const EventSink &sink)
{
    if (!ensureStore(sink, nowMs) || !renewLease(sink, nowMs))
        return;
    bool automaticOn = false;
    const std::optional<QList<ModuleRolloutState>> states = readModules(&automaticOn, nowMs, sink);
    if (!states)
        return;
    // The verdicts' own words (audit, log) say what the environment's setting is, not the config's.
    m_config.rollout.autoRollback = automaticOn;
    for (const ModuleRolloutState &state : *states) {
        // A failed rollback may have dropped the store, a lost lease makes this guard a bystander, and a
        // stopped guard acts no more: the round ends there.
        if (!m_store || !m_holding || m_stopped)
            return;
        guardModule(state, automaticOn, nowMs, sink);
    }
    if (!m_store || !m_holding || m_stopped)
        return;
    pruneEvidence(nowMs, sink);
    if (m_config.ledger.autoRollbackFromStrict && m_store)
        guardLedger(automaticOn, nowMs, sink);
}

void RolloutGuard::guardModule(const ModuleRolloutState &state, bool autoRollbackOn, qint64 nowMs,
                               const EventSink &sink)
{
    const RolloutModuleConfig *module = moduleConfig(state.module);
    // At V1 (or V1 removed: nothing to go back to) and paused modules get no automatic action.
    const int weight = RolloutPlan::weightPercent(m_config.rollout, state);
    if (!module || state.paused || weight <= 0 || state.stepIndex >= m_config.rollout.steps.size())
        return;

    // Only the intervals since the current step began: a breach of the step before is not this step's.
    RolloutAnalysis::Window window = RolloutAnalysis::recentWindow(m_config.rollout, nowMs);
    const qint64 intervalMs = qint64(std::max(1, m_config.rollout.intervalSeconds)) * 1000;
    const qint64 stepStart = (state.enteredAtMs + intervalMs - 1) / intervalMs * intervalMs;
    window.fromMs = std::max(window.fromMs, stepStart);
    if (window.toMs - window.fromMs < qint64(m_config.rollout.consecutiveBreaches) * intervalMs)
        return; // too few whole intervals in this step to confirm anything yet
    QString source;
    const Result<ModuleVerdict> verdict =
        RolloutAnalysis::analyze(m_config, *module, window, &source, m_provider);
    if (!verdict) {
        const QString error = verdict.error().message;
        if (m_lastErrors.value(state.module) != error)
            sink({nowMs, Event::Kind::Failed, state.module,
                  QLatin1String("no verdict, nothing rolled back: ") + error});
        m_lastErrors.insert(state.module, error);
        return;
    }
    m_lastErrors.remove(state.module);
    recordEvidence(state, weight, *verdict, source, nowMs, sink);
    if (!verdict->breachConfirmed())
        return;

    act(state, *verdict, autoRollbackOn, nowMs, sink);
}

const RolloutModuleConfig *RolloutGuard::moduleConfig(const QString &id) const
{
    for (const RolloutModuleConfig &m : m_config.rollout.modules) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

void RolloutGuard::act(const ModuleRolloutState &state, const ModuleVerdict &verdict, bool autoRollbackOn,
                       qint64 nowMs, const EventSink &sink)
{
    const QString summary = verdict.summary();
    actOn({state.module + QLatin1Char('@') + QString::number(state.enteredAtMs), state.module,
           QStringLiteral("V1"), summary},
          autoRollbackOn, nowMs, sink, [this, &state, &summary](QString *message) {
              return rollBack(state, QLatin1String("automatic rollback: ") + summary, message);
          });
}

void RolloutGuard::actOn(const Breach &breach, bool autoRollbackOn, qint64 nowMs, const EventSink &sink,
                         const std::function<bool(QString *)> &rollBackNow)
{
    Attempts &attempts = m_breaches[breach.key];
    if (attempts.done || attempts.nextAtMs > nowMs)
        return;
    if (!autoRollbackOn) {
        // Reported once; turned on again, the guard acts on this breach.
        if (!attempts.reported)
            sink({nowMs, Event::Kind::Breach, breach.subject,
                  QLatin1String("breach confirmed, automatic rollback is off: not rolled back; ")
                      + breach.summary,
                  true});
        attempts.reported = true;
        return;
    }
    // The analysis took a while: act only while still the lease's holder, and only on the step analysed.
    if (m_stopped || !renewLease(sink, nowMs))
        return;
    ++attempts.count;
    sink({nowMs, Event::Kind::Breach, breach.subject,
          QStringLiteral("breach confirmed, rolling back to %1 (attempt %2 of %3): %4")
              .arg(breach.target)
              .arg(attempts.count)
              .arg(MaxAttempts)
              .arg(breach.summary)});
    QString message;
    if (rollBackNow(&message)) {
        attempts.done = true;
        sink({nowMs, Event::Kind::RolledBack, breach.subject,
              QLatin1String("rolled back to ") + breach.target + QLatin1String(": ") + message});
        return;
    }
    if (attempts.count >= MaxAttempts) {
        attempts.done = true;
        sink({nowMs, Event::Kind::Failed, breach.subject,
              QStringLiteral("rollback failed %1 times, given up; roll back by hand: %2")
                  .arg(MaxAttempts)
                  .arg(message),
              true});
        return;
    }
    // Backoff in ticks: 1, 2, 4, 8.
    attempts.nextAtMs = nowMs + (qint64(1) << (attempts.count - 1)) * m_tickSeconds * 1000;
    sink({nowMs, Event::Kind::Failed, breach.subject,
          QLatin1String("rollback failed, next attempt at ") + utc(attempts.nextAtMs) + QLatin1String(": ")
              + message});
}

bool RolloutGuard::rollBack(const ModuleRolloutState &analysed, const QString &reason, QString *message)
{
    const QString module = analysed.module;
    const Result<std::optional<MigrationState>> read = m_store->state(migrationOf(module));
    if (!read || !*read) {
        *message = read ? QLatin1String("the control database has no row for ") + migrationOf(module)
                        : read.error().message;
        return false;
    }
    const std::optional<MigrationState> &now = *read;
    TransitionService service(m_config, m_identity, false, *m_store, *m_gates);
    if (const Result<void> opened = service.open(); !opened) {
        *message = errorMessage(opened);
        return false;
    }
    TransitionService::Request request;
    request.migration = migrationOf(module);
    request.direction = TransitionService::Direction::Rollback;
    request.toPhase = QStringLiteral("v1");
    // A promotion or a rollback since the analysis makes the step another one: the compare-and-set on the
    // phase read now refuses, and a step that changed in between is not this breach's.
    request.fromPhase = now->phase;
    if (now->changedAt.isValid() && now->changedAt.toMSecsSinceEpoch() != analysed.enteredAtMs) {
        *message = QLatin1String("the step changed since the analysis (now ") + now->phase
                   + QLatin1String("): not rolled back");
        return false;
    }
    const TransitionPlan plan = service.plan(request);
    TransitionService::Options options;
    options.reason = reason;
    options.confirmedName = m_config.name; // the environment's setting decided, not an operator's typing
    const TransitionService::Outcome outcome = service.execute(plan, options);
    *message = outcome.result.has_value() ? outcome.phase : errorMessage(outcome.result);
    return outcome.result.has_value();
}

void RolloutGuard::release()
{
    if (m_store && m_holding) {
        // The lease expires by itself; a failed release only delays the next guard.
        if (const Result<void> released = m_store->releaseGuardLease(m_holder); !released)
            qCWarning(lcRollout) << "cannot release the guard lease:" << released.error().message;
    }
    m_holding = false;
}

} // namespace Cockpit
