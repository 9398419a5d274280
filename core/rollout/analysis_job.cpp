// SPDX-License-Identifier: MIT
#include "rollout/analysis_job.h"

#include "common/logging.h"
#include "rollout/metrics_provider.h"

namespace Cockpit {

AnalysisJob::AnalysisJob(RolloutModuleConfig module, RolloutConfig rollout, MetricsProvider *provider,
                         qint64 fromMs, qint64 toMs, int stepSeconds, QObject *parent)
    : QObject(parent)
    , m_module(std::move(module))
    , m_rollout(std::move(rollout))
    , m_provider(provider)
    , m_fromMs(fromMs)
    , m_toMs(toMs)
    , m_stepSeconds(stepSeconds)
{
    connect(m_provider, &MetricsProvider::rangeFinished, this, &AnalysisJob::onRangeFinished);
}

void AnalysisJob::start()
{
    m_done = false;
    m_queue.clear();
    m_inFlight = 0;
    m_snapshot = {};
    m_verdict.reset();
    m_error.clear();
    const QStringList metrics = RolloutAnalyzer::requiredMetrics(m_module);
    m_total = static_cast<int>(metrics.size()) * 2;
    emit progress(0);
    emit progressMessage(QLatin1String("fetching ") + QString::number(m_total) + QLatin1String(" series of ")
                         + m_module.id + QLatin1String(" from ") + m_provider->describe());
    for (const QString &metric : metrics) {
        for (const QString &version : {QStringLiteral("v1"), QStringLiteral("v2")}) {
            RangeQuery query;
            query.module = m_module.id;
            query.metric = metric;
            query.version = version;
            query.fromMs = m_fromMs;
            query.toMs = m_toMs;
            query.stepSeconds = m_stepSeconds;
            m_queue.append(query);
        }
    }
    if (m_total == 0) {
        // A module without thresholds cannot pass; analyze() makes that inconclusive.
        m_verdict = RolloutAnalyzer::analyze(m_module, m_rollout, m_snapshot, m_fromMs, m_toMs);
        m_done = true;
        emit verdictReady(*m_verdict);
        emit finished();
        return;
    }
    sendNext();
}

void AnalysisJob::sendNext()
{
    const RangeQuery query = m_queue.takeFirst();
    m_inFlight = m_provider->query(query);
}

void AnalysisJob::cancel()
{
    if (m_done)
        return;
    fail(QStringLiteral("analysis cancelled"));
}

void AnalysisJob::fail(const QString &message)
{
    m_done = true;
    m_queue.clear();
    m_inFlight = 0;
    m_error = message;
    // Every caller reports the failure itself (the CLI, the guard, the window's Activity panel).
    qCDebug(lcRollout).noquote() << m_module.id << "analysis failed:" << message;
    emit failed(message);
}

void AnalysisJob::onRangeFinished(const RangeResult &result)
{
    if (m_done || result.requestId != m_inFlight)
        return;
    m_inFlight = 0; // another caller's request, or one that arrived after a failure or cancel
    if (isBackendFailure(result.error)) {
        fail(result.errorMessage);
        return;
    }
    const QString key = MetricsSnapshot::key(result.query.metric, result.query.version);
    m_snapshot.queries.insert(
        key, SentQuery{result.promql, result.query.fromMs, result.query.toMs, result.effectiveStepSeconds});
    if (result.ok())
        m_snapshot.series.insert(key, result.points);
    else
        m_snapshot.notes.insert(key, result.errorMessage);

    const int done = m_total - static_cast<int>(m_queue.size());
    emit progress(done * 100 / std::max(1, m_total));
    if (!m_queue.isEmpty()) {
        sendNext();
        return;
    }
    m_verdict = RolloutAnalyzer::analyze(m_module, m_rollout, m_snapshot, m_fromMs, m_toMs);
    m_done = true;
    qCDebug(lcRollout).noquote() << m_verdict->summary();
    emit progressMessage(m_verdict->summary());
    emit verdictReady(*m_verdict);
    emit finished();
}

} // namespace Cockpit
