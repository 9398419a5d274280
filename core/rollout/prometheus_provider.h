// SPDX-License-Identifier: MIT
#pragma once

#include "rollout/metrics_provider.h"

#include <QHash>

class QNetworkAccessManager;
class QNetworkReply;

namespace Cockpit {

// Queries the Prometheus HTTP API (/api/v1/query_range and /api/v1/query) with the PromQL templates of
// metrics.queries, "{version}" replaced by v1 or v2. Threading: see MetricsProvider.
class PrometheusProvider : public MetricsProvider
{
    Q_OBJECT

public:
    explicit PrometheusProvider(const MetricsConfig &config, QObject *parent = nullptr);
    ~PrometheusProvider() override;

    quint64 query(const RangeQuery &query) override;
    QString describe() const override;

    // The PromQL for module/metric/version, or an empty string when the config has no template.
    QString promql(const QString &module, const QString &metric, const QString &version) const;
    // The same with every placeholder of the query filled in ({version}, {window}).
    QString promql(const RangeQuery &query) const;

private:
    void handleReply(QNetworkReply *reply, RangeResult result);
    void parseBody(const QByteArray &body, RangeResult &result) const;
    void finishLater(RangeResult result);

    MetricsConfig m_config;
    QNetworkAccessManager *m_network = nullptr;
};

} // namespace Cockpit
