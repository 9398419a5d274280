// SPDX-License-Identifier: MIT
#include "state/metrics_recorder.h"

namespace Cockpit {

void MetricsRecorder::record(Kind kind, qint64 nanoseconds, bool failed)
{
    QMutexLocker lock(&m_mutex);
    const int i = static_cast<int>(kind);
    ++m_count[i];
    m_totalNs[i] += nanoseconds;
    if (failed)
        ++m_errors;
}

BackendMetrics MetricsRecorder::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    auto average = [&](int i) {
        return m_count[i] ? double(m_totalNs[i]) / double(m_count[i]) / 1e6 : 0.0;
    };
    BackendMetrics m;
    m.readLatencyMs = average(0);
    m.writeLatencyMs = average(1);
    m.queryLatencyMs = average(2);
    m.reads = m_count[0];
    m.writes = m_count[1];
    m.queries = m_count[2];
    m.errors = m_errors;
    const qint64 total = m.reads + m.writes + m.queries;
    m.errorRate = total ? double(m_errors) / double(total) : 0.0;
    return m;
}

} // namespace Cockpit
