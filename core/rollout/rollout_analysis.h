// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "rollout/rollout_verdict.h"

#include <optional>

namespace Cockpit {

class MetricsProvider;

// One blocking analysis of a module's most recent whole intervals, for callers without an event loop of their
// own: the CLI and the rollout gates (which run in worker threads). It creates its own metrics provider in
// the calling thread and runs a local event loop until the verdict or the error arrives.
class RolloutAnalysis
{
public:
    struct Window
    {
        qint64 fromMs = 0;
        qint64 toMs = 0;
        int stepSeconds = 15;
    };

    // The last `intervals` whole intervals ending at or before `atMs`, so repeated runs see the same buckets.
    // intervals <= 0 means max(5, 2 x consecutiveBreaches).
    static Window recentWindow(const RolloutConfig &rollout, qint64 atMs, int intervals = 0);

    // Fails when the metrics source failed: no verdict, so nothing is rolled back.
    // `source` (optional) receives the provider's description. `provider` (optional, living in the calling
    // thread) is asked instead of a new one: a window's simulator, with the regressions injected into it.
    static Result<ModuleVerdict> analyze(const EnvironmentConfig &config, const RolloutModuleConfig &module,
                                         const Window &window, QString *source = nullptr,
                                         MetricsProvider *provider = nullptr);
};

} // namespace Cockpit
