// SPDX-License-Identifier: MIT
#pragma once

#include <QMutex>
#include <QtGlobal>

namespace Cockpit {

// A backend's metrics: average latencies in milliseconds, error rate 0..1, cache hit rate 0..1
// (negative when the backend has no cache).
struct BackendMetrics
{
    double readLatencyMs = 0;
    double writeLatencyMs = 0;
    double queryLatencyMs = 0;
    double errorRate = 0;
    double cacheHitRate = -1;
    qint64 reads = 0;
    qint64 writes = 0;
    qint64 queries = 0;
    qint64 errors = 0;
};

// Accumulates operation latencies for BackendMetrics. Thread-safe (own mutex).
class MetricsRecorder
{
public:
    enum class Kind
    {
        Read,
        Write,
        Query
    };

    void record(Kind kind, qint64 nanoseconds, bool failed);
    BackendMetrics snapshot() const;

private:
    mutable QMutex m_mutex;
    qint64 m_count[3] = {0, 0, 0};
    qint64 m_totalNs[3] = {0, 0, 0};
    qint64 m_errors = 0;
};

} // namespace Cockpit
