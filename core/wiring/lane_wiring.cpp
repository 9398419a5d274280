// SPDX-License-Identifier: MIT
#include "wiring/lane_wiring.h"

#include "wiring/ledger_health_source.h"
#include "wiring/rollout_states.h"

#include "common/logging.h"
#include "control/gate_registry.h"
#include "control/static_gate.h"
#include "control/transition_service.h"
#include "ledger/ledger_monitor.h"
#include "rollout/rollout_analysis.h"
#include "rollout/rollout_plan.h"
#include "state/state_diff_engine.h"
#include "wiring/backend_probe.h"

#include <QDateTime>

namespace Cockpit {

namespace {

using Verdict = GateResult::Verdict;

GateResult result(Verdict verdict, const Text &evidence)
{
    return GateResult::make(verdict, evidence);
}

// ---- ledger -----------------------------------------------------------------------------------------------

// One of the ledger migration's gates, from the environment's ledger health source (the demo store's own
// rows, or a service's telemetry and the cockpit's reconciliation runs). A source per call: gates may be
// evaluated from several threads at once.
GateResult ledgerGate(const EnvironmentConfig &config, const QString &id)
{
    LedgerHealthSource source(config);
    return source.gate(id, QDateTime::currentMSecsSinceEpoch());
}

// Which ledger gate guards the way into which phase, in phase order. Phase 4.2 switches reads once shadow
// mode ran clean; 4.3 needs the ledger to read as fast as legacy; 4.4 needs strict mode clean and no
// discrepancy in the cutover window.
struct LedgerGateUse
{
    const char *gate;
    const char *phase;
};
constexpr LedgerGateUse kLedgerGateUses[] = {{"shadow_clean", "ledger_reads"},
                                             {"performance", "strict"},
                                             {"shadow_clean", "strict"},
                                             {"strict_clean", "ledger_only"},
                                             {"cutover_clean", "ledger_only"}};

void registerLedgerGates(const EnvironmentConfig &config, GateRegistry &registry)
{
    const QString ledger = QStringLiteral("ledger");
    // Titled as the Ledger page and `ledger alerts` title them, so the three read the same.
    // One gate object per id, so that a gate guarding two phases is one gate (judged once per plan).
    QHash<QString, std::shared_ptr<StaticGate>> byId;
    for (const QString &id : LedgerMonitor::gateIds())
        byId.insert(id, std::make_shared<StaticGate>(LedgerMonitor::gateTitle(id, config.ledger),
                                                     [config, id] { return ledgerGate(config, id); }));
    for (const LedgerGateUse &use : kLedgerGateUses)
        registry.add(ledger, QLatin1String(use.phase), byId.value(QLatin1String(use.gate)));
}

// ---- deployment state -------------------------------------------------------------------------------------

void registerStateGates(const EnvironmentConfig &config, GateRegistry &registry)
{
    const QString state = QStringLiteral("state");
    const StateConfig stores = config.state;
    registry.add(
        state, QStringLiteral("dual_write"),
        std::make_shared<StaticGate>(Text::translate("Gates", "Both stores reachable"), [stores] {
            const BackendStatus leveldb = BackendProbe::probeLevelDb(stores.leveldbPath);
            const BackendStatus json = BackendProbe::probeJsonFolder(stores.jsonDir);
            const bool ok = leveldb.reachable && json.reachable;
            return result(
                ok ? Verdict::Pass : Verdict::Fail,
                Text::translate("Gates", "LevelDB: %1; JSON folder: %2").arg(leveldb.message, json.message));
        }));
    // The two later gates judge one full diff of both stores, made at the time of the check.
    auto diffGate = [&](const QString &phase, const Text &title, GateResult (*judge)(const DiffSummary &)) {
        registry.add(
            state, phase, std::make_shared<StaticGate>(title, [stores, judge] {
                return judge(
                    StateDiffEngine::run(stores.leveldbPath, stores.jsonDir, stores.networks).summary);
            }));
    };
    // Reads may move to JSON (with fallback) once JSON never contradicts LevelDB; missing records fall back.
    diffGate(
        QStringLiteral("json_reads_with_fallback"),
        Text::translate("Gates", "No record differs between LevelDB and JSON"), [](const DiffSummary &s) {
            if (s.leveldbRecords == 0 && s.jsonRecords == 0)
                return result(Verdict::Inconclusive,
                              Text::translate("Gates", "both stores are empty or unreadable"));
            return result(
                s.mismatched == 0 ? Verdict::Pass : Verdict::Fail,
                Text::translate("Gates", "%1 mismatched, %2 equal, %3 only in LevelDB (served by fallback)")
                    .arg(s.mismatched, s.equal, s.onlyInLeveldb + s.onlyInLeveldbNoJsonFile));
        });
    // JSON-only loses the fallback: every LevelDB record must be in JSON first (run state sync).
    diffGate(QStringLiteral("json_only"),
             Text::translate("Gates", "Every LevelDB record is in the JSON files"), [](const DiffSummary &s) {
                 const int missing = s.onlyInLeveldb + s.onlyInLeveldbNoJsonFile;
                 return result(
                     missing == 0 && s.mismatched == 0 ? Verdict::Pass : Verdict::Fail,
                     Text::translate("Gates", "%1 records only in LevelDB, %2 mismatched, %3 equal; "
                                              "data health %4 %")
                         .arg(missing, s.mismatched, s.equal, Text::decimal(s.dataHealthPercent(), 1)));
             });
}

// ---- rollout ----------------------------------------------------------------------------------------------

// The module's verdict over the analysis window that ends now, as both verdict gates judge it.
Result<ModuleVerdict> recentVerdict(const EnvironmentConfig &config, const RolloutModuleConfig &module)
{
    const auto window = RolloutAnalysis::recentWindow(config.rollout, QDateTime::currentMSecsSinceEpoch());
    return RolloutAnalysis::analyze(config, module, window);
}

void registerRolloutGates(const EnvironmentConfig &config, GateRegistry &registry)
{
    const RolloutConfig &rollout = config.rollout;
    for (const RolloutModuleConfig &module : rollout.modules) {
        const QString migration = QLatin1String("rollout:") + module.id;
        QStringList targets;
        for (int step : rollout.steps)
            targets.append(QLatin1String("v2_") + QString::number(step));
        targets.append(QStringLiteral("v1_removed"));

        // A pause and the dwell schedule are rules of the plan: an override does not lift them.
        const auto notPaused =
            std::make_shared<StaticGate>(Text::translate("Gates", "Module not paused"), [config, module] {
                const Result<ModuleRolloutState> s = RolloutStates::load(config, module.id);
                if (!s)
                    return result(Verdict::Inconclusive, Text::plain(s.error().message));
                return s->paused ? result(
                           Verdict::Fail,
                           Text::translate("Gates", "paused by %1: %2").arg(s->pausedBy, s->pauseReason))
                                 : result(Verdict::Pass, Text::translate("Gates", "not paused"));
            });
        const auto dwell = std::make_shared<StaticGate>(
            Text::translate("Gates", "Minimum dwell time at the current step"), [config, module] {
                const Result<ModuleRolloutState> s = RolloutStates::load(config, module.id);
                if (!s)
                    return result(Verdict::Inconclusive, Text::plain(s.error().message));
                const qint64 left = RolloutPlan::dwellRemainingSeconds(config.rollout, *s,
                                                                       QDateTime::currentMSecsSinceEpoch());
                const QString at = RolloutPlan::phaseName(config.rollout, *s);
                return left > 0
                           ? result(Verdict::Fail,
                                    Text::translate("Gates", "%1 s of dwell time left at %2").arg(left, at))
                           : result(Verdict::Pass,
                                    Text::translate("Gates", "at %1, dwell time reached").arg(at));
            });
        const auto healthy = std::make_shared<StaticGate>(
            Text::translate("Gates", "V2 within thresholds (no confirmed breach)"), [config, module] {
                const auto verdict = recentVerdict(config, module);
                if (!verdict)
                    return result(Verdict::Inconclusive,
                                  Text::translate("Gates", "no verdict: %1").arg(verdict.error().message));
                const Verdict v = verdict->status == VerdictStatus::Pass           ? Verdict::Pass
                                  : verdict->status == VerdictStatus::Inconclusive ? Verdict::Inconclusive
                                                                                   : Verdict::Fail;
                return result(v, Text::plain(verdict->summary()));
            });
        const auto completion = std::make_shared<StaticGate>(
            Text::translate("Gates", "Completion targets met (the plan's success criteria)"),
            [config, module] {
                const auto verdict = recentVerdict(config, module);
                if (!verdict)
                    return result(Verdict::Inconclusive,
                                  Text::translate("Gates", "no verdict: %1").arg(verdict.error().message));
                QList<Text> lines;
                bool inconclusive = false;
                for (const CompletionGateResult &g : verdict->completionGates) {
                    inconclusive = inconclusive || g.inconclusive;
                    const Text met = g.passed ? Text::translate("Gates", "met: %1")
                                              : Text::translate("Gates", "not met: %1");
                    lines.append(met.arg(g.description)
                                 + (g.observedPercent ? Text::translate("Gates", " (observed %1 %)")
                                                            .arg(Text::decimal(*g.observedPercent, 1))
                                                      : Text::translate("Gates", " (no data)")));
                }
                const Verdict v = verdict->completionGatesPassed() ? Verdict::Pass
                                  : inconclusive                   ? Verdict::Inconclusive
                                                                   : Verdict::Fail;
                return result(v, Text::join(lines, QStringLiteral("; ")));
            });
        notPaused->notOverridable();
        dwell->notOverridable();
        for (const QString &target : std::as_const(targets)) {
            registry.add(migration, target, notPaused);
            registry.add(migration, target, dwell);
            registry.add(migration, target, healthy);
        }
        registry.add(migration, QStringLiteral("v1_removed"), completion);
    }
}

} // namespace

QStringList LaneWiring::ledgerGatePhases(const QString &gateId)
{
    QStringList phases;
    for (const LedgerGateUse &use : kLedgerGateUses) {
        if (gateId == QLatin1String(use.gate))
            phases.append(QLatin1String(use.phase));
    }
    return phases;
}

std::optional<int> LaneWiring::rolloutStepIndex(const RolloutConfig &rollout, const QString &phase)
{
    if (phase == QLatin1String("v1"))
        return -1;
    if (phase == QLatin1String("v1_removed"))
        return static_cast<int>(rollout.steps.size());
    if (phase.startsWith(QLatin1String("v2_"))) {
        bool ok = false;
        const int percent = phase.mid(3).toInt(&ok);
        const auto index = rollout.steps.indexOf(percent);
        if (ok && index >= 0)
            return static_cast<int>(index);
    }
    return std::nullopt;
}

void LaneWiring::install(const EnvironmentConfig &config, GateRegistry &registry)
{
    registry.clear();
    registerLedgerGates(config, registry);
    registerStateGates(config, registry);
    registerRolloutGates(config, registry);
}

} // namespace Cockpit
