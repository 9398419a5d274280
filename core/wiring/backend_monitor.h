// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_tracker.h"
#include "config/environment_config.h"
#include "wiring/backend_probe.h"

#include <QObject>
#include <QTimer>

namespace Cockpit {

// Probes an environment's backends every few seconds in a worker thread and reports the result to the GUI
// thread. A new environment supersedes a running probe (its result is dropped); nothing waits for one.
class BackendMonitor : public QObject
{
    Q_OBJECT

public:
    explicit BackendMonitor(QObject *parent = nullptr);
    ~BackendMonitor() override;

    void setEnvironment(const EnvironmentConfig &config);
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    void refreshNow();
    QList<BackendStatus> lastStatuses() const { return m_last; }

signals:
    void statusesChanged(const QList<Cockpit::BackendStatus> &statuses);

private:
    void probe();

    EnvironmentConfig m_config;
    QTimer m_timer;
    JobTracker<QList<BackendStatus>> m_probe;
    bool m_pending = false;
    QList<BackendStatus> m_last;
};

} // namespace Cockpit
