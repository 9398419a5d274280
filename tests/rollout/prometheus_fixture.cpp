// SPDX-License-Identifier: MIT
#include "prometheus_fixture.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace CockpitTest {

namespace {

const QString kPrometheus = QStringLiteral("/usr/bin/prometheus");
const QString kPromtool = QStringLiteral("/usr/bin/promtool");

quint16 freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

// GET /-/ready with a plain socket: the test must not depend on the code under test to wait for readiness.
bool isReady(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(200))
        return false;
    socket.write("GET /-/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray answer;
    const QDeadlineTimer deadline(1000);
    while (!deadline.hasExpired() && socket.waitForReadyRead(200))
        answer += socket.readAll();
    answer += socket.readAll();
    return answer.startsWith("HTTP/1.0 200") || answer.startsWith("HTTP/1.1 200");
}

} // namespace

PrometheusServer::PrometheusServer() = default;

PrometheusServer::~PrometheusServer()
{
    stop();
}

bool PrometheusServer::isInstalled()
{
    return QFileInfo(kPrometheus).isExecutable() && QFileInfo(kPromtool).isExecutable();
}

QString PrometheusServer::start(const QByteArray &openMetrics)
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return QStringLiteral("cannot create a temporary directory");
    const QString data = m_dir->filePath(QStringLiteral("data.om"));
    const QString tsdb = m_dir->filePath(QStringLiteral("tsdb"));
    const QString config = m_dir->filePath(QStringLiteral("prometheus.yml"));
    if (!writeFile(data, openMetrics)
        || !writeFile(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n"))
        return QStringLiteral("cannot write the test data");

    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(kPromtool, {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                               QStringLiteral("openmetrics"), data, tsdb});
    if (!promtool.waitForFinished(60000) || promtool.exitCode() != 0)
        return QLatin1String("promtool failed: ") + QString::fromUtf8(promtool.readAll());

    // A port can be taken between our probe and prometheus' bind; try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const quint16 port = freeLoopbackPort();
        if (port == 0)
            return QStringLiteral("no free loopback port");
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(kPrometheus,
                        {QLatin1String("--config.file=") + config,
                         QLatin1String("--storage.tsdb.path=") + tsdb,
                         QStringLiteral("--storage.tsdb.retention.time=30d"),
                         QLatin1String("--web.listen-address=127.0.0.1:") + QString::number(port),
                         QStringLiteral("--query.lookback-delta=10s"), QStringLiteral("--log.level=warn")});
        if (!m_process.waitForStarted(5000))
            return QLatin1String("cannot start prometheus: ") + m_process.errorString();
        const QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            if (isReady(port)) {
                m_url = QUrl(QLatin1String("http://127.0.0.1:") + QString::number(port));
                return QString();
            }
            QThread::msleep(100);
        }
        const QString output = QString::fromUtf8(m_process.readAll());
        stop();
        if (!output.contains(QLatin1String("address already in use")))
            return QLatin1String("prometheus did not become ready within 20 s: ") + output.right(2000);
    }
    return QStringLiteral("prometheus could not bind a loopback port");
}

void PrometheusServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool PrometheusServer::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

} // namespace CockpitTest
