// SPDX-License-Identifier: MIT
#include "rollout/rollout_state_store.h"

#include "rollout/rollout_verdict.h"

namespace Cockpit {

QString RolloutStateStore::phaseName(const RolloutConfig &rollout, const ModuleRolloutState &state)
{
    if (state.stepIndex < 0)
        return QStringLiteral("v1");
    if (state.stepIndex >= rollout.steps.size())
        return QStringLiteral("v1_removed");
    return QString::number(rollout.steps.at(state.stepIndex)) + QLatin1String(" %");
}

int RolloutStateStore::weightPercent(const RolloutConfig &rollout, const ModuleRolloutState &state)
{
    if (state.stepIndex < 0)
        return 0;
    if (state.stepIndex >= rollout.steps.size())
        return 100;
    return rollout.steps.at(state.stepIndex);
}

qint64 RolloutStateStore::dwellRemainingSeconds(const RolloutConfig &rollout, const ModuleRolloutState &state,
                                                qint64 nowMs)
{
    if (state.stepIndex < 0 || state.stepIndex >= rollout.dwellSeconds.size())
        return 0;
    const qint64 elapsed = (nowMs - state.enteredAtMs) / 1000;
    return std::max<qint64>(0, rollout.dwellSeconds.at(state.stepIndex) - elapsed);
}

QString RolloutStateStore::promoteBlocker(const RolloutConfig &rollout, const ModuleRolloutState &state,
                                          qint64 nowMs, const ModuleVerdict *latest)
{
    if (state.stepIndex >= rollout.steps.size())
        return state.module + QLatin1String(" is complete (V1 removed)");
    if (state.paused)
        return state.module + QLatin1String(" is paused by ") + state.pausedBy
               + (state.pauseReason.isEmpty() ? QString() : QLatin1String(": ") + state.pauseReason);
    if (const qint64 remaining = dwellRemainingSeconds(rollout, state, nowMs); remaining > 0)
        return QLatin1String("minimum dwell time at ") + phaseName(rollout, state)
               + QLatin1String(" not reached: ") + QString::number(remaining) + QLatin1String(" s left");
    if (state.stepIndex < 0)
        return QString(); // V1 -> first step needs no V2 data yet
    if (!latest)
        return QStringLiteral("no analysis of the current step yet");
    if (latest->status == VerdictStatus::Breach || latest->status == VerdictStatus::Failing)
        return QLatin1String("latest analysis is ") + verdictStatusName(latest->status) + QLatin1String(": ")
               + latest->summary();
    if (latest->status == VerdictStatus::Inconclusive)
        return QStringLiteral("latest analysis is inconclusive (missing data); promotion needs a pass");
    if (state.stepIndex == rollout.steps.size() - 1 && !latest->completionGatesPassed()) {
        QStringList failed;
        for (const CompletionGateResult &gate : latest->completionGates) {
            if (!gate.passed)
                failed << gate.description
                              + (gate.observedPercent ? QLatin1String(" (observed ")
                                                            + QString::number(*gate.observedPercent, 'f', 1)
                                                            + QLatin1String(" %)")
                                                      : QStringLiteral(" (no data)"));
        }
        return QLatin1String("completion targets not met: ") + failed.join(QLatin1String("; "));
    }
    return QString();
}

ModuleRolloutState RolloutStateStore::promoted(const RolloutConfig &rollout, ModuleRolloutState state,
                                               qint64 nowMs)
{
    state.stepIndex = std::min<int>(state.stepIndex + 1, static_cast<int>(rollout.steps.size()));
    state.enteredAtMs = nowMs;
    return state;
}

ModuleRolloutState RolloutStateStore::rolledBack(ModuleRolloutState state, qint64 nowMs)
{
    state.stepIndex = -1;
    state.enteredAtMs = nowMs;
    return state;
}

QString RolloutStateStore::weightVariable(const RolloutModuleConfig &module)
{
    QString base = module.versionVar;
    if (base.endsWith(QLatin1String("_VERSION")))
        base.chop(8);
    return base + QLatin1String("_V2_WEIGHT");
}

QByteArray RolloutStateStore::actuatorEnv(const RolloutModuleConfig &module, int weightPercent)
{
    const QString text =
        module.versionVar + (weightPercent > 0 ? QLatin1String("=v2\n") : QLatin1String("=v1\n"))
        + weightVariable(module) + QLatin1Char('=') + QString::number(weightPercent) + QLatin1Char('\n');
    return text.toUtf8();
}

} // namespace Cockpit
