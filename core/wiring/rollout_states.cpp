// SPDX-License-Identifier: MIT
#include "wiring/rollout_states.h"

#include "common/logging.h"

#include "control/control_store.h"
#include "wiring/audit_events.h"
#include "wiring/lane_wiring.h"

#include <QDateTime>
#include <QHash>

namespace Cockpit {

namespace {

Result<std::unique_ptr<ControlStore>> openStore(const EnvironmentConfig &config)
{
    std::unique_ptr<ControlStore> store = ControlStore::create(config);
    if (const Result<void> opened = store->open(); !opened)
        return fail(errorMessage(opened), ErrorKind::Unreachable);
    return store;
}

// The pause is made: an entry that cannot be written is logged, not a reason to undo it.
void audit(const EnvironmentConfig &config, const QString &action, const QString &module,
           const QString &detail)
{
    if (const Result<void> audited = AuditEvents::record(config, action, QLatin1String("rollout:") + module,
                                                         QStringLiteral("ok"), detail);
        !audited)
        qCWarning(lcAudit) << "cannot audit" << action << "of" << module << ":" << audited.error().message;
}

} // namespace

Result<QList<ModuleRolloutState>> RolloutStates::read(ControlStore &store, const RolloutConfig &rollout)
{
    const Result<QList<MigrationState>> states = store.states();
    if (!states)
        return fail(states.error());
    const Result<QList<RolloutPause>> pauses = store.rolloutPauses();
    if (!pauses)
        return fail(pauses.error());
    QHash<QString, MigrationState> byMigration;
    for (const MigrationState &s : *states)
        byMigration.insert(s.migration, s);
    QHash<QString, RolloutPause> pausedModules;
    for (const RolloutPause &p : *pauses)
        pausedModules.insert(p.module, p);

    QList<ModuleRolloutState> list;
    for (const RolloutModuleConfig &m : rollout.modules) {
        ModuleRolloutState s;
        s.module = m.id;
        // No row yet (a read-only session before the first write): the module is at its initial phase, V1.
        const MigrationState migration = byMigration.value(QLatin1String("rollout:") + m.id);
        if (!migration.phase.isEmpty()) {
            const std::optional<int> step = LaneWiring::rolloutStepIndex(rollout, migration.phase);
            if (!step)
                return fail(QLatin1String("rollout:") + m.id + QLatin1String(": unknown phase \"")
                            + migration.phase + QLatin1String("\" in the control store"));
            s.stepIndex = *step;
            s.enteredAtMs = migration.changedAt.isValid() ? migration.changedAt.toMSecsSinceEpoch() : 0;
        }
        if (const auto p = pausedModules.constFind(m.id); p != pausedModules.constEnd()) {
            s.paused = true;
            s.pausedBy = p->pausedBy;
            s.pauseReason = p->reason;
            s.pausedAtMs = p->pausedAt.toMSecsSinceEpoch();
        }
        list.append(s);
    }
    return list;
}

Result<QList<ModuleRolloutState>> RolloutStates::load(const EnvironmentConfig &config)
{
    const Result<std::unique_ptr<ControlStore>> store = openStore(config);
    if (!store)
        return fail(store.error());
    return read(**store, config.rollout);
}

Result<ModuleRolloutState> RolloutStates::load(const EnvironmentConfig &config, const QString &module)
{
    const Result<QList<ModuleRolloutState>> all = load(config);
    if (!all)
        return fail(all.error());
    for (const ModuleRolloutState &s : *all) {
        if (s.module == module)
            return s;
    }
    return fail(QLatin1String("no rollout module \"") + module + QLatin1Char('"'), ErrorKind::NotFound);
}

Result<void> RolloutStates::pause(const EnvironmentConfig &config, const QString &module, const QString &who,
                                  const QString &reason)
{
    const Result<std::unique_ptr<ControlStore>> store = openStore(config);
    if (!store)
        return fail(store.error().message, ErrorKind::Unreachable);
    Result<void> result =
        (*store)->setRolloutPause(module, RolloutPause{module, who, reason, QDateTime::currentDateTimeUtc()});
    if (failedWith(result, ErrorKind::Conflict)) {
        // Name who holds the pause, from the store as it is now.
        if (const auto states = read(**store, config.rollout)) {
            for (const ModuleRolloutState &s : *states) {
                if (s.module == module && s.paused)
                    result.error().message += QLatin1String(" (by ") + s.pausedBy + QLatin1String(": ")
                                              + s.pauseReason + QLatin1Char(')');
            }
        }
        return result;
    }
    if (result.has_value())
        audit(config, QStringLiteral("rollout_pause"), module, reason);
    return result;
}

Result<void> RolloutStates::resume(const EnvironmentConfig &config, const QString &module, const QString &who)
{
    const Result<std::unique_ptr<ControlStore>> store = openStore(config);
    if (!store)
        return fail(store.error().message, ErrorKind::Unreachable);
    const Result<void> result = (*store)->setRolloutPause(module, std::nullopt);
    if (result.has_value())
        audit(config, QStringLiteral("rollout_resume"), module, QLatin1String("resumed by ") + who);
    return result;
}

} // namespace Cockpit
