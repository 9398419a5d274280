// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

#include "common/job_thread.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

namespace Cockpit {

class EnvironmentSession;
class StampPoller;

// Keeps the views of one environment in step with its control store, whoever changes it (this window,
// another cockpit, cockpitctl, a headless guard): a worker thread reads the store's change stamp every
// second and, when it differs from the last one, the session emits controlStoreChanged(). The views that
// show control state (Overview, phase steppers, the Rollout page, the Audit Log) reload on it. A pending
// transition whose holder stopped is reported once (activity, a desktop notification) and counted on the
// Overview's sidebar entry while it stays interrupted.
//
// The worker owns its store connection and lives in a JobThread; nothing blocks the GUI thread, also not on
// destruction: the thread ends alone when its last read returns.
class ControlStoreFollower : public QObject
{
    Q_OBJECT

public:
    static constexpr int IntervalMs = 1000;

    explicit ControlStoreFollower(EnvironmentSession *session);
    ~ControlStoreFollower() override;

    bool isReady() const { return m_ready; }

signals:
    // The first change stamp has been read: from now on every change is seen (for tests).
    void ready();

private:
    QPointer<EnvironmentSession> m_session;
    std::unique_ptr<JobThread<StampPoller>> m_poller;
    bool m_ready = false;
    QStringList m_interrupted; // reported already
};

} // namespace Cockpit
