// SPDX-License-Identifier: MIT
// What the headless guard costs while it watches: one round (RolloutGuard::tick) over 4 modules under rollout
// with 4 thresholds each (8 series a module: 4 metrics of V1 and V2) against a real Prometheus holding the
// last half hour at 15 s, no breach. Measured as CPU time of this process and of the Prometheus server per
// round, against the baseline of the same 32 range queries sent bare (one HTTP GET each, no analysis,
// no control store), in the same run. Reported per minute at the guard's default tick for a 60 s interval
// (30 s, two rounds a minute) as a share of one core. Prints figures; never passes or fails on time.
#include "control/control_store.h"
#include "control/gate_registry.h"
#include "control/transition_service.h"
#include "guard/rollout_guard.h"
#include "process_cpu.h"
#include "prometheus_fixture.h"
#include "wiring/lane_wiring.h"

#include "config/environment_config.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <cstdio>

using namespace Cockpit;

namespace {

const QStringList kModules = {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma"),
                              QStringLiteral("delta")};
const QStringList kMetrics = {QStringLiteral("throughput"), QStringLiteral("latency"),
                              QStringLiteral("memory"), QStringLiteral("error_rate")};
constexpr int kRounds = 20;

double selfCpu()
{
    return CockpitTest::ownCpuSeconds();
}

double processCpu(qint64 pid)
{
    return CockpitTest::readProcStat(QString::number(pid)).cpuSeconds;
}

QByteArray series(qint64 nowSeconds)
{
    // The current two-hour block only (see tst_guard): samples straddling a block boundary are not found.
    const qint64 from = std::max(nowSeconds - 1800, nowSeconds - nowSeconds % 7200);
    QByteArray text;
    const QHash<QString, double> base = {{QStringLiteral("throughput"), 1000},
                                         {QStringLiteral("latency"), 0.2},
                                         {QStringLiteral("memory"), 5e8},
                                         {QStringLiteral("error_rate"), 0.01}};
    for (const QString &metric : kMetrics) {
        text += "# TYPE bg_" + metric.toUtf8() + " gauge\n";
        for (const QString &module : kModules) {
            for (const char *version : {"v1", "v2"}) {
                for (qint64 t = from; t <= nowSeconds; t += 15) {
                    const double wobble = 1 + 0.01 * double((t / 15) % 5 - 2);
                    text += "bg_" + metric.toUtf8() + "{module=\"" + module.toUtf8() + "\",version=\""
                            + version + "\"} " + QByteArray::number(base.value(metric) * wobble, 'g', 10)
                            + ' ' + QByteArray::number(t) + '\n';
                }
            }
        }
    }
    return text + "# EOF\n";
}

QString writeConfig(const QTemporaryDir &dir, const QUrl &prometheus)
{
    QJsonObject queries;
    QJsonArray modules;
    for (const QString &module : kModules) {
        for (const QString &metric : kMetrics)
            queries.insert(module + QLatin1Char('/') + metric,
                           QStringLiteral("bg_%1{module=\"%2\",version=\"{version}\"}").arg(metric, module));
        modules.append(
            QJsonObject{{QStringLiteral("id"), module},
                        {QStringLiteral("thresholds"), QJsonObject{{QStringLiteral("throughput_drop"), 20},
                                                                   {QStringLiteral("latency_increase"), 50},
                                                                   {QStringLiteral("memory_increase"), 30},
                                                                   {QStringLiteral("error_rate"), 5}}}});
    }
    const QJsonObject config{
        {QStringLiteral("environment"), QJsonObject{{QStringLiteral("name"), QStringLiteral("bench-guard")},
                                                    {QStringLiteral("kind"), QStringLiteral("demo")},
                                                    {QStringLiteral("dataDir"), QStringLiteral("data")}}},
        {QStringLiteral("metrics"), QJsonObject{{QStringLiteral("source"), QStringLiteral("prometheus")},
                                                {QStringLiteral("url"), prometheus.toString()},
                                                {QStringLiteral("timeoutMs"), 5000},
                                                {QStringLiteral("queries"), queries}}},
        {QStringLiteral("rollout"), QJsonObject{{QStringLiteral("modules"), modules},
                                                {QStringLiteral("interval"), QStringLiteral("60s")}}},
    };
    const QString path = dir.filePath(QStringLiteral("env.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(config).toJson());
    return path;
}

// Every module one step into its rollout, the step begun 20 minutes ago.
bool promoteAll(const EnvironmentConfig &config, const QTemporaryDir &dir)
{
    GateRegistry registry;
    LaneWiring::install(config, registry);
    auto store = ControlStore::create(config);
    TransitionService service(config, OperatorIdentity::current(), false, *store, registry);
    if (!service.open())
        return false;
    for (const QString &module : kModules) {
        TransitionService::Request request;
        request.migration = QLatin1String("rollout:") + module;
        TransitionService::Options options;
        options.reason = QStringLiteral("benchmark");
        options.override = true;
        if (!service.execute(service.plan(request), options).result.has_value())
            return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-guard"));
    db.setDatabaseName(dir.filePath(QStringLiteral("data/control.sqlite")));
    bool ok = db.open();
    if (ok) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE migrations SET changed_at = ? WHERE id LIKE 'rollout:%'"));
        q.addBindValue(QDateTime::currentDateTimeUtc().addSecs(-1200).toString(Qt::ISODateWithMs));
        ok = q.exec();
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("bench-guard"));
    return ok;
}

// The baseline: the same 32 range queries over the same window, sent bare and only parsed as JSON.
bool bareQueries(QNetworkAccessManager &network, const QUrl &prometheus, qint64 nowMs)
{
    for (const QString &module : kModules) {
        for (const QString &metric : kMetrics) {
            for (const char *version : {"v1", "v2"}) {
                QUrl url(prometheus.toString() + QStringLiteral("/api/v1/query_range"));
                QUrlQuery query;
                query.addQueryItem(QStringLiteral("query"),
                                   QStringLiteral("bg_%1{module=\"%2\",version=\"%3\"}")
                                       .arg(metric, module, QLatin1String(version)));
                query.addQueryItem(QStringLiteral("start"), QString::number((nowMs - 1200 * 1000) / 1000));
                query.addQueryItem(QStringLiteral("end"), QString::number(nowMs / 1000));
                query.addQueryItem(QStringLiteral("step"), QStringLiteral("15"));
                url.setQuery(query);
                QNetworkReply *reply = network.get(QNetworkRequest(url));
                QEventLoop loop;
                QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
                loop.exec();
                const bool ok = reply->error() == QNetworkReply::NoError
                                && QJsonDocument::fromJson(reply->readAll()).isObject();
                reply->deleteLater();
                if (!ok)
                    return false;
            }
        }
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (!CockpitTest::PrometheusServer::isInstalled()) {
        std::printf("SKIP: Debian's prometheus package is not installed\n");
        return 0;
    }
    CockpitTest::PrometheusServer server;
    if (const QString e = server.start(series(QDateTime::currentSecsSinceEpoch())); !e.isEmpty()) {
        std::printf("FAIL: %s\n", qPrintable(e));
        return 1;
    }
    QTemporaryDir dir;
    const ConfigLoader::Result loaded = ConfigLoader::load(writeConfig(dir, server.url()));
    if (!loaded.ok() || !promoteAll(*loaded.config, dir)) {
        std::printf("FAIL: cannot set the environment up\n");
        return 1;
    }
    const EnvironmentConfig &config = *loaded.config;

    QNetworkAccessManager network;
    bareQueries(network, server.url(), QDateTime::currentMSecsSinceEpoch()); // warm both sides up
    double cpu = selfCpu();
    double promCpu = processCpu(server.processId());
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < kRounds; ++i) {
        if (!bareQueries(network, server.url(), QDateTime::currentMSecsSinceEpoch())) {
            std::printf("FAIL: a bare query failed\n");
            return 1;
        }
    }
    const double bareSelf = (selfCpu() - cpu) / kRounds * 1000;
    const double barePrometheus = (processCpu(server.processId()) - promCpu) / kRounds * 1000;
    const double bareWall = double(wall.elapsed()) / kRounds;

    RolloutGuard guard(config, OperatorIdentity::current(), QStringLiteral("benchmark"), 30);
    int breaches = 0;
    int failures = 0;
    const auto sink = [&](const RolloutGuard::Event &e) {
        breaches += e.kind == RolloutGuard::Event::Kind::Breach;
        failures += e.kind == RolloutGuard::Event::Kind::Failed;
        if (e.kind == RolloutGuard::Event::Kind::Failed)
            std::printf("  guard: %s %s\n", qPrintable(e.module), qPrintable(e.text));
    };
    guard.tick(QDateTime::currentMSecsSinceEpoch(), sink); // takes the lease, warms up
    cpu = selfCpu();
    promCpu = processCpu(server.processId());
    wall.restart();
    for (int i = 0; i < kRounds; ++i)
        guard.tick(QDateTime::currentMSecsSinceEpoch(), sink);
    const double guardSelf = (selfCpu() - cpu) / kRounds * 1000;
    const double guardPrometheus = (processCpu(server.processId()) - promCpu) / kRounds * 1000;
    const double guardWall = double(wall.elapsed()) / kRounds;
    guard.release();

    // Two rounds a minute (the default tick for a 60 s interval): CPU ms per minute / 60,000 ms.
    const auto share = [](double msPerRound) {
        return msPerRound * 2 / 60000 * 100;
    };
    // The series start in Prometheus' current two-hour block: early in a block a round analyses less.
    const qint64 nowSeconds = QDateTime::currentSecsSinceEpoch();
    const qint64 coveredMinutes = std::min<qint64>(20, (nowSeconds % 7200) / 60);
    std::printf(
        "guard over %d modules x 8 series, %d rounds (breaches %d, failures %d); data covers %lld of the "
        "step's 20 minutes%s\n",
        int(kModules.size()), kRounds, breaches, failures, static_cast<long long>(coveredMinutes),
        coveredMinutes < 20 ? " (early in a Prometheus block: rerun later for the full window)" : "");
    std::printf(
        "  bare 32 range queries : %7.2f ms CPU here + %7.2f ms Prometheus, %7.2f ms wall per round\n",
        bareSelf, barePrometheus, bareWall);
    std::printf(
        "  guard round           : %7.2f ms CPU here + %7.2f ms Prometheus, %7.2f ms wall per round\n",
        guardSelf, guardPrometheus, guardWall);
    std::printf("  ratio guard / bare    : %7.2f x CPU here, %7.2f x wall\n",
                bareSelf > 0 ? guardSelf / bareSelf : 0, bareWall > 0 ? guardWall / bareWall : 0);
    std::printf(
        "  per minute at a 30 s tick: guard %.3f %% of one core, Prometheus %.3f %% (target <= 1 %%)\n",
        share(guardSelf), share(guardPrometheus));
    return failures == 0 ? 0 : 1;
}
