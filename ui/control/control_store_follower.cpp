// SPDX-License-Identifier: MIT
#include "control/control_store_follower.h"

#include "common/environment_session.h"
#include "common/logging.h"
#include "control/control_store.h"

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

namespace Cockpit {

namespace {

// Lives in the follower's thread: its store connection belongs to that thread.
class StampPoller : public QObject
{
    Q_OBJECT

public:
    explicit StampPoller(EnvironmentConfig config)
        : m_config(std::move(config))
    {}

    void start()
    {
        auto *timer = new QTimer(this);
        timer->setInterval(ControlStoreFollower::IntervalMs);
        connect(timer, &QTimer::timeout, this, &StampPoller::poll);
        timer->start();
        poll();
    }

signals:
    void changed();
    void ready(); // the first stamp was read

private:
    void poll()
    {
        if (!m_store) {
            auto store = ControlStore::create(m_config);
            if (!store->open().ok())
                return; // the backend lights say why; tried again next time
            m_store = std::move(store);
        }
        ControlResult result;
        const std::optional<QString> stamp = m_store->changeStamp(&result);
        if (!stamp) {
            m_store.reset(); // reconnect next time
            m_lost = true;
            return;
        }
        // After a lost connection whatever happened meanwhile is unknown: the views reload once.
        if ((!m_last.isEmpty() && *stamp != m_last) || m_lost)
            emit changed();
        if (m_last.isEmpty())
            emit ready();
        m_last = *stamp;
        m_lost = false;
    }

    EnvironmentConfig m_config;
    std::unique_ptr<ControlStore> m_store;
    QString m_last;
    bool m_lost = false;
};

} // namespace

ControlStoreFollower::ControlStoreFollower(EnvironmentSession *session)
    : QObject(session)
    , m_session(session)
    , m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("control store follower"));
    auto *poller = new StampPoller(session->config());
    poller->moveToThread(m_thread);
    connect(m_thread, &QThread::started, poller, &StampPoller::start);
    connect(m_thread, &QThread::finished, poller, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    connect(poller, &StampPoller::changed, this, [this] {
        if (m_session)
            emit m_session->controlStoreChanged();
    });
    connect(poller, &StampPoller::ready, this, [this] {
        m_ready = true;
        emit ready();
    });
    // At exit the main event loop no longer deletes the thread: stop it while Qt is still whole, bounded.
    connect(qApp, &QCoreApplication::aboutToQuit, m_thread, [thread = m_thread] {
        thread->quit();
        thread->wait(2000);
    });
    m_thread->start(QThread::LowPriority);
}

ControlStoreFollower::~ControlStoreFollower()
{
    // Not waited for: a read in progress (a slow network) must not freeze the window; the thread deletes
    // itself and its poller when it has stopped.
    m_thread->quit();
}

} // namespace Cockpit

#include "control_store_follower.moc"
