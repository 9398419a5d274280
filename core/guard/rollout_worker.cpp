// SPDX-License-Identifier: MIT
#include "guard/rollout_worker.h"

#include "wiring/rollout_states.h"

#include "control/control_store.h"

#include "rollout/analysis_job.h"
#include "rollout/downsampler.h"
#include "rollout/metrics_provider.h"
#include "rollout/simulator_provider.h"

#include <QDateTime>
#include <QTimer>

#include <memory>

namespace Cockpit {

namespace {

const QStringList &chartMetrics()
{
    static const QStringList metrics = {MetricName::throughput(), MetricName::latency(), MetricName::memory(),
                                        MetricName::errorRate()};
    return metrics;
}

// A weight series only changes at promotions and rollbacks: keep the change points, not every sample.
MetricPoints changePoints(const MetricPoints &points)
{
    MetricPoints out;
    for (const QPointF &p : points) {
        if (out.isEmpty() || out.last().y() != p.y())
            out.append(p);
    }
    if (!points.isEmpty() && out.last() != points.last())
        out.append(points.last());
    return out;
}

} // namespace

RolloutWorker::RolloutWorker(MetricsConfig metrics, QObject *parent)
    : QObject(parent)
    , m_metrics(std::move(metrics))
{}

RolloutWorker::~RolloutWorker()
{
    // Runs in the worker's thread (deleted when it finishes): the lease goes with the window.
    if (m_guard)
        m_guard->release();
}

MetricsProvider *RolloutWorker::provider()
{
    if (!m_provider)
        m_provider = MetricsProvider::create(m_metrics);
    return m_provider.get();
}

void RolloutWorker::fetchCharts(const QString &module, qint64 fromMs, qint64 toMs,
                                const std::function<void(const RolloutChartData &)> &reply)
{
    MetricsProvider *source = provider();
    auto data = std::make_shared<RolloutChartData>();
    data->module = module;
    data->fromMs = fromMs;
    data->toMs = toMs;
    auto pending = std::make_shared<QHash<quint64, RangeQuery>>();
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(
        source, &MetricsProvider::rangeFinished, this,
        [reply, data, pending, connection](const RangeResult &result) {
            if (!pending->remove(result.requestId))
                return;
            if (!result.ok()) {
                if (result.error != MetricsError::NoTemplate || result.query.metric != MetricName::weight())
                    data->errors.append(result.errorMessage);
            } else if (result.query.metric == MetricName::weight()) {
                data->weight = changePoints(result.points);
            } else {
                const int index = result.query.version == QLatin1String("v1") ? 0 : 1;
                data->series[result.query.metric][index] = Downsampler::lttb(result.points, ChartPoints);
            }
            if (pending->isEmpty()) {
                disconnect(*connection);
                reply(*data);
            }
        });
    QList<RangeQuery> queries;
    for (const QString &metric : chartMetrics()) {
        for (const QString &version : {QStringLiteral("v1"), QStringLiteral("v2")})
            queries.append({module, metric, version, fromMs, toMs, 15});
    }
    queries.append({module, MetricName::weight(), QStringLiteral("v2"), fromMs, toMs, 15});
    for (const RangeQuery &query : std::as_const(queries))
        pending->insert(source->query(query), query);
}

void RolloutWorker::analyze(const RolloutModuleConfig &module, const RolloutConfig &rollout, qint64 fromMs,
                            qint64 toMs, const std::function<void(const Result<ModuleVerdict> &)> &reply)
{
    const int step = std::clamp(rollout.intervalSeconds / 4, 1, 15);
    auto *job = new AnalysisJob(module, rollout, provider(), fromMs, toMs, step, this);
    connect(job, &AnalysisJob::verdictReady, this, [reply](const ModuleVerdict &verdict) { reply(verdict); });
    connect(job, &AnalysisJob::failed, this, [reply](const QString &message) { reply(fail(message)); });
    connect(job, &AnalysisJob::finished, job, &QObject::deleteLater);
    connect(job, &AnalysisJob::failed, job, &QObject::deleteLater);
    job->start();
}

Result<QList<ModuleRolloutState>> RolloutWorker::loadStates(const EnvironmentConfig &config)
{
    return RolloutStates::load(config);
}

void RolloutWorker::startGuard(const EnvironmentConfig &config, const OperatorIdentity &identity,
                               const QString &holder)
{
    const int tickSeconds = std::clamp(config.rollout.intervalSeconds, 1, 30);
    m_stopAfterTick = false;
    if (m_guard)
        m_guard->resume(); // a stop asked within the running round is taken back
    if (!m_guard) {
        m_guard = std::make_unique<RolloutGuard>(config, identity, QStringLiteral("cockpit window"),
                                                 tickSeconds, holder);
        m_guard->setMetricsProvider(provider());
        m_guard->setWindowGuard(true); // a headless guard takes over from a window, not the other way round
    }
    if (!m_guardTimer) {
        m_guardTimer = new QTimer(this);
        connect(m_guardTimer, &QTimer::timeout, this, &RolloutWorker::guardTick);
    }
    m_guardTimer->start(tickSeconds * 1000);
    guardTick();
}

void RolloutWorker::stopGuard()
{
    if (m_guardTimer)
        m_guardTimer->stop();
    if (m_inGuardTick) {
        // Asked from inside the round (its analysis waits in an event loop): no rollback after this.
        m_guard->stop();
        m_stopAfterTick = true;
        return;
    }
    if (m_guard)
        m_guard->release();
    m_guard.reset();
}

void RolloutWorker::guardTick()
{
    if (!m_guard || m_inGuardTick)
        return;
    m_inGuardTick = true;
    m_guard->tick(QDateTime::currentMSecsSinceEpoch(),
                  [this](const RolloutGuard::Event &event) { emit guardEvent(event); });
    m_inGuardTick = false;
    if (std::exchange(m_stopAfterTick, false))
        stopGuard();
}

Result<RolloutWorker::EvidenceRead> RolloutWorker::loadEvidence(const EnvironmentConfig &config,
                                                                const QHash<QString, qint64> &afterMs)
{
    if (!m_evidenceStore) {
        auto store = ControlStore::create(config);
        if (Result<void> opened = store->open(); !opened)
            return fail(opened.error());
        m_evidenceStore = std::move(store);
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    EvidenceRead read;
    QStringList problems;
    for (const RolloutModuleConfig &module : config.rollout.modules) {
        const Result<RolloutEvidence::History> history = RolloutEvidence::read(
            *m_evidenceStore, module.id, afterMs.value(module.id, now - 86400 * 1000), now, 500);
        if (!history) {
            m_evidenceStore.reset(); // reconnect next time
            return fail(history.error());
        }
        read.intervals += history->intervals;
        if (history->unreadable > 0)
            problems << tr("%n record(s) skipped, the first: %1", "", history->unreadable)
                            .arg(history->firstUnreadable);
    }
    read.skipped = problems.join(QLatin1String("; "));
    return read;
}

void RolloutWorker::injectRegression(const QString &module, const QString &metric, double factor)
{
    if (auto *simulator = qobject_cast<SimulatorProvider *>(provider()))
        simulator->injectRegression(module, metric, factor);
}

void RolloutWorker::clearRegressions()
{
    if (auto *simulator = qobject_cast<SimulatorProvider *>(provider()))
        simulator->clearRegressions();
}

void RolloutWorker::setWeight(const QString &module, int percent)
{
    if (auto *simulator = qobject_cast<SimulatorProvider *>(provider()))
        simulator->setWeight(module, percent);
}

} // namespace Cockpit
