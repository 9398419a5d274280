// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "ledger/ledger_monitor.h"

#include <QList>
#include <QString>

#include <optional>

namespace Cockpit {

// The ledger service judged by its own telemetry: the three ledger alert rules evaluated as PromQL against
// the service's Prometheus (metrics.queries "ledger/*", defaulting to the metrics it exports), instead of
// counters only the cockpit's own demo writes. No traffic, NaN or a failed query is inconclusive, never
// healthy. Blocking (it waits for Prometheus, bounded by metrics.timeoutMs): the CLI's thread or a worker,
// never the GUI thread.
class LedgerTelemetry
{
public:
    // One instant query's answer: the value, or why there is none.
    struct Reading
    {
        QString promql;
        std::optional<double> value;
        QString error; // empty with a value; "no data" or the query's error otherwise

        // "the figure (PromQL)" or "no data (PromQL): why", for evidence and alert details.
        Text describe() const;
    };
    struct Readings
    {
        Reading discrepancies; // increase over the alert window
        Reading writeSuccessRate;
        Reading queryP95Ledger;
        Reading queryP95Legacy;
    };

    // Asks Prometheus (environment's metrics.url) at nowMs. Fails when the metrics source is not Prometheus.
    static Result<Readings> read(const EnvironmentConfig &config, qint64 nowMs);
    // Instant queries of metrics.queries["ledger/<metric>"] over [nowMs - windowSeconds, nowMs], in order.
    static Result<QList<Reading>> query(const EnvironmentConfig &config, const QStringList &metrics,
                                        qint64 windowSeconds, qint64 nowMs);
    // The Ledger page's charts from range queries (/api/v1/query_range) over the last spanSeconds: the
    // discrepancy counter's increase over the alert window and the p95 query times of ledger and legacy
    // reads, at each step. A query that fails leaves its series absent and says why in `problems`.
    static Result<LedgerChartData> chart(const EnvironmentConfig &config, qint64 spanSeconds, qint64 nowMs);
    // The alert rules on readings: HighDiscrepancyRate, LedgerWriteFailures, PerformanceDegradation, each
    // naming the PromQL and the figure it rests on. Pure.
    static QList<LedgerAlert> alerts(const LedgerConfig &ledger, const Readings &readings);
};

} // namespace Cockpit
