// SPDX-License-Identifier: MIT
#include "rollout/rollout_plan.h"

#include "rollout/rollout_verdict.h"

namespace Cockpit {

QString RolloutPlan::phaseName(const RolloutConfig &rollout, const ModuleRolloutState &state)
{
    if (state.stepIndex < 0)
        return QStringLiteral("v1");
    if (state.stepIndex >= rollout.steps.size())
        return QStringLiteral("v1_removed");
    return QString::number(rollout.steps.at(state.stepIndex)) + QLatin1String(" %");
}

int RolloutPlan::weightPercent(const RolloutConfig &rollout, const ModuleRolloutState &state)
{
    if (state.stepIndex < 0)
        return 0;
    if (state.stepIndex >= rollout.steps.size())
        return 100;
    return rollout.steps.at(state.stepIndex);
}

qint64 RolloutPlan::dwellRemainingSeconds(const RolloutConfig &rollout, const ModuleRolloutState &state,
                                          qint64 nowMs)
{
    if (state.stepIndex < 0 || state.stepIndex >= rollout.dwellSeconds.size())
        return 0;
    const qint64 elapsed = (nowMs - state.enteredAtMs) / 1000;
    return std::max<qint64>(0, rollout.dwellSeconds.at(state.stepIndex) - elapsed);
}

QString RolloutPlan::weightVariable(const RolloutModuleConfig &module)
{
    QString base = module.versionVar;
    if (base.endsWith(QLatin1String("_VERSION")))
        base.chop(8);
    return base + QLatin1String("_V2_WEIGHT");
}

QByteArray RolloutPlan::actuatorEnv(const RolloutModuleConfig &module, int weightPercent)
{
    const QString text =
        module.versionVar + (weightPercent > 0 ? QLatin1String("=v2\n") : QLatin1String("=v1\n"))
        + weightVariable(module) + QLatin1Char('=') + QString::number(weightPercent) + QLatin1Char('\n');
    return text.toUtf8();
}

} // namespace Cockpit
