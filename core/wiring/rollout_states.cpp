// SPDX-License-Identifier: MIT
#include "wiring/rollout_states.h"

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
    if (const ControlResult opened = store->open(); !opened.ok())
        return fail(opened.message, ErrorKind::Unreachable);
    return store;
}

} // namespace

Result<QList<ModuleRolloutState>> RolloutStates::read(ControlStore &store, const RolloutConfig &rollout)
{
    ControlResult result;
    const QList<MigrationState> states = store.states(&result);
    if (!result.ok())
        return fail(result.message);
    const std::optional<QList<RolloutPause>> pauses = store.rolloutPauses(&result);
    if (!pauses)
        return fail(result.message);
    QHash<QString, MigrationState> byMigration;
    for (const MigrationState &s : states)
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

ControlResult RolloutStates::pause(const EnvironmentConfig &config, const QString &module, const QString &who,
                                   const QString &reason)
{
    const Result<std::unique_ptr<ControlStore>> store = openStore(config);
    if (!store)
        return ControlResult::failure(ControlResult::Status::Unreachable, store.error().message);
    ControlResult result =
        (*store)->setRolloutPause(module, RolloutPause{module, who, reason, QDateTime::currentDateTimeUtc()});
    if (result.status == ControlResult::Status::Conflict) {
        // Name who holds the pause, from the store as it is now.
        if (const auto states = read(**store, config.rollout)) {
            for (const ModuleRolloutState &s : *states) {
                if (s.module == module && s.paused)
                    result.message += QLatin1String(" (by ") + s.pausedBy + QLatin1String(": ")
                                      + s.pauseReason + QLatin1Char(')');
            }
        }
        return result;
    }
    if (result.ok())
        AuditEvents::record(config, QStringLiteral("rollout_pause"), QLatin1String("rollout:") + module,
                            QStringLiteral("ok"), reason);
    return result;
}

ControlResult RolloutStates::resume(const EnvironmentConfig &config, const QString &module,
                                    const QString &who)
{
    const Result<std::unique_ptr<ControlStore>> store = openStore(config);
    if (!store)
        return ControlResult::failure(ControlResult::Status::Unreachable, store.error().message);
    const ControlResult result = (*store)->setRolloutPause(module, std::nullopt);
    if (result.ok())
        AuditEvents::record(config, QStringLiteral("rollout_resume"), QLatin1String("rollout:") + module,
                            QStringLiteral("ok"), QLatin1String("resumed by ") + who);
    return result;
}

} // namespace Cockpit
