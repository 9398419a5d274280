// SPDX-License-Identifier: MIT
#include "common/job_thread.h"

#include <QCoreApplication>
#include <QList>
#include <QMutex>
#include <QThread>

#include <utility>

namespace Cockpit::Detail {

namespace {

// The threads let go and not yet ended. The application waits for them at the start of its destruction
// (a post routine), while it still delivers events (their queued jobs and end still run) and before Qt
// unloads anything a job may still use (a database driver): a thread outliving that point would run a
// job, or destroy its context, in a half-destroyed process. One list per process, as the application
// object it belongs to is one.
struct Released
{
    QMutex mutex;
    QList<QThread *> threads;
    bool routineAdded = false;
};

Released &released()
{
    static Released list;
    return list;
}

void waitForReleasedThreads()
{
    QList<QThread *> threads;
    {
        const QMutexLocker lock(&released().mutex);
        threads = released().threads;
    }
    // Each ends after its queued jobs. Its deleteLater() is still queued, and no event loop will run it.
    for (QThread *thread : std::as_const(threads)) {
        thread->wait();
        delete thread;
    }
}

void remember(QThread *thread)
{
    const QMutexLocker lock(&released().mutex);
    released().threads.append(thread);
    if (!std::exchange(released().routineAdded, true))
        qAddPostRoutine(waitForReleasedThreads);
}

void forget(QThread *thread)
{
    const QMutexLocker lock(&released().mutex);
    released().threads.removeOne(thread);
}

} // namespace

JobThreadCore::JobThreadCore(const QString &name)
    : m_thread(new QThread)
    , m_home(new QObject)
{
    m_thread->setObjectName(name);
    m_home->moveToThread(m_thread);
    QObject::connect(m_thread, &QThread::finished, m_home, &QObject::deleteLater);
    m_thread->start();
}

JobThreadCore::~JobThreadCore()
{
    if (m_thread) // not released: a JobThread always releases; this only guards misuse
        release({});
}

void JobThreadCore::post(std::function<void()> work) const
{
    QMetaObject::invokeMethod(m_home, std::move(work), Qt::QueuedConnection);
}

void JobThreadCore::moveIn(QObject *object) const
{
    object->moveToThread(m_thread);
}

void JobThreadCore::release(std::function<void()> atEnd)
{
    QThread *thread = std::exchange(m_thread, nullptr);
    if (!thread)
        return;
    // Run when the loop has ended, in the thread: a job waiting in a nested event loop (a guard round
    // waiting for its analyses) has unwound by then, so nothing it uses is destroyed under it.
    if (atEnd)
        QObject::connect(thread, &QThread::finished, thread, std::move(atEnd), Qt::DirectConnection);
    QCoreApplication *app = QCoreApplication::instance();
    const bool handOver = app && QThread::currentThread() == app->thread();
    if (handOver) {
        remember(thread);
        // Connected before the thread is told to end, so that its end cannot slip past. The thread object
        // lives in this (the application's) thread and is deleted there.
        QObject::connect(
            thread, &QThread::finished, thread,
            [thread] {
                forget(thread);
                thread->deleteLater();
            },
            Qt::DirectConnection);
    }
    // Queued behind every job posted so far, which all run first, unless one waits in a nested loop: quit()
    // ends that loop too, and the jobs still queued are dropped (their trackers see a cancelled job).
    QMetaObject::invokeMethod(
        m_home, [] { QThread::currentThread()->quit(); }, Qt::QueuedConnection);
    if (!handOver) {
        // No application object in this thread to hand the thread to: the one case in which letting go
        // means waiting.
        thread->wait();
        delete thread;
    }
}

} // namespace Cockpit::Detail
