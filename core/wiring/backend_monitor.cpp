// SPDX-License-Identifier: MIT
#include "wiring/backend_monitor.h"

#include <utility>

namespace Cockpit {

BackendMonitor::BackendMonitor(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(10000);
    connect(&m_timer, &QTimer::timeout, this, &BackendMonitor::refreshNow);
}

BackendMonitor::~BackendMonitor() = default;

void BackendMonitor::setEnvironment(const EnvironmentConfig &config)
{
    m_config = config;
    m_last.clear();
    m_pending = false;
    probe(); // supersedes a probe of the previous environment
    m_timer.start();
}

void BackendMonitor::refreshNow()
{
    if (m_probe.isRunning()) {
        m_pending = true; // coalesce: one more probe after the running one
        return;
    }
    probe();
}

void BackendMonitor::probe()
{
    const EnvironmentConfig config = m_config;
    m_probe.start([config](const JobToken &) { return BackendProbe::probeAll(config); },
                  [this](const QList<BackendStatus> &statuses) {
                      m_last = statuses;
                      emit statusesChanged(m_last);
                      if (std::exchange(m_pending, false))
                          refreshNow();
                  },
                  JobStart::SkipIfCancelled);
}

} // namespace Cockpit
