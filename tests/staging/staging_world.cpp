// SPDX-License-Identifier: MIT
#include "staging_world.h"

#include "test_paths.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTcpServer>
#include <QThread>
#include <QUuid>

namespace CockpitTest {

namespace {

QString env(const char *name, const QString &fallback)
{
    const QString value = QProcessEnvironment::systemEnvironment().value(QString::fromLatin1(name));
    return value.isEmpty() ? fallback : value;
}

QString script(const char *name)
{
    return sourceDir() + QStringLiteral("/tests/staging/") + QString::fromLatin1(name);
}

// Runs a program to its end (bounded); empty on exit 0, else what it said.
QString runProgram(const QString &program, const QStringList &arguments, QString *output = nullptr,
                   int timeoutMs = 120000)
{
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForStarted(10000))
        return program + QLatin1String(": cannot start: ") + p.errorString();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return program + QLatin1String(": did not finish within the time limit");
    }
    if (output)
        *output = QString::fromUtf8(p.readAllStandardOutput());
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        return program + QLatin1String(" ") + arguments.join(QLatin1Char(' ')) + QLatin1String(": exit ")
               + QString::number(p.exitCode()) + QLatin1String(": ")
               + QString::fromUtf8(p.readAllStandardError()).trimmed();
    }
    return {};
}

QJsonObject readJson(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QLatin1String(": ") + file.errorString();
        return {};
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    if (!doc.isObject()) {
        *error = path + QLatin1String(": ") + parse.errorString();
        return {};
    }
    return doc.object();
}

} // namespace

StagingWorld::StagingWorld()
{
    // The cockpit reads the passwords from the variables its config names.
    qputenv("STAGING_COCKPIT_PASSWORD", "staging_cockpit");
    qputenv("STAGING_COCKPIT_RO_PASSWORD", "staging_cockpit_ro");
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder");
        return;
    }
    if (!QFile::exists(QStringLiteral("/usr/bin/python3"))
        || !QFile::exists(QStringLiteral("/usr/bin/psql"))) {
        m_error = QStringLiteral("python3 or psql is not installed");
        return;
    }
    m_dbname = QLatin1String("staging_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    m_error = runProgram(script("staging-world.sh"), {QStringLiteral("create"), m_dbname});
    if (!m_error.isEmpty())
        m_dbname.clear();
}

StagingWorld::~StagingWorld()
{
    if (m_prometheus && m_prometheus->state() != QProcess::NotRunning) {
        m_prometheus->terminate();
        if (!m_prometheus->waitForFinished(10000))
            m_prometheus->kill();
    }
    if (m_writer && m_writer->state() != QProcess::NotRunning) {
        m_writer->kill();
        m_writer->waitForFinished(5000);
    }
    if (!m_dbname.isEmpty())
        runProgram(script("staging-world.sh"), {QStringLiteral("drop"), m_dbname});
}

QString StagingWorld::serviceDsn() const
{
    // The service commits without waiting for the disk: the tests measure the cockpit, not this VM's fsync.
    return QStringLiteral("host=%1 port=%2 dbname=%3 user=staging_service password=staging_service "
                          "options='-c synchronous_commit=off'")
        .arg(env("COCKPIT_TEST_PG_HOST", QStringLiteral("127.0.0.1")),
             env("COCKPIT_TEST_PG_PORT", QStringLiteral("5432")), m_dbname);
}

QString StagingWorld::groundTruthPath() const
{
    return m_dir.filePath(QStringLiteral("ground-truth.json"));
}

QJsonObject StagingWorld::runWriter(const QStringList &arguments, QString *error)
{
    QString output;
    *error = runProgram(script("service_writer.py"),
                        QStringList{QStringLiteral("--dsn"), serviceDsn(), QStringLiteral("--ground-truth"),
                                    groundTruthPath()}
                            + arguments,
                        &output, 300000);
    if (!error->isEmpty())
        return {};
    return readJson(groundTruthPath(), error);
}

QString StagingWorld::startWriter(const QStringList &arguments)
{
    m_writer = std::make_unique<QProcess>();
    m_writer->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_writer->start(script("service_writer.py"),
                    QStringList{QStringLiteral("--dsn"), serviceDsn(), QStringLiteral("--ground-truth"),
                                groundTruthPath()}
                        + arguments);
    return m_writer->waitForStarted(10000) ? QString() : m_writer->errorString();
}

QJsonObject StagingWorld::stopWriter(QString *error)
{
    if (!m_writer) {
        *error = QStringLiteral("no writer running");
        return {};
    }
    if (m_writer->state() != QProcess::NotRunning) {
        m_writer->terminate(); // SIGTERM: the writer writes its final ground truth and exits 0
        m_writer->waitForFinished(60000);
    }
    if (m_writer->state() != QProcess::NotRunning || m_writer->exitStatus() != QProcess::NormalExit
        || m_writer->exitCode() != 0) {
        *error =
            QStringLiteral("the service writer did not stop cleanly (exit %1)").arg(m_writer->exitCode());
        return {};
    }
    m_writer.reset();
    return readJson(groundTruthPath(), error);
}

QString StagingWorld::writeConfig(const QString &role, const QJsonObject &ledgerExtra, bool readOnly,
                                  const QString &fileName)
{
    const QString passwordEnv = role == QLatin1String("staging_cockpit_ro")
                                    ? QStringLiteral("STAGING_COCKPIT_RO_PASSWORD")
                                    : QStringLiteral("STAGING_COCKPIT_PASSWORD");
    QJsonObject ledger{
        {QStringLiteral("database"),
         QJsonObject{{QStringLiteral("driver"), QStringLiteral("postgresql")},
                     {QStringLiteral("host"), env("COCKPIT_TEST_PG_HOST", QStringLiteral("127.0.0.1"))},
                     {QStringLiteral("port"), env("COCKPIT_TEST_PG_PORT", QStringLiteral("5432")).toInt()},
                     {QStringLiteral("dbname"), m_dbname},
                     {QStringLiteral("user"), role},
                     {QStringLiteral("passwordEnv"), passwordEnv},
                     {QStringLiteral("sslmode"), QStringLiteral("disable")}}}};
    for (auto it = ledgerExtra.begin(); it != ledgerExtra.end(); ++it)
        ledger.insert(it.key(), it.value());
    const QJsonObject root{
        {QStringLiteral("environment"), QJsonObject{{QStringLiteral("name"), QStringLiteral("staging-world")},
                                                    {QStringLiteral("kind"), QStringLiteral("staging")},
                                                    {QStringLiteral("readOnly"), readOnly}}},
        {QStringLiteral("ledger"), ledger},
        {QStringLiteral("control"),
         QJsonObject{
             {QStringLiteral("database"),
              QJsonObject{{QStringLiteral("driver"), QStringLiteral("sqlite")},
                          {QStringLiteral("path"), m_dir.filePath(QStringLiteral("control.sqlite"))}}}}},
        {QStringLiteral("state"),
         QJsonObject{{QStringLiteral("leveldb"), m_dir.filePath(QStringLiteral("leveldb"))},
                     {QStringLiteral("jsonDir"), m_dir.filePath(QStringLiteral("deployments"))}}},
        {QStringLiteral("metrics"),
         QJsonObject{{QStringLiteral("source"), QStringLiteral("prometheus")},
                     {QStringLiteral("url"), m_prometheusUrl.isValid()
                                                 ? m_prometheusUrl.toString()
                                                 : QStringLiteral("http://127.0.0.1:9")}}}};
    const QString path = m_dir.filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(root).toJson());
    return path;
}

QString StagingWorld::writeSharedConfig(const QString &role, const QString &fileName)
{
    const QString path = writeConfig(role, {}, false, fileName);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    const QJsonObject ledger = root.value(QStringLiteral("ledger")).toObject();
    root.insert(QStringLiteral("control"),
                QJsonObject{{QStringLiteral("database"), ledger.value(QStringLiteral("database"))},
                            {QStringLiteral("schema"), QStringLiteral("cockpit")}});
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(root).toJson());
    return path;
}

QString StagingWorld::setUpRolloutEnvironment(const QString &role, const QString &fileName, QString *error)
{
    const QString path = writeSharedConfig(role, fileName);
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot write ") + fileName;
        return {};
    }
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    root.insert(QStringLiteral("actuators"),
                QJsonObject{{QStringLiteral("rollout"),
                             QJsonObject{{QStringLiteral("kind"), QStringLiteral("command")},
                                         {QStringLiteral("command"),
                                          QJsonArray{QStringLiteral("kubectl"), QStringLiteral("--context"),
                                                     QStringLiteral("staging"), QStringLiteral("set"),
                                                     QStringLiteral("env"), QStringLiteral("deployment/mana"),
                                                     QStringLiteral("{version_var}={version}"),
                                                     QStringLiteral("{weight_var}={weight}")}}}}});
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = file.errorString();
        return {};
    }
    file.write(QJsonDocument(root).toJson());
    file.close();
    const Cli setup = cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), path});
    if (setup.exitCode != 0) {
        *error = QStringLiteral("cockpitctl setup: ") + setup.err;
        return {};
    }
    return path;
}

KubectlStandIn::KubectlStandIn(const StagingWorld &world)
    : m_path(qgetenv("PATH"))
    , m_log(world.folder() + QStringLiteral("/kubectl-calls.jsonl"))
{
    qputenv("PATH", (CockpitTest::sourceDir() + QStringLiteral("/tests/staging/bin:")).toUtf8() + m_path);
    qputenv("KUBECTL_STANDIN_LOG", m_log.toUtf8());
    qputenv("KUBECTL_STANDIN_STATE", (world.folder() + QStringLiteral("/kubectl-state.json")).toUtf8());
}

KubectlStandIn::~KubectlStandIn()
{
    qputenv("PATH", m_path);
}

QString StagingWorld::schemaDump(const QString &schema, QString *error)
{
    qputenv("PGPASSWORD", env("COCKPIT_TEST_PG_PASSWORD", QStringLiteral("cockpit_test")).toUtf8());
    QString dump;
    *error = runProgram(QStringLiteral("pg_dump"),
                        {QStringLiteral("--schema-only"), QStringLiteral("--no-comments"),
                         QStringLiteral("-h"), env("COCKPIT_TEST_PG_HOST", QStringLiteral("127.0.0.1")),
                         QStringLiteral("-p"), env("COCKPIT_TEST_PG_PORT", QStringLiteral("5432")),
                         QStringLiteral("-U"), env("COCKPIT_TEST_PG_USER", QStringLiteral("cockpit_test")),
                         QStringLiteral("-n"), schema, m_dbname},
                        &dump);
    // Comments (the dump's own times) and pg_dump's per-run \restrict key are noise; the rest must be equal.
    static const QRegularExpression noise(QStringLiteral("^(--|\\\\restrict |\\\\unrestrict ).*$"),
                                          QRegularExpression::MultilineOption);
    return dump.remove(noise);
}

QString StagingWorld::adminSql(const QString &sql, QString *output)
{
    return psql(env("COCKPIT_TEST_PG_USER", QStringLiteral("cockpit_test")),
                env("COCKPIT_TEST_PG_PASSWORD", QStringLiteral("cockpit_test")), sql, output);
}

QString StagingWorld::serviceSql(const QString &sql, QString *output)
{
    return psql(QStringLiteral("staging_service"), QStringLiteral("staging_service"), sql, output);
}

QString StagingWorld::psql(const QString &user, const QString &password, const QString &sql, QString *output)
{
    qputenv("PGPASSWORD", password.toUtf8());
    return runProgram(QStringLiteral("psql"),
                      {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("-A"),
                       QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"),
                       env("COCKPIT_TEST_PG_HOST", QStringLiteral("127.0.0.1")), QStringLiteral("-p"),
                       env("COCKPIT_TEST_PG_PORT", QStringLiteral("5432")), QStringLiteral("-U"), user,
                       QStringLiteral("-d"), m_dbname, QStringLiteral("-c"), sql},
                      output);
}

QUrl StagingWorld::startServiceWithPrometheus(const QStringList &writerArguments, QString *error)
{
    const int exporter = freePort();
    *error = startWriter(writerArguments
                         + QStringList{QStringLiteral("--metrics-port"), QString::number(exporter)});
    if (!error->isEmpty())
        return {};
    QThread::msleep(1500); // the exporter comes up with the writer
    return startPrometheus(exporter, error);
}

StagingWorld::Snapshot StagingWorld::snapshot(QString *error)
{
    Snapshot s;
    s.publicSchema = schemaDump(QStringLiteral("public"), error);
    if (error->isEmpty())
        s.cockpitSchema = schemaDump(QStringLiteral("cockpit"), error);
    if (error->isEmpty())
        s.rows = rowCounts(error);
    return s;
}

QString StagingWorld::grantCockpitRead(const QString &role)
{
    return adminSql(
        QStringLiteral(
            "GRANT USAGE ON SCHEMA cockpit TO %1; GRANT SELECT ON ALL TABLES IN SCHEMA cockpit TO %1")
            .arg(role));
}

QMap<QString, qint64> StagingWorld::rowCounts(QString *error)
{
    // Exact counts of every table outside the catalogs, in one statement.
    QString tables;
    *error =
        adminSql(QStringLiteral("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN"
                                " ('pg_catalog', 'information_schema') ORDER BY 1"),
                 &tables);
    QMap<QString, qint64> counts;
    if (!error->isEmpty())
        return counts;
    for (const QString &table : tables.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QString n;
        *error = adminSql(QLatin1String("SELECT COUNT(*) FROM ") + table, &n);
        if (!error->isEmpty())
            return {};
        counts.insert(table, n.trimmed().toLongLong());
    }
    return counts;
}

int StagingWorld::freePort()
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, 0) ? server.serverPort() : 0;
}

namespace {

// One GET on loopback, bounded; the body, or empty with *error.
QByteArray httpGet(const QUrl &url, QString *error)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setTransferTimeout(3000);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    QByteArray body;
    if (reply->error() == QNetworkReply::NoError)
        body = reply->readAll();
    else
        *error = reply->errorString();
    reply->deleteLater();
    return body;
}

} // namespace

QUrl StagingWorld::startPrometheus(int exporterPort, QString *error, const QString &tsdb)
{
    const int port = freePort();
    const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
    const QString rules = m_dir.filePath(QStringLiteral("rules.yml"));
    QFile rulesFile(rules);
    QFile configFile(config);
    if (!rulesFile.open(QIODevice::WriteOnly) || !configFile.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write the Prometheus configuration");
        return {};
    }
    // The migration plan's alert condition, as the service's operators would load it.
    rulesFile.write("groups:\n- name: ledger\n  rules:\n  - alert: HighDiscrepancyRate\n"
                    "    expr: sum(increase(ledger_shadow_discrepancy_count[5m])) > 10\n"
                    "    labels: {severity: critical}\n");
    rulesFile.close();
    QString yaml = QStringLiteral("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                  "rule_files: ['%1']\n")
                       .arg(rules);
    if (exporterPort > 0)
        yaml += QStringLiteral("scrape_configs:\n- job_name: ledger-service\n  static_configs:\n"
                               "  - targets: ['127.0.0.1:%1']\n")
                    .arg(exporterPort);
    configFile.write(yaml.toUtf8());
    configFile.close();
    m_prometheus = std::make_unique<QProcess>();
    m_prometheus->setProcessChannelMode(QProcess::MergedChannels);
    m_prometheus->start(QStringLiteral("/usr/bin/prometheus"),
                        {QLatin1String("--config.file=") + config,
                         QLatin1String("--storage.tsdb.path=")
                             + (tsdb.isEmpty() ? m_dir.filePath(QStringLiteral("tsdb")) : tsdb),
                         QStringLiteral("--storage.tsdb.retention.time=30d"),
                         QLatin1String("--web.listen-address=127.0.0.1:") + QString::number(port),
                         QStringLiteral("--log.level=warn")});
    if (!m_prometheus->waitForStarted(10000)) {
        *error = QStringLiteral("cannot start /usr/bin/prometheus: ") + m_prometheus->errorString();
        return {};
    }
    m_prometheusUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    // Ready, and the exporter scraped at least once.
    for (int i = 0; i < 120; ++i) {
        QString e;
        if (exporterPort <= 0) {
            if (httpGet(QUrl(m_prometheusUrl.toString() + QStringLiteral("/-/ready")), &e).contains("Ready"))
                return m_prometheusUrl;
            QThread::msleep(250);
            continue;
        }
        const QByteArray body =
            httpGet(QUrl(m_prometheusUrl.toString()
                         + QStringLiteral("/api/v1/query?query=up%7Bjob%3D%22ledger-service%22%7D")),
                    &e);
        if (body.contains("\"value\":[") && body.contains("\"1\"]"))
            return m_prometheusUrl;
        QThread::msleep(250);
    }
    *error = QStringLiteral("Prometheus did not scrape the exporter within 30 s: ")
             + QString::fromUtf8(m_prometheus->readAll().right(500));
    return {};
}

QString StagingWorld::backfillMetrics(double days, int stepSeconds, QString *error)
{
    const QString text = m_dir.filePath(QStringLiteral("history.om"));
    const QString tsdb = m_dir.filePath(QStringLiteral("tsdb-history"));
    *error = runProgram(script("metrics_history.py"),
                        {QStringLiteral("--out"), text, QStringLiteral("--days"), QString::number(days),
                         QStringLiteral("--step"), QString::number(stepSeconds)});
    if (error->isEmpty())
        *error = runProgram(QStringLiteral("promtool"),
                            {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                             QStringLiteral("openmetrics"), QStringLiteral("--quiet"), text, tsdb},
                            nullptr, 600000);
    QFile::remove(text);
    return error->isEmpty() ? tsdb : QString();
}

bool StagingWorld::prometheusAlertFiring(const QString &alert, QString *error)
{
    const QByteArray body =
        httpGet(QUrl(m_prometheusUrl.toString() + QStringLiteral("/api/v1/alerts")), error);
    const QJsonArray alerts = QJsonDocument::fromJson(body)
                                  .object()
                                  .value(QStringLiteral("data"))
                                  .toObject()
                                  .value(QStringLiteral("alerts"))
                                  .toArray();
    for (const QJsonValue &a : alerts) {
        const QJsonObject o = a.toObject();
        if (o.value(QStringLiteral("labels")).toObject().value(QStringLiteral("alertname")).toString()
                == alert
            && o.value(QStringLiteral("state")).toString() == QLatin1String("firing"))
            return true;
    }
    return false;
}

StagingWorld::Cli StagingWorld::cockpitctl(const QStringList &arguments, int timeoutMs)
{
    QProcess p;
    p.start(CockpitTest::cockpitctl(), arguments);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace CockpitTest
