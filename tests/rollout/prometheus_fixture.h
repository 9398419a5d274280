// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace CockpitTest {

// A real Prometheus server for tests: backfills OpenMetrics text with
// `promtool tsdb create-blocks-from openmetrics` into a temporary TSDB, then starts /usr/bin/prometheus on a
// free loopback port with that storage path. Every wait is bounded; the destructor stops the server.
//
// Backfilled blocks are loaded as ordinary persistent blocks at startup, so the data can be recent or old as
// long as it is inside --storage.tsdb.retention.time (set to 30d here): blocks older than the retention are
// deleted at the first reload. --query.lookback-delta is 10s (default 5m) so a gap in the data is a gap in
// a 15 s step query result instead of being papered over by the last sample.
class PrometheusServer
{
public:
    PrometheusServer();
    ~PrometheusServer();

    static bool isInstalled();
    // Returns an empty string on success, otherwise what failed (with promtool/prometheus output).
    QString start(const QByteArray &openMetrics);
    // Terminates the server and waits for it (bounded).
    void stop();
    bool isRunning() const;
    QUrl url() const { return m_url; }
    // The server's process id, e.g. to read its CPU time in a benchmark; 0 when it does not run.
    qint64 processId() const { return m_process.processId(); }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_process;
    QUrl m_url;
};

} // namespace CockpitTest
