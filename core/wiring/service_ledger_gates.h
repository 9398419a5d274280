// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "control/gate.h"
#include "reconcile/reconcile_types.h"

#include <QList>

namespace Cockpit {

// The ledger migration's gates on an observed ledger (a service's database), judged by two sources that
// must agree: the service's own telemetry in its Prometheus, and the cockpit's own reconciliation runs. A
// window "without discrepancies" passes only when the service's discrepancy counter did not increase over
// it **and** complete full reconciliation runs covered it (at least one in every
// ledger.gates.reconcilePeriod) and found nothing; the evidence names both, with their numbers. Missing data
// on either side is inconclusive, never a pass. Blocking (Prometheus, the database): a worker or the CLI's
// thread.
class ServiceLedgerGates
{
public:
    static GateResult cleanWindow(const EnvironmentConfig &config, qint64 windowSeconds, qint64 nowMs);
    // Strict mode: the service's write success rate stayed at or above 0.99 over the window.
    static GateResult strictClean(const EnvironmentConfig &config, qint64 windowSeconds, qint64 nowMs);
    // Ledger reads within ledger.gates.performanceTolerancePercent of legacy, p95, over the alert window.
    static GateResult performance(const EnvironmentConfig &config, qint64 nowMs);

    // Which periods of a window have a complete full run, and what the runs found. Pure.
    struct Coverage
    {
        qsizetype runs = 0;
        // Runs find the same open discrepancy again and again: their counts are not added up. How many
        // runs found any, and what the newest found, say what is known.
        qsizetype dirtyRuns = 0;
        qint64 newestDiscrepancies = 0; // found by the newest run
        qint64 firstDirtyRun = 0;       // the first run that found any, 0 when none
        QList<qint64> uncoveredFromMs;  // start of each period without a run, newest first
        qint64 newestRun = 0;
        qint64 newestMs = 0;
    };
    static Coverage coverage(const QList<RunSummary> &completeFullRuns, qint64 windowSeconds,
                             qint64 periodSeconds, qint64 nowMs);
};

} // namespace Cockpit
