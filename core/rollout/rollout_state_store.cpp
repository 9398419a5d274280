// SPDX-License-Identifier: MIT
#include "rollout/rollout_state_store.h"

#include "common/atomic_file.h"
#include "rollout/rollout_verdict.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace Cockpit {

RolloutStateStore::RolloutStateStore(QString path)
    : m_path(std::move(path))
{}

QString RolloutStateStore::defaultPath(const EnvironmentConfig &env)
{
    if (!env.dataDir.isEmpty())
        return env.dataDir + QLatin1String("/rollout-state.json");
    return QFileInfo(env.filePath).absolutePath() + QLatin1Char('/') + env.name
           + QLatin1String(".rollout-state.json");
}

QString RolloutStateStore::load()
{
    m_states.clear();
    QFile file(m_path);
    if (!file.exists())
        return QString();
    if (!file.open(QIODevice::ReadOnly))
        return m_path + QLatin1String(": cannot read: ") + file.errorString();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return m_path + QLatin1String(": not a rollout state file (") + error.errorString()
               + QLatin1Char(')');
    const QJsonObject modules = document.object().value(QLatin1String("modules")).toObject();
    QHash<QString, ModuleRolloutState> loaded;
    for (auto it = modules.begin(); it != modules.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        ModuleRolloutState s;
        s.module = it.key();
        if (!o.value(QLatin1String("stepIndex")).isDouble())
            return m_path + QLatin1String(": /modules/") + it.key()
                   + QLatin1String("/stepIndex: expected a number");
        s.stepIndex = o.value(QLatin1String("stepIndex")).toInt();
        s.enteredAtMs = static_cast<qint64>(o.value(QLatin1String("enteredAtMs")).toDouble());
        s.paused = o.value(QLatin1String("paused")).toBool();
        s.pausedBy = o.value(QLatin1String("pausedBy")).toString();
        s.pauseReason = o.value(QLatin1String("pauseReason")).toString();
        s.pausedAtMs = static_cast<qint64>(o.value(QLatin1String("pausedAtMs")).toDouble());
        loaded.insert(s.module, s);
    }
    m_states = loaded;
    return QString();
}

QString RolloutStateStore::save() const
{
    QJsonObject modules;
    for (const ModuleRolloutState &s : m_states) {
        modules.insert(s.module,
                       QJsonObject{{QStringLiteral("stepIndex"), s.stepIndex},
                                   {QStringLiteral("enteredAtMs"), static_cast<double>(s.enteredAtMs)},
                                   {QStringLiteral("paused"), s.paused},
                                   {QStringLiteral("pausedBy"), s.pausedBy},
                                   {QStringLiteral("pauseReason"), s.pauseReason},
                                   {QStringLiteral("pausedAtMs"), static_cast<double>(s.pausedAtMs)}});
    }
    const QJsonObject root{{QStringLiteral("format"), 1}, {QStringLiteral("modules"), modules}};
    return AtomicFile::write(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

ModuleRolloutState RolloutStateStore::state(const QString &module) const
{
    ModuleRolloutState fallback;
    fallback.module = module;
    return m_states.value(module, fallback);
}

void RolloutStateStore::setState(const ModuleRolloutState &state)
{
    m_states.insert(state.module, state);
}

QString RolloutStateStore::pause(const QString &module, const QString &who, const QString &reason,
                                 qint64 nowMs)
{
    ModuleRolloutState s = state(module);
    if (s.paused)
        return module + QLatin1String(" is already paused (by ") + s.pausedBy + QLatin1Char(')');
    const auto previous = m_states;
    s.paused = true;
    s.pausedBy = who;
    s.pauseReason = reason;
    s.pausedAtMs = nowMs;
    setState(s);
    const QString error = save();
    if (!error.isEmpty())
        m_states = previous;
    return error;
}

QString RolloutStateStore::resume(const QString &module, const QString &who)
{
    Q_UNUSED(who)
    ModuleRolloutState s = state(module);
    if (!s.paused)
        return module + QLatin1String(" is not paused");
    const auto previous = m_states;
    s.paused = false;
    s.pausedBy.clear();
    s.pauseReason.clear();
    s.pausedAtMs = 0;
    setState(s);
    const QString error = save();
    if (!error.isEmpty())
        m_states = previous;
    return error;
}

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
