// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "rollout/metric_types.h"
#include "rollout/rollout_analyzer.h"
#include "rollout/rollout_verdict.h"

#include <QList>
#include <QObject>

#include <optional>

namespace Cockpit {

class MetricsProvider;

// Fetches V1 and V2 series of one module's metrics over a window and runs RolloutAnalyzer on them.
//
// Threading contract: lives in the provider's thread (create both in the same worker thread, or use it in
// the CLI's main thread); start() and cancel() are called from that thread. Exactly one of finished() (after
// verdictReady) or failed() is emitted per start(). Queries run one
// after the other. When the metrics backend fails (unreachable, timeout,
// HTTP error) the job fails with the provider's message and produces no verdict, so nothing is rolled back
// on a monitoring outage. A query that matches no series only makes its metric inconclusive.
class AnalysisJob : public QObject
{
    Q_OBJECT

public:
    AnalysisJob(RolloutModuleConfig module, RolloutConfig rollout, MetricsProvider *provider, qint64 fromMs,
                qint64 toMs, int stepSeconds, QObject *parent = nullptr);

    void start();
    void cancel();

    const std::optional<ModuleVerdict> &verdict() const { return m_verdict; }
    const MetricsSnapshot &snapshot() const { return m_snapshot; }
    QString errorMessage() const { return m_error; }

signals:
    void progress(int percent);
    void progressMessage(const QString &message);
    void verdictReady(const Cockpit::ModuleVerdict &verdict);
    void finished();
    void failed(const QString &message);

private:
    void onRangeFinished(const RangeResult &result);
    void sendNext();
    void fail(const QString &message);

    RolloutModuleConfig m_module;
    RolloutConfig m_rollout;
    MetricsProvider *m_provider;
    qint64 m_fromMs;
    qint64 m_toMs;
    int m_stepSeconds;
    // One query in flight at a time: a few series per module, and a backend that goes away mid-analysis
    // is noticed at the next query instead of by a burst of parallel failures.
    QList<RangeQuery> m_queue;
    quint64 m_inFlight = 0;
    int m_total = 0;
    bool m_done = false;
    MetricsSnapshot m_snapshot;
    std::optional<ModuleVerdict> m_verdict;
    QString m_error;
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::ModuleVerdict)
