// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "control/audit_entry.h"
#include "control/migration_state.h"
#include "control/transition_intent.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Cockpit {

class AuditLog;

// The environment's control database: current phase and version of every migration, transition intents,
// and the audit log. SQLite for demo, a PostgreSQL schema (default `cockpit_control`) for staging and prod,
// chosen by config.control.database.
//
// Transitions are two-step: beginTransition() is a compare-and-set on (version, phase, no pending intent)
// that records the intent; the caller then runs the actuators and calls finishTransition(). If the process
// dies in between, the intent stays pending and blocks every other transition of that migration until an
// operator resumes or rolls it back.
//
// Threading: a store and its audit() log belong to the thread that called open() (Qt SQL connections are
// per thread). A worker thread creates and opens its own store with create(); several stores, in one
// process or many, may work on the same database at once: the database serialises them.
class ControlStore
{
public:
    // 2: rollout pauses. 3: intent leases (owner, heartbeat). 4: the guard's lease, settings. 5: evidence,
    // the lease's priority.
    static constexpr int kSchemaVersion = 5;

    virtual ~ControlStore();

    // The store for an environment; not yet connected.
    static std::unique_ptr<ControlStore> create(const EnvironmentConfig &config);

    // Connects and checks the schema; refuses a schema newer than this build. Unreachable when the server
    // or file cannot be opened. An SQLite file (the cockpit's own) gets its schema on first use; on a
    // PostgreSQL server, a shared database, only setupSchema() creates it (`cockpitctl setup`), and a
    // missing schema is an error naming that command.
    virtual Result<void> open() = 0;
    // Connects and creates the schema when it is missing: the explicit, audited setup step.
    virtual Result<void> setupSchema() = 0;
    // The statements setupSchema() runs when the schema is missing, for `cockpitctl setup --dry-run`.
    virtual QStringList setupStatements() const = 0;
    virtual QString describe() const = 0;
    virtual int schemaVersion() const = 0;

    // Inserts a row in the initial phase for every migration that has none yet (first use).
    virtual Result<void> ensureMigrations(const QList<std::pair<QString, QString>> &idAndInitialPhase,
                                          const QString &operatorLabel, const QString &host) = 0;
    // A migration's state; nullopt when it has no row.
    virtual Result<std::optional<MigrationState>> state(const QString &migration) = 0;
    virtual Result<QList<MigrationState>> states() = 0;

    // Compare-and-set: succeeds only when the migration is still at intent.fromVersion and intent.fromPhase
    // with no other transition pending; otherwise Conflict with "state changed since you looked: ...".
    // The lease starts with intent.owner and a heartbeat at intent.heartbeatAt (default: now).
    virtual Result<void> beginTransition(const TransitionIntent &intent) = 0;

    enum class Outcome
    {
        Completed,
        Failed,
        RolledBack
    };
    // Ends a pending intent held by `owner` and appends `audit` in the same database transaction. Completed
    // moves the migration to intent.toPhase and bumps its version; Failed and RolledBack leave the phase
    // unchanged. Fenced when another execution took the intent over; Conflict when it is no longer pending.
    virtual Result<void> finishTransition(const QString &intentId, const QString &owner, Outcome outcome,
                                          const QString &outcomeText, AuditEntry &audit) = 0;
    // Renews the lease of `owner` on a pending intent; Fenced when it was taken over (or ended).
    virtual Result<void> heartbeat(const QString &intentId, const QString &owner) = 0;
    // Compare-and-set of the lease: gives a pending intent held by `expectedOwner` to `taker` (its owner,
    // host and pid), with a fresh heartbeat. Conflict when someone else took it first.
    virtual Result<void> takeOver(const QString &intentId, const QString &expectedOwner,
                                  const TransitionIntent &taker) = 0;

    virtual Result<QList<TransitionIntent>> pendingIntents() = 0;
    // An intent by id; nullopt when there is none.
    virtual Result<std::optional<TransitionIntent>> intent(const QString &id) = 0;

    virtual AuditLog &audit() = 0;

    // The paused rollout modules. setRolloutPause() pauses (a value) or resumes (nullopt) one, as a
    // compare-and-set: Conflict when it already is in that state, naming who paused it.
    virtual Result<QList<RolloutPause>> rolloutPauses() = 0;
    virtual Result<void> setRolloutPause(const QString &module, const std::optional<RolloutPause> &pause) = 0;

    // The guard lease: nullopt without a holder. acquireGuardLease() takes or renews it as a compare-and-set:
    // it succeeds when nobody holds it, the lease expired, lease.holder already holds it, or the holder has
    // a lower priority (a window, when a headless guard asks); Conflict (naming the holder) otherwise.
    // releaseGuardLease() gives it up when `holder` holds it.
    virtual Result<std::optional<GuardLease>> guardLease() = 0;
    virtual Result<void> acquireGuardLease(const GuardLease &lease) = 0;
    virtual Result<void> releaseGuardLease(const QString &holder) = 0;

    // A named setting (nullopt: never set, the config's default applies) and its change; with `audit`, the
    // entry is appended in the same database transaction, so the change and its trace commit together.
    virtual Result<std::optional<ControlSetting>> setting(const QString &name) = 0;
    virtual Result<void> setSetting(const ControlSetting &setting, AuditEntry *audit = nullptr) = 0;

    // The guard's evidence of analysed intervals. recordEvidence() replaces a record only with one that
    // judged worse (inconclusive < pass < failing < breach: data that arrived late, a streak that grew), all
    // records in one transaction. evidence() returns a subject's records ending in (fromMs, toMs], oldest
    // first, the newest `limit` of them. pruneEvidence() removes the records that ended before `beforeMs`.
    virtual Result<void> recordEvidence(const QList<EvidenceRecord> &records) = 0;
    virtual Result<QList<EvidenceRecord>> evidence(const QString &subject, qint64 fromMs, qint64 toMs,
                                                   int limit) = 0;
    virtual Result<void> pruneEvidence(qint64 beforeMs, int *removed = nullptr) = 0;

    // A cheap fingerprint of everything a view shows (phases and their versions, pending transitions, the
    // audit chain's head, so also pauses and settings, which are audited): equal stamps, nothing to reload.
    // Views poll it to follow changes made by any cockpit, CLI or guard.
    virtual Result<QString> changeStamp() = 0;

    // "state changed since you looked: ledger is now strict (changed by alice on host at 2026-11-22 01:05
    // UTC)"
    static QString conflictMessage(const MigrationState &state,
                                   const std::optional<TransitionIntent> &pending);
};

} // namespace Cockpit
