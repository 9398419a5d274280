// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "config/operator_identity.h"
#include "control/migration_state.h"
#include "rollout/rollout_plan.h"
#include "rollout/rollout_verdict.h"

#include <QHash>
#include <QMetaType>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Cockpit {

class GateRegistry;

class ControlStore;
class LedgerHealthSource;
class MetricsProvider;

// The safety net of a V2 rollout that runs while nobody watches: on every tick it analyses each module
// under rollout and rolls a module whose breach is confirmed back to V1 through migration control's fenced,
// audited transition, exactly once per breach. Used by `cockpitctl guard` (headless) and by a GUI that
// finds no other guard; one guard acts per environment, the holder of the guard lease in the control store.
//
// Rules:
//  - only intervals since the module's current step began count towards a breach, so a breach of an
//    earlier step never rolls the new one back;
//  - a failed analysis or missing data is no verdict, and never rolls back;
//  - automatic rollback is a setting of the environment (the control store's "rollout.autoRollback",
//    defaulting to rollout.autoRollback of the config); when off, the guard reports the breach and acts not;
//  - a paused module gets no automatic action; a module at V1 gets nothing;
//  - a rollback that fails is retried after 1, 2, 4, 8 ticks, five attempts in all, each one transition
//    (and so one audit entry) of its own, then given up with a message;
//  - every analysed interval is kept in the control store as evidence (rollout.evidenceRetention);
//  - where ledger.autoRollbackFromStrict is set, the ledger lane too: HighDiscrepancyRate firing while the
//    ledger migration is in strict mode disables strict mode (the action that alert prescribes), by the
//    same rules (the environment's setting, exactly once, retries).
//
// Threading: blocking (the control store, Prometheus); one thread, the CLI's or a worker's, calls tick().
class RolloutGuard
{
public:
    static constexpr int MaxAttempts = 5;
    // The control store's setting for automatic rollback: "on" or "off".
    static QString autoRollbackSetting() { return QStringLiteral("rollout.autoRollback"); }

    struct Event
    {
        enum class Kind
        {
            Info,   // lease taken, standing by, ...
            Breach, // a confirmed breach (acted on or not)
            RolledBack,
            Failed, // an analysis or a rollback failed
        };
        qint64 atMs = 0;
        Kind kind = Kind::Info;
        QString module; // empty for the guard itself
        QString text;
        // A person must act: a breach not rolled back because automatic rollback is off, a rollback given
        // up. (A rollback itself is in the audit log, which every cockpit follows.)
        bool needsOperator = false;
    };
    using EventSink = std::function<void(const Event &)>;

    // `label` says who runs it ("cockpitctl guard", "GUI"); tickSeconds sets the lease's expiry (three
    // ticks, at least 10 s), so that a guard that stops is replaced within that time.
    // `holder` identifies this guard in the lease (default: a new token); a window passes its own, so that it
    // can tell its own guard from another in the lease.
    RolloutGuard(EnvironmentConfig config, OperatorIdentity identity, QString label, int tickSeconds,
                 QString holder = QString());
    ~RolloutGuard();
    RolloutGuard(const RolloutGuard &) = delete;
    RolloutGuard &operator=(const RolloutGuard &) = delete;

    // One round at nowMs: renews or takes the lease; when held, analyses and acts. Events go to `sink`.
    void tick(qint64 nowMs, const EventSink &sink);
    // The metrics source to ask instead of a new one per analysis (not owned; it must live in the thread
    // that calls tick()): a window's simulator, so that the regressions injected into it count.
    void setMetricsProvider(MetricsProvider *provider) { m_provider = provider; }
    // Gives the lease up (a guard that stops cleanly hands over at once).
    void release();
    // Asked during a round (from the round's own thread, e.g. in the analysis' event loop): no further
    // rollback in this round or later ones.
    void stop() { m_stopped = true; }
    void resume() { m_stopped = false; }
    // A window's guard yields to a headless one: a headless guard takes the lease from a window that holds
    // it, never the other way round. Headless is the default.
    void setWindowGuard(bool window) { m_priority = window ? 0 : 1; }
    bool holdsLease() const { return m_holding; }
    QString holderToken() const { return m_holder; }
    int leaseSeconds() const { return m_leaseSeconds; }

    // Whether automatic rollback is on for the environment, and where that comes from (the setting with who
    // changed it and why, or the config). Blocking.
    struct AutoRollback
    {
        bool on = false;
        std::optional<ControlSetting> setting; // nullopt: the config's default
    };
    static Result<AutoRollback> autoRollback(const EnvironmentConfig &config, ControlStore &store);

    // Turns automatic rollback on or off for the environment: the one rule for the CLI and the window.
    // Refused in a read-only session, without a reason, and in prod without the environment's name typed
    // (`confirmedName`); the setting and its audit entry are written, and a change whose audit entry cannot
    // be written is reported as a failure (the safety net must not change without a trace). Blocking.
    static Result<void> setAutoRollback(const EnvironmentConfig &config, ControlStore &store, bool on,
                                        const OperatorIdentity &who, const QString &reason,
                                        const QString &confirmedName, bool readOnly);

    // Who protects the environment now, for `status` and the GUI: automatic rollback on or off (and why)
    // and the guard holding the lease, if its lease has not expired. Blocking.
    struct Protection
    {
        AutoRollback automatic;
        std::optional<GuardLease> lease; // the live holder only
        // "automatic rollback on (config default); guard: cockpitctl guard (alice) on ops-1, process 42,
        // heartbeat 3 s ago", or "...; no guard runs: a confirmed breach is not rolled back".
        QString summary(const QDateTime &now) const;
    };
    static Result<Protection> protection(const EnvironmentConfig &config, ControlStore &store,
                                         const QDateTime &now);

private:
    struct Attempts
    {
        int count = 0;
        qint64 nextAtMs = 0;
        bool done = false;     // rolled back, or given up
        bool reported = false; // said once that automatic rollback is off
    };

    bool ensureStore(const EventSink &sink, qint64 nowMs);
    bool renewLease(const EventSink &sink, qint64 nowMs);
    // The environment's automatic-rollback setting and every module's state; nullopt after reporting why.
    std::optional<QList<ModuleRolloutState>> readModules(bool *automaticOn, qint64 nowMs,
                                                         const EventSink &sink);
    void guardModule(const ModuleRolloutState &state, bool autoRollbackOn, qint64 nowMs,
                     const EventSink &sink);
    void act(const ModuleRolloutState &state, const ModuleVerdict &verdict, bool autoRollbackOn, qint64 nowMs,
             const EventSink &sink);
    // A confirmed breach of one subject (a module, the ledger): acted on once, retried with backoff, only
    // reported while automatic rollback is off.
    struct Breach
    {
        QString key;     // what was done about it is remembered under this: subject and the step it is in
        QString subject; // the module, or "ledger"
        QString target;  // where the rollback goes, for the log: "V1", "ledger_reads"
        QString summary; // the evidence, for the log and the audit entry
    };
    void actOn(const Breach &breach, bool autoRollbackOn, qint64 nowMs, const EventSink &sink,
               const std::function<bool(QString *)> &rollBackNow);
    // The ledger lane (ledger.autoRollbackFromStrict): in strict mode with HighDiscrepancyRate firing in the
    // ledger's own telemetry, strict mode is disabled (strict -> ledger_reads). Missing data never acts.
    void guardLedger(bool autoRollbackOn, qint64 nowMs, const EventSink &sink);
    // The analysed intervals go to the control store as evidence; old evidence is pruned once an hour.
    // Neither stops the guard: a failure is reported once until it changes.
    void recordEvidence(const ModuleRolloutState &state, int weightPercent, const ModuleVerdict &verdict,
                        const QString &source, qint64 nowMs, const EventSink &sink);
    void pruneEvidence(qint64 nowMs, const EventSink &sink);
    const RolloutModuleConfig *moduleConfig(const QString &id) const;
    bool rollBack(const ModuleRolloutState &analysed, const QString &reason, QString *message);

    EnvironmentConfig m_config;
    OperatorIdentity m_identity;
    QString m_label;
    QString m_holder;
    int m_tickSeconds = 15;
    int m_leaseSeconds = 45;
    std::shared_ptr<GateRegistry> m_gates; // shown in the audit of a rollback; they never block one
    std::unique_ptr<ControlStore> m_store;
    bool m_holding = false;
    QString m_lastStandby;                // the holder last reported while standing by
    QHash<QString, Attempts> m_breaches;  // "module@stepEnteredAtMs": what was done about its breach
    QHash<QString, QString> m_lastErrors; // module -> last analysis error reported (reported on change)
    qint64 m_lastPruneMs = 0;
    std::unique_ptr<LedgerHealthSource> m_ledgerHealth; // the ledger's alerts, for guardLedger
    MetricsProvider *m_provider = nullptr;
    bool m_stopped = false;
    int m_priority = 1; // the lease's: 1 headless, 0 a window
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::RolloutGuard::Event)
