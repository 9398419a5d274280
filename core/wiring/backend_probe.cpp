// SPDX-License-Identifier: MIT
#include "wiring/backend_probe.h"

#include "db/sql_error_text.h"
#include "reconcile/reconcile_connection.h"
#include "reconcile/service_schema_check.h"

#include "common/logging.h"
#include "db/postgres_connection.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

namespace Cockpit {

namespace {

BackendStatus make(BackendStatus::Id id, const QString &label, const QString &target)
{
    BackendStatus status;
    status.id = id;
    status.label = label;
    status.target = target;
    status.checkedAt = QDateTime::currentDateTimeUtc();
    return status;
}

} // namespace

QList<BackendStatus> BackendProbe::probeAll(const EnvironmentConfig &config)
{
    return {
        config.ledger.ownership == LedgerOwnership::Observed
            ? probeObservedLedger(config)
            : probeDatabase(config.ledger.database, BackendStatus::Id::Ledger, QStringLiteral("Ledger DB")),
        probeLevelDb(config.state.leveldbPath), probeJsonFolder(config.state.jsonDir),
        probeMetrics(config.metrics)};
}

BackendStatus BackendProbe::probeObservedLedger(const EnvironmentConfig &config)
{
    using Problem = BackendStatus::Problem;
    BackendStatus status =
        make(BackendStatus::Id::Ledger, QStringLiteral("Ledger DB"), config.ledger.database.describe());
    const ReconcileStorage storage = ReconcileStorage::of(config.ledger, config.filePath);
    ReconcileConnection connection(storage, QStringLiteral("probe"));
    const auto failed = [&](Problem problem, const QString &message) {
        status.problem = problem;
        status.message = message;
        return status;
    };
    if (const Result<void> opened = connection.open(); !opened) {
        const QString &e = opened.error().message;
        const QString kind = PostgresConnection::classify(e, config.ledger.database);
        return failed(kind == QLatin1String("authentication failed") ? Problem::AuthenticationFailed
                      : kind == QLatin1String("permission denied")   ? Problem::PermissionDenied
                                                                     : Problem::Unreachable,
                      e);
    }
    const Result<ReconcileSql::Names> checked =
        ServiceSchemaCheck::run(connection.database(), storage, config.ledger.mapping);
    if (!checked) {
        const QString &e = checked.error().message;
        return failed(e.contains(QLatin1String("schema mismatch")) ? Problem::SchemaMismatch
                                                                   : Problem::PermissionDenied,
                      e);
    }
    const ReconcileSql::Names &names = *checked;
    QString refused;
    const Result<bool> prepared = connection.prepareTables(&refused);
    if (!prepared) {
        const QString &e = prepared.error().message;
        return failed(e.contains(QLatin1String("permission denied")) ? Problem::PermissionDenied
                                                                     : Problem::NotSetUp,
                      e);
    }
    const bool present = *prepared;
    status.reachable = true;
    status.problem = Problem::None;
    status.message =
        QLatin1String("service tables checked in schema ") + names.service.schema
        + (present ? QLatin1String("; the cockpit's schema \"") + storage.cockpitSchema
                         + QLatin1String("\" is set up")
           : refused.isEmpty() ? QStringLiteral("; no reconciliation stored (read-only session)")
                               // Comparing works without it; reading the recorded runs does not.
                               : QLatin1String("; the recorded runs are not readable: ") + refused);
    return status;
}

BackendStatus BackendProbe::probeDatabase(const DatabaseConfig &database, BackendStatus::Id id,
                                          const QString &label)
{
    BackendStatus status = make(id, label, database.describe());
    if (database.isSqlite() && !QFileInfo::exists(database.sqlitePath)) {
        status.message = QLatin1String("database file does not exist: ") + database.sqlitePath;
        return status;
    }
    const QString connection = QLatin1String("probe-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            database.isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), connection);
        if (!db.isValid()) {
            status.message =
                database.isSqlite()
                    ? QStringLiteral("the Qt SQLite driver is not installed (libqt6sql6-sqlite)")
                    : QStringLiteral("the Qt PostgreSQL driver is not installed (libqt6sql6-psql)");
        } else {
            if (database.isSqlite()) {
                db.setDatabaseName(database.sqlitePath);
                db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=1000"));
            } else {
                PostgresConnection::configure(db, database);
            }
            if (!db.open()) {
                status.message = sqlErrorText(db.lastError())
                                 + PostgresConnection::passwordHint(database, db.lastError().text());
            } else {
                QSqlQuery query(db);
                if (query.exec(QStringLiteral("SELECT 1")) && query.next()) {
                    status.reachable = true;
                    status.problem = BackendStatus::Problem::None;
                    status.message = QStringLiteral("connected");
                } else {
                    status.message = sqlErrorText(query.lastError());
                }
                db.close();
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return status;
}

BackendStatus BackendProbe::probeLevelDb(const QString &path)
{
    BackendStatus status = make(BackendStatus::Id::LevelDb, QStringLiteral("LevelDB"), path);
    const QFileInfo dir(path);
    if (!dir.isDir()) {
        status.message = QLatin1String("folder does not exist: ") + path;
    } else if (!QFileInfo(QDir(path).filePath(QStringLiteral("CURRENT"))).isReadable()) {
        status.message = QLatin1String("not a LevelDB database (no readable CURRENT file): ") + path;
    } else {
        status.reachable = true;
        status.message = QStringLiteral("database present");
    }
    return status;
}

BackendStatus BackendProbe::probeJsonFolder(const QString &path)
{
    BackendStatus status = make(BackendStatus::Id::JsonFolder, QStringLiteral("JSON folder"), path);
    const QFileInfo dir(path);
    if (!dir.isDir()) {
        status.message = QLatin1String("folder does not exist: ") + path;
    } else if (!dir.isReadable()) {
        status.message = QLatin1String("folder is not readable: ") + path;
    } else {
        const int files =
            static_cast<int>(QDir(path).entryList({QStringLiteral("*.json")}, QDir::Files).size());
        status.reachable = true;
        status.message = QString::number(files) + QLatin1String(" network files");
    }
    return status;
}

BackendStatus BackendProbe::probeMetrics(const MetricsConfig &metrics)
{
    if (metrics.source == MetricsConfig::Source::Simulator) {
        BackendStatus status =
            make(BackendStatus::Id::Metrics, QStringLiteral("Metrics"), QStringLiteral("built-in simulator"));
        status.reachable = true;
        status.message = QStringLiteral("built-in simulator");
        return status;
    }
    QUrl url = metrics.prometheusUrl;
    url.setPath(url.path(QUrl::FullyEncoded).chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0)
                + QLatin1String("/-/ready"));
    BackendStatus status =
        make(BackendStatus::Id::Metrics, QStringLiteral("Metrics"), metrics.prometheusUrl.toString());
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setTransferTimeout(metrics.timeoutMs);
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (reply->error() == QNetworkReply::NoError) {
        status.reachable = true;
        status.message = QStringLiteral("Prometheus ready");
    } else {
        status.message = reply->errorString();
    }
    reply->deleteLater();
    qCDebug(lcEnvironment) << "metrics probe" << url << status.reachable << status.message;
    return status;
}

} // namespace Cockpit
