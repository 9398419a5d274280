// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/latency_histogram.h"
#include "ledger/ledger_types.h"

#include <QHash>
#include <QList>

namespace Cockpit {

// Metric names as stored in ledger_metrics, named after the ledger service's own metrics.
namespace LedgerMetricName {
inline QString write()
{
    return QStringLiteral("ledger_write");
} // labels ok / failed / rejected
inline QString shadowFailure()
{
    return QStringLiteral("shadow_write_failure");
}
inline QString discrepancy()
{
    return QStringLiteral("ledger_shadow_discrepancy_count");
} // label: account type
inline QString balanceQuery()
{
    return QStringLiteral("balance_query_duration");
} // label: ledger / legacy
inline QString writeLag()
{
    return QStringLiteral("shadow_mode_write_lag");
}
} // namespace LedgerMetricName

// Aggregates the facade's events per wall-clock second in memory; takeRows() hands the finished (or all)
// seconds over for LedgerStore::writeMetrics(). Aggregating keeps the metric cost off the per-operation
// path (one row per metric per second, not one per operation).
// Not synchronised: owned by one LedgerIntegration, used from its thread.
class LedgerMetrics
{
public:
    // The facade's write outcomes, counted without building a key per operation.
    enum class Outcome
    {
        Ok,
        Failed,
        Rejected
    };
    void recordWrite(Outcome outcome, qint64 nowMs);
    void recordWrite(const QString &outcome, qint64 nowMs);
    void recordShadowFailure(qint64 nowMs);
    void recordDiscrepancy(const QString &accountType, qint64 nowMs);
    void recordBalanceQuery(const QString &source, qint64 nanoseconds, qint64 nowMs);
    void recordWriteLag(qint64 nanoseconds, qint64 nowMs);

    bool hasPending() const { return m_second != 0 || !m_done.isEmpty(); }
    // All aggregated rows, the current second included; the recorder starts empty again.
    QList<MetricRow> takeRows();

private:
    struct Second
    {
        qint64 writes[3] = {};         // by Outcome
        QHash<QString, qint64> counts; // "metric\x1flabel" -> count
        LatencyHistogram ledgerQuery;
        LatencyHistogram legacyQuery;
        LatencyHistogram lag;
    };
    Second &at(qint64 nowMs);
    void close();

    qint64 m_second = 0;
    Second m_current;
    QList<MetricRow> m_done;
};

} // namespace Cockpit
