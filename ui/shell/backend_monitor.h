// SPDX-License-Identifier: MIT
#pragma once

#include "common/environment_config.h"
#include "environment/backend_probe.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

namespace Cockpit {

// Probes an environment's backends every few seconds in a worker thread and reports the result to the GUI
// thread. A generation token drops results of an environment that was closed meanwhile.
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
    void onFinished();

    EnvironmentConfig m_config;
    QTimer m_timer;
    QFutureWatcher<QList<BackendStatus>> m_watcher;
    quint64 m_generation = 0;
    quint64 m_runningGeneration = 0;
    bool m_pending = false;
    QList<BackendStatus> m_last;
};

} // namespace Cockpit
