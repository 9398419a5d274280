// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Cockpit {

// One phase of a migration and the flag values the migrated system runs with in it.
struct MigrationPhase
{
    QString id;                   // e.g. "shadow"
    QString label;                // human label, e.g. "Shadow mode (dual-write, legacy reads)"
    QMap<QString, QString> flags; // e.g. LEDGER_SHADOW_MODE=true; written by the env-file actuator
    // Values for the command hook's {placeholders}, e.g. shadow=true, balance_source=legacy.
    QMap<QString, QString> placeholders;
};

struct MigrationTransition
{
    enum class Kind
    {
        Advance,
        Rollback
    };

    QString from;
    QString to;
    Kind kind = Kind::Advance;
    QString label;          // e.g. "Switch reads to ledger"
    bool emergency = false; // an emergency rollback: offered last, never the default

    bool isRollback() const { return kind == Kind::Rollback; }
};

QString transitionKindName(MigrationTransition::Kind kind);

// A migration: ordered phases and the transitions between them. Plain value, immutable after
// construction, safe to copy between threads.
class MigrationDefinition
{
public:
    MigrationDefinition() = default;
    MigrationDefinition(QString id, QString title, QString lane, QList<MigrationPhase> phases,
                        QList<MigrationTransition> transitions);

    QString id() const { return m_id; }       // "ledger", "state", "rollout:transaction_pool"
    QString title() const { return m_title; } // "Ledger migration"
    QString lane() const { return m_lane; }   // actuator lane: ledger, state or rollout
    const QList<MigrationPhase> &phases() const { return m_phases; }
    const QList<MigrationTransition> &transitions() const { return m_transitions; }
    bool isValid() const { return !m_id.isEmpty(); }

    QString initialPhase() const { return m_phases.isEmpty() ? QString() : m_phases.first().id; }
    std::optional<MigrationPhase> phase(const QString &id) const;
    int phaseIndex(const QString &id) const;
    QStringList phaseIds() const;

    // Transitions leaving `from`, in the order they are offered (normal rollback before emergency).
    QList<MigrationTransition> transitionsFrom(const QString &from) const;
    std::optional<MigrationTransition> transition(const QString &from, const QString &to) const;
    // The default forward / backward transition from `from`, if any.
    std::optional<MigrationTransition> next(const QString &from, MigrationTransition::Kind kind) const;

    // The ledger migration (phases 4.1-4.4) with the Rollback Plan's paths.
    static MigrationDefinition ledger();
    // The deployment-state migration, LevelDB to JSON, and back one step at a time.
    static MigrationDefinition state();
    // The V1 to V2 rollout of one module, one phase per traffic step.
    static MigrationDefinition rollout(const RolloutModuleConfig &module, const QList<int> &steps);
    // Every migration of an environment: ledger, state, then one rollout per configured module.
    static QList<MigrationDefinition> allFor(const EnvironmentConfig &config);
    static std::optional<MigrationDefinition> find(const EnvironmentConfig &config, const QString &id);

    // Weight variable of a module's rollout: TRANSACTION_POOL_VERSION -> TRANSACTION_POOL_V2_WEIGHT.
    static QString weightVariable(const RolloutModuleConfig &module);

private:
    QString m_id;
    QString m_title;
    QString m_lane;
    QList<MigrationPhase> m_phases;
    QList<MigrationTransition> m_transitions;
};

} // namespace Cockpit
