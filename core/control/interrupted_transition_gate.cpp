// SPDX-License-Identifier: MIT
#include "control/interrupted_transition_gate.h"

#include "control/control_store.h"

namespace Cockpit {

InterruptedTransitionGate::InterruptedTransitionGate(EnvironmentConfig config, QString excludeMigration)
    : m_config(std::move(config))
    , m_exclude(std::move(excludeMigration))
{}

QString InterruptedTransitionGate::name() const
{
    return QStringLiteral("No interrupted transition pending");
}

GateResult InterruptedTransitionGate::evaluate()
{
    std::unique_ptr<ControlStore> store = ControlStore::create(m_config);
    const Result<void> opened = store->open();
    if (!opened)
        return {GateResult::Verdict::Inconclusive, errorMessage(opened)};
    Result<QList<TransitionIntent>> read = store->pendingIntents();
    if (!read)
        return {GateResult::Verdict::Inconclusive, read.error().message};
    QList<TransitionIntent> pending = std::move(*read);
    pending.removeIf([this](const TransitionIntent &i) { return i.migration == m_exclude; });
    if (pending.isEmpty())
        return {GateResult::Verdict::Pass, QStringLiteral("0 transitions pending in the control database")};
    QStringList items;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const TransitionIntent &i : pending) {
        items.append(i.migration + QLatin1String(" ") + i.fromPhase + QLatin1String(" -> ") + i.toPhase
                     + QLatin1String(" (started by ") + i.operatorLabel + QLatin1String(" on ") + i.host
                     + QLatin1String(" at ") + i.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                     + (i.isRunning(now) ? QStringLiteral(" UTC, still running)")
                                         : QStringLiteral(" UTC, interrupted)")));
    }
    return {GateResult::Verdict::Fail,
            QString::number(pending.size()) + QLatin1String(" pending: ") + items.join(QLatin1String("; "))};
}

} // namespace Cockpit
