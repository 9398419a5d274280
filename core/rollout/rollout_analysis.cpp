// SPDX-License-Identifier: MIT
#include "rollout/rollout_analysis.h"

#include "rollout/analysis_job.h"
#include "rollout/metrics_provider.h"

#include <QEventLoop>

#include <algorithm>

namespace Cockpit {

RolloutAnalysis::Window RolloutAnalysis::recentWindow(const RolloutConfig &rollout, qint64 atMs,
                                                      int intervals)
{
    if (intervals <= 0)
        intervals = std::max(5, 2 * rollout.consecutiveBreaches);
    const qint64 intervalMs = qint64(rollout.intervalSeconds) * 1000;
    Window window;
    window.toMs = atMs / intervalMs * intervalMs;
    window.fromMs = window.toMs - intervals * intervalMs;
    window.stepSeconds = std::clamp(rollout.intervalSeconds / 4, 1, 15);
    return window;
}

Result<ModuleVerdict> RolloutAnalysis::analyze(const EnvironmentConfig &config,
                                               const RolloutModuleConfig &module, const Window &window,
                                               QString *source, MetricsProvider *provider)
{
    std::unique_ptr<MetricsProvider> own;
    if (!provider) {
        own = MetricsProvider::create(config.metrics);
        provider = own.get();
    }
    if (source)
        *source = provider->describe();
    AnalysisJob job(module, config.rollout, provider, window.fromMs, window.toMs, window.stepSeconds);
    QEventLoop loop;
    QObject::connect(&job, &AnalysisJob::finished, &loop, &QEventLoop::quit);
    QObject::connect(&job, &AnalysisJob::failed, &loop, &QEventLoop::quit);
    job.start();
    if (!job.verdict() && job.errorMessage().isEmpty())
        loop.exec();
    if (!job.verdict())
        return fail(job.errorMessage().isEmpty() ? QStringLiteral("analysis interrupted")
                                                 : job.errorMessage(),
                    ErrorKind::Unreachable);
    return *job.verdict();
}

} // namespace Cockpit
