// SPDX-License-Identifier: MIT
#include "control/interrupted_transition_gate.h"

#include "control/control_store.h"

namespace Cockpit {

InterruptedTransitionGate::InterruptedTransitionGate(EnvironmentConfig config, QString excludeMigration)
    : m_config(std::move(config))
    , m_exclude(std::move(excludeMigration))
{}

Text InterruptedTransitionGate::name() const
{
    return Text::translate("Gates", "No interrupted transition pending");
}

GateResult InterruptedTransitionGate::evaluate()
{
    std::unique_ptr<ControlStore> store = ControlStore::create(m_config);
    const Result<void> opened = store->open();
    if (!opened)
        return {GateResult::Verdict::Inconclusive, Text::plain(errorMessage(opened))};
    Result<QList<TransitionIntent>> read = store->pendingIntents();
    if (!read)
        return {GateResult::Verdict::Inconclusive, Text::plain(read.error().message)};
    QList<TransitionIntent> pending = std::move(*read);
    pending.removeIf([this](const TransitionIntent &i) { return i.migration == m_exclude; });
    if (pending.isEmpty())
        return {GateResult::Verdict::Pass,
                Text::translate("Gates", "no transition pending in the control database")};
    QList<Text> items;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const TransitionIntent &i : pending) {
        const QString at = i.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const Text item =
            i.isRunning(now)
                ? Text::translate("Gates", "%1 %2 -> %3 (started by %4 on %5 at %6 UTC, still running)")
                : Text::translate("Gates", "%1 %2 -> %3 (started by %4 on %5 at %6 UTC, interrupted)");
        items.append(item.arg(i.migration, i.fromPhase, i.toPhase, i.operatorLabel, i.host, at));
    }
    return {GateResult::Verdict::Fail,
            Text::translate("Gates", "%1 pending: %2")
                .arg(QString::number(pending.size()), Text::join(items, QStringLiteral("; ")))};
}

} // namespace Cockpit
