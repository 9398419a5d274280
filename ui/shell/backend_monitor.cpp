// SPDX-License-Identifier: MIT
#include "shell/backend_monitor.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Cockpit {

BackendMonitor::BackendMonitor(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(10000);
    connect(&m_timer, &QTimer::timeout, this, &BackendMonitor::refreshNow);
    connect(&m_watcher, &QFutureWatcher<QList<BackendStatus>>::finished, this, &BackendMonitor::onFinished);
}

BackendMonitor::~BackendMonitor()
{
    m_timer.stop();
    m_watcher.waitForFinished();
}

void BackendMonitor::setEnvironment(const EnvironmentConfig &config)
{
    m_config = config;
    ++m_generation;
    m_last.clear();
    refreshNow();
    m_timer.start();
}

void BackendMonitor::refreshNow()
{
    if (m_watcher.isRunning()) {
        m_pending = true; // coalesce: one more probe after the running one
        return;
    }
    m_runningGeneration = m_generation;
    const EnvironmentConfig config = m_config;
    m_watcher.setFuture(QtConcurrent::run([config] { return BackendProbe::probeAll(config); }));
}

void BackendMonitor::onFinished()
{
    if (m_runningGeneration == m_generation) {
        m_last = m_watcher.result();
        emit statusesChanged(m_last);
    }
    if (m_pending || m_runningGeneration != m_generation) {
        m_pending = false;
        refreshNow();
    }
}

} // namespace Cockpit
