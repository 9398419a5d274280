// SPDX-License-Identifier: MIT
#include "rollout/prometheus_provider.h"

#include "common/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <cmath>

namespace Cockpit {

namespace {

QString seconds(qint64 ms)
{
    // Prometheus accepts fractional Unix seconds; milliseconds are enough.
    return QString::number(static_cast<double>(ms) / 1000.0, 'f', 3);
}

} // namespace

PrometheusProvider::PrometheusProvider(const MetricsConfig &config, QObject *parent)
    : MetricsProvider(parent)
    , m_config(config)
    , m_network(new QNetworkAccessManager(this))
{
    // Never follow a proxy from the environment to a loopback or internal Prometheus.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

PrometheusProvider::~PrometheusProvider() = default;

QString PrometheusProvider::describe() const
{
    return QLatin1String("Prometheus at ") + m_config.prometheusUrl.toString();
}

QString PrometheusProvider::promql(const QString &module, const QString &metric, const QString &version) const
{
    QString text = m_config.queries.value(module + QLatin1Char('/') + metric);
    text.replace(QLatin1String("{version}"), version);
    return text;
}

QString PrometheusProvider::promql(const RangeQuery &query) const
{
    QString text = promql(query.module, query.metric, query.version);
    // An instant query over a window (a rate, an increase) names it as {window}: the query's own span,
    // unless the caller chose one (a range of windowed values, each point looking back that far).
    const qint64 windowSeconds = query.windowSeconds > 0
                                     ? query.windowSeconds
                                     : std::max<qint64>(1, (query.toMs - query.fromMs) / 1000);
    text.replace(QLatin1String("{window}"), QString::number(windowSeconds) + QLatin1Char('s'));
    return text;
}

quint64 PrometheusProvider::query(const RangeQuery &query)
{
    RangeResult result;
    result.requestId = nextRequestId();
    result.query = query;
    result.promql = promql(query);
    if (result.promql.isEmpty()) {
        result.error = MetricsError::NoTemplate;
        result.errorMessage = QLatin1String("no PromQL template for \"") + query.module + QLatin1Char('/')
                              + query.metric + QLatin1String("\" in metrics.queries");
        finishLater(result);
        return result.requestId;
    }

    QUrl url = m_config.prometheusUrl;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("query"), result.promql);
    if (query.instant) {
        url.setPath(path + QLatin1String("/api/v1/query"));
        params.addQueryItem(QStringLiteral("time"), seconds(query.toMs));
    } else {
        result.effectiveStepSeconds = chooseStep(query.fromMs, query.toMs, query.stepSeconds);
        url.setPath(path + QLatin1String("/api/v1/query_range"));
        params.addQueryItem(QStringLiteral("start"), seconds(query.fromMs));
        params.addQueryItem(QStringLiteral("end"), seconds(query.toMs));
        params.addQueryItem(QStringLiteral("step"), QString::number(result.effectiveStepSeconds));
    }
    // The server-side timeout keeps a slow query from running on after we gave up on it.
    params.addQueryItem(QStringLiteral("timeout"), QString::number(m_config.timeoutMs) + QLatin1String("ms"));
    // A '+' in PromQL must reach Prometheus as %2B, not as a space.
    url.setQuery(params.query(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%2B")),
                 QUrl::StrictMode);

    QNetworkRequest request(url);
    request.setTransferTimeout(m_config.timeoutMs);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, result] { handleReply(reply, result); });
    qCDebug(lcRollout) << "query" << result.requestId << url.toString();
    return result.requestId;
}

void PrometheusProvider::handleReply(QNetworkReply *reply, RangeResult result)
{
    reply->deleteLater();
    const QString where = describe() + QLatin1String(": query \"") + result.promql + QLatin1String("\": ");
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QNetworkReply::NetworkError netError = reply->error();

    if (netError == QNetworkReply::OperationCanceledError || netError == QNetworkReply::TimeoutError) {
        result.error = MetricsError::Timeout;
        result.errorMessage = where + QLatin1String("no answer within ") + QString::number(m_config.timeoutMs)
                              + QLatin1String(" ms (metrics.timeoutMs)");
    } else if (status == 0 && netError != QNetworkReply::NoError) {
        result.error = MetricsError::Unreachable;
        result.errorMessage =
            QLatin1String("cannot reach ") + describe() + QLatin1String(": ") + reply->errorString();
    } else if (status != 200) {
        result.error = MetricsError::HttpError;
        QString detail;
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        if (object.contains(QLatin1String("error")))
            detail = object.value(QLatin1String("errorType")).toString() + QLatin1String(": ")
                     + object.value(QLatin1String("error")).toString();
        else
            detail = QString::fromUtf8(body.left(200)).trimmed();
        result.errorMessage =
            where + QLatin1String("HTTP ") + QString::number(status) + QLatin1String(" ") + detail;
    } else {
        parseBody(body, result);
        if (result.error == MetricsError::BadResponse || result.error == MetricsError::NoSeries)
            result.errorMessage = where + result.errorMessage;
    }
    // Every caller reports a failed query where it is read (a banner, a gate, the command's output, the
    // guard's event), for the ledger as for the rollout: a warning here would say it again on stderr, once
    // per query. Kept for debugging.
    if (!result.ok())
        qCDebug(lcMetrics).noquote() << result.errorMessage;
    emit rangeFinished(result);
}

void PrometheusProvider::parseBody(const QByteArray &body, RangeResult &result) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError
        || root.value(QLatin1String("status")).toString() != QLatin1String("success")) {
        result.error = MetricsError::BadResponse;
        result.errorMessage = QStringLiteral("the answer is not a successful Prometheus API response");
        return;
    }
    const QJsonObject data = root.value(QLatin1String("data")).toObject();
    const QString type = data.value(QLatin1String("resultType")).toString();
    const QJsonArray series = data.value(QLatin1String("result")).toArray();
    if (type == QLatin1String("scalar")) {
        const QJsonArray pair = data.value(QLatin1String("result")).toArray();
        const double v = pair.at(1).toString().toDouble();
        if (std::isfinite(v))
            result.points.append(QPointF(pair.at(0).toDouble() * 1000.0, v));
        return;
    }
    if (series.isEmpty()) {
        result.error = MetricsError::NoSeries;
        result.errorMessage =
            QStringLiteral("the query returned no series (check the metric name and labels)");
        return;
    }
    if (series.size() > 1) {
        // The analysis compares one number per version; a template must aggregate (e.g. sum(...)).
        result.error = MetricsError::BadResponse;
        result.errorMessage = QLatin1String("the query returned ") + QString::number(series.size())
                              + QLatin1String(" series; wrap the template in sum(...) or avg(...)");
        return;
    }
    const QJsonObject first = series.first().toObject();
    auto appendPair = [&result](const QJsonArray &pair) {
        // Values are strings; "NaN" and "+Inf" are gaps for the analysis, not numbers.
        bool ok = false;
        const double v = pair.at(1).toString().toDouble(&ok);
        if (ok && std::isfinite(v))
            result.points.append(QPointF(std::round(pair.at(0).toDouble() * 1000.0), v));
    };
    if (type == QLatin1String("matrix")) {
        const QJsonArray values = first.value(QLatin1String("values")).toArray();
        result.points.reserve(values.size());
        for (const auto &pair : values)
            appendPair(pair.toArray());
    } else if (type == QLatin1String("vector")) {
        appendPair(first.value(QLatin1String("value")).toArray());
    } else {
        result.error = MetricsError::BadResponse;
        result.errorMessage = QLatin1String("unexpected resultType \"") + type + QLatin1Char('"');
    }
}

void PrometheusProvider::finishLater(RangeResult result)
{
    QTimer::singleShot(0, this, [this, result] { emit rangeFinished(result); });
}

} // namespace Cockpit
