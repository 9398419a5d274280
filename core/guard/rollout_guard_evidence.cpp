// SPDX-License-Identifier: MIT
// The guard's evidence: every analysed interval kept in the control store, old records pruned.
#include "guard/rollout_guard.h"

#include "control/control_store.h"
#include "guard/rollout_evidence.h"

#include <QDateTime>

namespace Cockpit {

namespace {

constexpr qint64 PruneEveryMs = 3600 * 1000;

} // namespace

void RolloutGuard::recordEvidence(const ModuleRolloutState &state, int weightPercent,
                                  const ModuleVerdict &verdict, const QString &source, qint64 nowMs,
                                  const EventSink &sink)
{
    if (!m_store)
        return;
    RolloutEvidence::Context context;
    context.weightPercent = weightPercent;
    context.stepEnteredAtMs = state.enteredAtMs;
    context.source = source;
    context.decides = RolloutJudgeConfig::decidesName(m_config.rollout.judge.decides);
    context.recordedBy =
        m_label + QLatin1String(" (") + m_identity.label() + QLatin1String(") on ") + m_identity.host;
    context.recordedAt = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    const QString key = QLatin1String("evidence of ") + state.module;
    const Result<void> result = m_store->recordEvidence(RolloutEvidence::records(verdict, context));
    if (result.has_value()) {
        m_lastErrors.remove(key);
        return;
    }
    // The verdict still counts: evidence that cannot be written is said, and the guard goes on acting.
    if (m_lastErrors.value(key) != errorMessage(result))
        sink({nowMs, Event::Kind::Failed, state.module,
              QLatin1String("evidence not recorded: ") + errorMessage(result)});
    m_lastErrors.insert(key, errorMessage(result));
}

void RolloutGuard::pruneEvidence(qint64 nowMs, const EventSink &sink)
{
    if (!m_store || (m_lastPruneMs != 0 && nowMs - m_lastPruneMs < PruneEveryMs))
        return;
    m_lastPruneMs = nowMs;
    const qint64 before = nowMs - m_config.rollout.evidenceRetentionSeconds * 1000;
    int removed = 0;
    const Result<void> result = m_store->pruneEvidence(before, &removed);
    if (!result)
        sink({nowMs, Event::Kind::Failed, QString(),
              QLatin1String("old evidence not pruned: ") + errorMessage(result)});
    else if (removed > 0)
        sink({nowMs, Event::Kind::Info, QString(),
              QStringLiteral("pruned %1 evidence records that ended before %2")
                  .arg(removed)
                  .arg(QDateTime::fromMSecsSinceEpoch(before, Qt::UTC).toString(Qt::ISODate))});
}

} // namespace Cockpit
