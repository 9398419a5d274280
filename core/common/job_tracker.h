// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>
#include <type_traits>
#include <utility>

namespace Cockpit {

// A job's cancellation flag, shared between the job and its tracker. Long work checks it between steps
// and returns early; a result returned after a cancel is dropped anyway.
class JobToken
{
public:
    bool isCancelled() const { return m_cancelled->load(std::memory_order_relaxed); }
    void cancel() const { m_cancelled->store(true, std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
};

namespace Detail {

// Hands a finished job's result to `done`, unless the job ended cancelled or without one.
template<typename T, typename Done>
void deliver(const QFutureWatcher<T> &watcher, Done &done)
{
    if (watcher.isCanceled())
        return;
    if constexpr (std::is_void_v<T>) {
        done();
    } else {
        if (watcher.future().resultCount() == 0)
            return;
        done(watcher.result());
    }
}

} // namespace Detail

// Runs the blocking work of one kind (a snapshot load, a probe, an export) in the global thread pool and
// hands its result back, queued, in the thread that owns the tracker (the GUI thread), only while it is
// still wanted:
//   - start() supersedes the job before it: that job's token is cancelled and its result dropped, so a
//     stale result never overwrites a newer one;
//   - cancel() does the same without starting another;
//   - the destructor cancels and returns at once: nothing ever waits for the work, which finishes on its
//     own in the pool. So the work must own what it touches (copies, shared pointers), never `this`.
// A read superseded before it started is not run at all (JobStart::SkipIfCancelled), so that abandoned reads
// do not hold the pool's few threads; a write always runs (JobStart::Always, the default), because nothing
// may be lost. One tracker per kind of job; a page with three kinds of work has three trackers. Not
// thread-safe: use it from the thread that created it, which must run an event loop (the result comes back
// as a queued event): the GUI thread or a worker thread with one.
enum class JobStart
{
    Always,          // writes: run even when superseded before starting
    SkipIfCancelled, // reads: not run when superseded before starting
};

template<typename T>
class JobTracker
{
public:
    using value_type = T;

    JobTracker() = default;
    ~JobTracker() { cancel(); }
    JobTracker(const JobTracker &) = delete;
    JobTracker &operator=(const JobTracker &) = delete;

    // work: T(const JobToken &), in the pool. done: void(T) (void() when T is void), in this thread, only
    // if this job is still the latest when it finishes. Returns the job's id.
    template<typename Work, typename Done>
    quint64 start(Work work, Done done, JobStart when = JobStart::Always)
    {
        return startWith(
            [work = std::move(work), when](const JobToken &token) mutable {
                return QtConcurrent::run([work = std::move(work), token, when]() -> T {
                    if (when == JobStart::SkipIfCancelled && token.isCancelled()) {
                        if constexpr (std::is_void_v<T>)
                            return;
                        else
                            return T{}; // dropped: only a superseded job is cancelled
                    }
                    return work(token);
                });
            },
            std::move(done));
    }

    // The same, with the work started elsewhere: launch(const JobToken &) starts it and returns its future
    // (JobThread runs jobs this way in its own thread). A future that ends cancelled or without a result
    // is dropped like a superseded job.
    template<typename Launch, typename Done>
    quint64 startWith(Launch launch, Done done)
    {
        Q_ASSERT_X(QThread::currentThread()->eventDispatcher(), "JobTracker::start",
                   "the owner's thread needs an event loop to receive results");
        cancel();
        const quint64 id = ++m_lastId;
        JobToken token;
        m_token = token;
        auto *watcher = new QFutureWatcher<T>();
        m_watcher = watcher;
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                         [this, watcher, id, done = std::move(done)]() mutable {
                             watcher->deleteLater();
                             if (m_watcher != watcher || id != m_lastId)
                                 return;
                             m_watcher = nullptr;
                             Detail::deliver(*watcher, done);
                         });
        watcher->setFuture(launch(token));
        return id;
    }

    // Asks the running job to stop and drops its result. Never blocks.
    void cancel()
    {
        m_token.cancel();
        if (QFutureWatcher<T> *watcher = m_watcher) {
            // Disconnected first: a finished() already queued must not reach a tracker that may be gone.
            QObject::disconnect(watcher, nullptr, nullptr, nullptr);
            watcher->deleteLater();
        }
        m_watcher = nullptr;
    }

    bool isRunning() const { return !m_watcher.isNull(); }
    quint64 lastId() const { return m_lastId; }

private:
    QPointer<QFutureWatcher<T>> m_watcher;
    JobToken m_token;
    quint64 m_lastId = 0;
};

// Several jobs of one kind in flight at once, where a newer one does not make an older one stale (the
// windows of a lazy table, each fetched on its own): each result comes back as it finishes, until cancel()
// drops all of them together, when what they were asked for no longer holds (a new filter). The same
// contract as JobTracker otherwise: queued hand-back in the owner's thread, a destructor that never waits.
template<typename T>
class JobGroup
{
public:
    using value_type = T;

    JobGroup() = default;
    ~JobGroup() { cancel(); }
    JobGroup(const JobGroup &) = delete;
    JobGroup &operator=(const JobGroup &) = delete;

    // As JobTracker::startWith, without superseding the jobs in flight.
    template<typename Launch, typename Done>
    quint64 startWith(Launch launch, Done done)
    {
        Q_ASSERT_X(QThread::currentThread()->eventDispatcher(), "JobGroup::startWith",
                   "the owner's thread needs an event loop to receive results");
        auto *watcher = new QFutureWatcher<T>();
        m_watchers.append(watcher);
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                         [this, watcher, done = std::move(done)]() mutable {
                             watcher->deleteLater();
                             m_watchers.removeOne(watcher);
                             Detail::deliver(*watcher, done);
                         });
        watcher->setFuture(launch(m_token));
        return ++m_lastId;
    }

    // Asks every job in flight to stop and drops their results. Never blocks.
    void cancel()
    {
        m_token.cancel();
        m_token = JobToken();
        for (QFutureWatcher<T> *watcher : std::as_const(m_watchers)) {
            QObject::disconnect(watcher, nullptr, nullptr, nullptr);
            watcher->deleteLater();
        }
        m_watchers.clear();
    }

    qsizetype runningCount() const { return m_watchers.size(); }

private:
    QList<QFutureWatcher<T> *> m_watchers;
    JobToken m_token;
    quint64 m_lastId = 0;
};

} // namespace Cockpit
