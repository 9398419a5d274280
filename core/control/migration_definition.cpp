// SPDX-License-Identifier: MIT
#include "control/migration_definition.h"

#include <QCoreApplication>

namespace Cockpit {

// Titles and labels are shown to operators in their language (QCoreApplication::translate, where lupdate
// finds them); ids, flags and audit keys stay as they are.

QString transitionKindName(MigrationTransition::Kind kind)
{
    return kind == MigrationTransition::Kind::Advance ? QStringLiteral("advance")
                                                      : QStringLiteral("rollback");
}

MigrationDefinition::MigrationDefinition(QString id, QString title, QString lane,
                                         QList<MigrationPhase> phases, QList<MigrationTransition> transitions)
    : m_id(std::move(id))
    , m_title(std::move(title))
    , m_lane(std::move(lane))
    , m_phases(std::move(phases))
    , m_transitions(std::move(transitions))
{}

std::optional<MigrationPhase> MigrationDefinition::phase(const QString &id) const
{
    for (const MigrationPhase &p : m_phases) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

int MigrationDefinition::phaseIndex(const QString &id) const
{
    for (int i = 0; i < m_phases.size(); ++i) {
        if (m_phases.at(i).id == id)
            return i;
    }
    return -1;
}

QStringList MigrationDefinition::phaseIds() const
{
    QStringList ids;
    for (const MigrationPhase &p : m_phases)
        ids.append(p.id);
    return ids;
}

QList<MigrationTransition> MigrationDefinition::transitionsFrom(const QString &from) const
{
    QList<MigrationTransition> result;
    for (const MigrationTransition &t : m_transitions) {
        if (t.from == from && !t.emergency)
            result.append(t);
    }
    for (const MigrationTransition &t : m_transitions) {
        if (t.from == from && t.emergency)
            result.append(t);
    }
    return result;
}

std::optional<MigrationTransition> MigrationDefinition::transition(const QString &from,
                                                                   const QString &to) const
{
    for (const MigrationTransition &t : m_transitions) {
        if (t.from == from && t.to == to)
            return t;
    }
    return std::nullopt;
}

std::optional<MigrationTransition> MigrationDefinition::next(const QString &from,
                                                             MigrationTransition::Kind kind) const
{
    for (const MigrationTransition &t : transitionsFrom(from)) {
        if (t.kind == kind)
            return t;
    }
    return std::nullopt;
}

namespace {

using Kind = MigrationTransition::Kind;

MigrationPhase ledgerPhase(const char *id, const QString &label, bool shadow, bool strict, bool ledgerReads)
{
    const QString s = shadow ? QStringLiteral("true") : QStringLiteral("false");
    const QString st = strict ? QStringLiteral("true") : QStringLiteral("false");
    const QString source = ledgerReads ? QStringLiteral("ledger") : QStringLiteral("legacy");
    return {QString::fromLatin1(id),
            label,
            {{QStringLiteral("LEDGER_SHADOW_MODE"), s},
             {QStringLiteral("LEDGER_STRICT_MODE"), st},
             {QStringLiteral("BALANCE_SOURCE"), source}},
            {{QStringLiteral("shadow"), s},
             {QStringLiteral("strict"), st},
             {QStringLiteral("balance_source"), source}}};
}

MigrationPhase statePhase(const char *id, const QString &label, const char *readBackend, bool dualWrite,
                          bool fallback)
{
    const QString backend = QString::fromLatin1(readBackend);
    const QString dw = dualWrite ? QStringLiteral("true") : QStringLiteral("false");
    const QString fb = fallback ? QStringLiteral("true") : QStringLiteral("false");
    return {QString::fromLatin1(id),
            label,
            {{QStringLiteral("STATE_BACKEND"), backend},
             {QStringLiteral("STATE_DUAL_WRITE"), dw},
             {QStringLiteral("STATE_READ_FALLBACK"), fb}},
            {{QStringLiteral("backend"), backend},
             {QStringLiteral("dual_write"), dw},
             {QStringLiteral("read_fallback"), fb}}};
}

} // namespace

MigrationDefinition MigrationDefinition::ledger()
{
    // Each phase's service flags (shadow, strict, ledger reads). legacy_only is the state before phase 4.1
    // and also where the emergency rollback ("LEDGER_SHADOW_MODE=false BALANCE_SOURCE=legacy") lands.
    QList<MigrationPhase> phases = {
        ledgerPhase("legacy_only", QCoreApplication::translate("MigrationDefinition", "Legacy only"), false,
                    false, false),
        ledgerPhase(
            "shadow",
            QCoreApplication::translate("MigrationDefinition", "Shadow mode (dual-write, legacy reads)"),
            true, false, false),
        ledgerPhase(
            "ledger_reads",
            QCoreApplication::translate("MigrationDefinition", "Reads from ledger (still dual-writing)"),
            true, false, true),
        ledgerPhase("strict",
                    QCoreApplication::translate("MigrationDefinition", "Strict mode (fail on discrepancies)"),
                    true, true, true),
        ledgerPhase("ledger_only",
                    QCoreApplication::translate("MigrationDefinition", "Ledger only (legacy writes stopped)"),
                    false, true, true),
    };
    const auto id = [](const char *s) {
        return QString::fromLatin1(s);
    };
    QList<MigrationTransition> transitions = {
        {id("legacy_only"), id("shadow"), Kind::Advance,
         QCoreApplication::translate("MigrationDefinition", "Enable shadow mode (4.1)"), false},
        {id("shadow"), id("ledger_reads"), Kind::Advance,
         QCoreApplication::translate("MigrationDefinition", "Switch reads to ledger (4.2)"), false},
        {id("ledger_reads"), id("strict"), Kind::Advance,
         QCoreApplication::translate("MigrationDefinition", "Enable strict mode (4.3)"), false},
        {id("strict"), id("ledger_only"), Kind::Advance,
         QCoreApplication::translate("MigrationDefinition", "Cut over to ledger only (4.4)"), false},
        // Rollback Plan, "issues detected in shadow mode": disable strict mode, keep dual-writing.
        {id("strict"), id("ledger_reads"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition", "Disable strict mode"), false},
        {id("ledger_reads"), id("shadow"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition", "Revert to legacy reads"), false},
        // "Issues detected after cutover": re-enable shadow mode and revert to legacy reads.
        {id("ledger_only"), id("shadow"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition",
                                     "Re-enable shadow mode and revert to legacy reads"),
         false},
        // Emergency rollback: immediate return to legacy from anywhere.
        // Out of shadow it is the only rollback, so it is also the default there.
        {id("shadow"), id("legacy_only"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition", "Emergency rollback to legacy"), false},
        {id("ledger_reads"), id("legacy_only"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition", "Emergency rollback to legacy"), true},
        {id("strict"), id("legacy_only"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition", "Emergency rollback to legacy"), true},
        {id("ledger_only"), id("legacy_only"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition", "Emergency rollback to legacy"), true},
    };
    return {QStringLiteral("ledger"), QCoreApplication::translate("MigrationDefinition", "Ledger migration"),
            QStringLiteral("ledger"), phases, transitions};
}

MigrationDefinition MigrationDefinition::state()
{
    QList<MigrationPhase> phases = {
        statePhase("leveldb_only", QCoreApplication::translate("MigrationDefinition", "LevelDB only"),
                   "leveldb", false, false),
        statePhase("dual_write",
                   QCoreApplication::translate("MigrationDefinition", "Dual-write (reads from LevelDB)"),
                   "leveldb", true, false),
        statePhase("json_reads_with_fallback",
                   QCoreApplication::translate("MigrationDefinition", "JSON reads with LevelDB fallback"),
                   "json", true, true),
        statePhase("json_only", QCoreApplication::translate("MigrationDefinition", "JSON only"), "json",
                   false, false),
    };
    const auto id = [](const char *s) {
        return QString::fromLatin1(s);
    };
    // Back one step at a time: jumping from json_only straight to leveldb_only would drop every
    // write made since dual-write stopped.
    QList<MigrationTransition> transitions = {
        {id("leveldb_only"), id("dual_write"), Kind::Advance,
         QCoreApplication::translate("MigrationDefinition", "Enable dual-write"), false},
        {id("dual_write"), id("json_reads_with_fallback"), Kind::Advance,
         QCoreApplication::translate("MigrationDefinition", "Switch reads to JSON with LevelDB fallback"),
         false},
        {id("json_reads_with_fallback"), id("json_only"), Kind::Advance,
         QCoreApplication::translate("MigrationDefinition", "Disable dual-write, JSON only"), false},
        {id("json_only"), id("json_reads_with_fallback"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition", "Re-enable dual-write and LevelDB fallback"),
         false},
        {id("json_reads_with_fallback"), id("dual_write"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition", "Switch reads back to LevelDB"), false},
        {id("dual_write"), id("leveldb_only"), Kind::Rollback,
         QCoreApplication::translate("MigrationDefinition", "Stop dual-write, LevelDB only"), false},
    };
    return {QStringLiteral("state"),
            QCoreApplication::translate("MigrationDefinition", "Deployment state migration"),
            QStringLiteral("state"), phases, transitions};
}

QString MigrationDefinition::weightVariable(const RolloutModuleConfig &module)
{
    QString base = module.versionVar;
    if (base.endsWith(QLatin1String("_VERSION")))
        base.chop(int(sizeof("_VERSION") - 1));
    else if (base.isEmpty())
        base = module.id.toUpper();
    return base + QLatin1String("_V2_WEIGHT");
}

MigrationDefinition MigrationDefinition::rollout(const RolloutModuleConfig &module, const QList<int> &steps)
{
    const QString versionVar = module.versionVar;
    const QString weightVar = weightVariable(module);
    auto phase = [&](const QString &id, const QString &label, const char *version, int weight) {
        const QString v = QString::fromLatin1(version);
        const QString w = QString::number(weight);
        return MigrationPhase{id,
                              label,
                              {{versionVar, v}, {weightVar, w}},
                              {{QStringLiteral("module"), module.id},
                               {QStringLiteral("version_var"), versionVar},
                               {QStringLiteral("version"), v},
                               {QStringLiteral("weight_var"), weightVar},
                               {QStringLiteral("weight"), w}}};
    };
    QList<MigrationPhase> phases = {
        phase(QStringLiteral("v1"), QCoreApplication::translate("MigrationDefinition", "V1 only"), "v1", 0)};
    for (int step : steps) {
        phases.append(phase(QLatin1String("v2_") + QString::number(step),
                            QCoreApplication::translate("MigrationDefinition", "%1 % to V2").arg(step), "v2",
                            step));
    }
    phases.append(phase(QStringLiteral("v1_removed"),
                        QCoreApplication::translate("MigrationDefinition", "V1 removed"), "v2", 100));

    QList<MigrationTransition> transitions;
    for (int i = 0; i + 1 < phases.size(); ++i) {
        const MigrationPhase &to = phases.at(i + 1);
        const QString label =
            to.id == QLatin1String("v1_removed")
                ? QCoreApplication::translate("MigrationDefinition", "Remove V1 module")
                : QCoreApplication::translate("MigrationDefinition", "Send %1 % of traffic to V2")
                      .arg(to.id.mid(3)); // "v2_25"
        transitions.append({phases.at(i).id, to.id, Kind::Advance, label, false});
    }
    // Rollback to V1 from any traffic step: a failing V2 must be able to fall back to V1 at once.
    for (int i = 1; i + 1 < phases.size(); ++i)
        transitions.append({phases.at(i).id, QStringLiteral("v1"), Kind::Rollback,
                            QCoreApplication::translate("MigrationDefinition", "Roll back to V1"), false});
    // Once V1 is removed there is no V1 to fall back to; the way back is to reinstate it at 100 % V2.
    if (phases.size() >= 2) {
        transitions.append({QStringLiteral("v1_removed"), phases.at(phases.size() - 2).id, Kind::Rollback,
                            QCoreApplication::translate("MigrationDefinition", "Reinstate V1 module"),
                            false});
    }
    return {QLatin1String("rollout:") + module.id,
            QCoreApplication::translate("MigrationDefinition", "V2 rollout: %1").arg(module.id),
            QStringLiteral("rollout"), phases, transitions};
}

QList<MigrationDefinition> MigrationDefinition::allFor(const EnvironmentConfig &config)
{
    QList<MigrationDefinition> result = {ledger(), state()};
    for (const RolloutModuleConfig &module : config.rollout.modules)
        result.append(rollout(module, config.rollout.steps));
    return result;
}

std::optional<MigrationDefinition> MigrationDefinition::find(const EnvironmentConfig &config,
                                                             const QString &id)
{
    for (const MigrationDefinition &d : allFor(config)) {
        if (d.id() == id)
            return d;
    }
    return std::nullopt;
}

} // namespace Cockpit
