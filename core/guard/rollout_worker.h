// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "config/operator_identity.h"
#include "guard/rollout_evidence.h"
#include "guard/rollout_guard.h"
#include "rollout/metric_types.h"
#include "rollout/rollout_chart_data.h"
#include "rollout/rollout_plan.h"
#include "rollout/rollout_verdict.h"

#include <QHash>
#include <QObject>

#include <array>
#include <functional>
#include <memory>

class QTimer;

namespace Cockpit {

class ControlStore;
class MetricsProvider;

// Owns the metrics provider and does every fetch, analysis and downsampling off the UI thread.
//
// Threading contract: the context of the page's JobThread: constructed in the UI thread, then moved into
// that thread, where every public function runs (through the JobThread). Charts and verdicts answer through
// a reply, which the JobThread hands back to the page while still wanted; the guard's events, states and
// evidence come as queued signals. The provider is created lazily inside the worker thread.
class RolloutWorker : public QObject
{
    Q_OBJECT

public:
    explicit RolloutWorker(MetricsConfig metrics, QObject *parent = nullptr);
    ~RolloutWorker() override;

    // Maximum points per series handed to the charts.
    static constexpr int ChartPoints =
        600; // LTTB keeps the shape; more points than half the pixels only cost render time

    void fetchCharts(const QString &module, qint64 fromMs, qint64 toMs,
                     const std::function<void(const RolloutChartData &)> &reply);
    void analyze(const RolloutModuleConfig &module, const RolloutConfig &rollout, qint64 fromMs, qint64 toMs,
                 const std::function<void(const Result<ModuleVerdict> &)> &reply);
    // Reads the rollout state file and reports every configured module's state.
    // Where every module stands, from the control store.
    Result<QList<ModuleRolloutState>> loadStates(const EnvironmentConfig &config);
    // The window's own guard (RolloutGuard, the same rules and lease as `cockpitctl guard`), ticking in this
    // thread on the worker's metrics provider, so that a simulator's injected regressions count. It acts
    // only while it holds the environment's guard lease; `holder` is the window's token in the lease.
    void startGuard(const Cockpit::EnvironmentConfig &config, const Cockpit::OperatorIdentity &identity,
                    const QString &holder);
    // Stops ticking and gives the lease up (deferred to the end of a running tick).
    void stopGuard();
    // The guard's evidence of every module's intervals that ended after `afterMs`, on a connection kept
    // between reads; records that cannot be read are skipped and named.
    struct EvidenceRead
    {
        QList<StoredInterval> intervals;
        QString skipped; // "3 record(s) skipped, the first: …" per module; empty when none
    };
    Result<EvidenceRead> loadEvidence(const EnvironmentConfig &config, const QHash<QString, qint64> &afterMs);
    // Simulator only; ignored for Prometheus.
    void injectRegression(const QString &module, const QString &metric, double factor);
    void clearRegressions();
    void setWeight(const QString &module, int percent);
    bool isSimulator() const { return m_metrics.source == MetricsConfig::Source::Simulator; }

signals:
    void guardEvent(const Cockpit::RolloutGuard::Event &event);

private:
    MetricsProvider *provider();
    void guardTick();

    MetricsConfig m_metrics;
    std::unique_ptr<MetricsProvider> m_provider;
    std::unique_ptr<RolloutGuard> m_guard;
    std::unique_ptr<ControlStore> m_evidenceStore; // the history's reads, one connection kept
    QTimer *m_guardTimer = nullptr;
    // A tick waits for its analyses in a local event loop, in which a queued stopGuard() may run: the
    // guard is then released after the tick, never under it.
    bool m_inGuardTick = false;
    bool m_stopAfterTick = false;
};

} // namespace Cockpit
