// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMetaType>
#include <QPointF>
#include <QString>

namespace Cockpit {

// Series points are QPointF(x = milliseconds since the epoch, y = value) so that they go straight into the
// downsampler and Qt Charts without a copy into another shape. A double holds epoch milliseconds exactly.
using MetricPoints = QList<QPointF>;

// The metric names a provider serves; a config template is keyed "module/metric".
namespace MetricName {
inline QString throughput()
{
    return QStringLiteral("throughput");
}
inline QString latency()
{
    return QStringLiteral("latency");
}
inline QString memory()
{
    return QStringLiteral("memory");
}
inline QString errorRate()
{
    return QStringLiteral("error_rate");
}
inline QString syncSpeed()
{
    return QStringLiteral("sync_speed");
}
inline QString peerDisconnects()
{
    return QStringLiteral("peer_disconnects");
}
inline QString weight()
{
    return QStringLiteral("weight");
}
} // namespace MetricName

enum class MetricsError
{
    None,
    NoTemplate,  // the config has no PromQL template for module/metric
    Unreachable, // connection refused, host not found, ...
    Timeout,     // no answer within metrics.timeoutMs
    HttpError,   // Prometheus answered with an HTTP error (bad query, overload)
    BadResponse, // the answer was not the JSON Prometheus documents
    NoSeries,    // the query ran but matched no series
};

// True for errors that mean "the metrics backend cannot be trusted right now": an analysis stops and never
// rolls back on them. NoSeries/NoTemplate only make the affected metric inconclusive.
inline bool isBackendFailure(MetricsError error)
{
    return error == MetricsError::Unreachable || error == MetricsError::Timeout
           || error == MetricsError::HttpError || error == MetricsError::BadResponse;
}

struct RangeQuery
{
    QString module;
    QString metric;
    QString version; // "v1" or "v2"
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int stepSeconds = 15; // wanted resolution; the provider may widen it (see MetricsProvider::chooseStep)
    bool instant = false; // one value at toMs (/api/v1/query) instead of a range
    // The PromQL's {window} (a rate's or an increase's range); 0: the query's own span.
    qint64 windowSeconds = 0;
};

struct RangeResult
{
    quint64 requestId = 0;
    RangeQuery query;
    int effectiveStepSeconds = 0;
    QString promql; // the query actually sent, after template substitution (empty for the simulator)
    MetricPoints points;
    MetricsError error = MetricsError::None;
    QString errorMessage; // one line naming the backend, the query and the cause

    bool ok() const { return error == MetricsError::None; }
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::RangeResult)
