// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_tracker.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

class QThread;

namespace Cockpit {

namespace Detail {

// The thread under a JobThread: an event loop running posted functions in order, which ends by itself
// after its last job once its owner lets it go, and which the application waits for when it exits.
class JobThreadCore
{
public:
    explicit JobThreadCore(const QString &name);
    ~JobThreadCore();
    JobThreadCore(const JobThreadCore &) = delete;
    JobThreadCore &operator=(const JobThreadCore &) = delete;

    // Runs `work` in the thread, after everything posted before it.
    void post(std::function<void()> work) const;
    // Moves `object` (without a parent) into the thread: a worker with timers or signals of its own lives
    // in the thread's event loop between jobs.
    void moveIn(QObject *object) const;
    QThread *thread() const { return m_thread; }

    // Lets the thread go: its loop ends after every job posted before, then `atEnd` runs in it. Never
    // waits.
    void release(std::function<void()> atEnd);

private:
    QThread *m_thread = nullptr;
    QObject *m_home = nullptr; // lives in the thread: the receiver of posted functions
};

} // namespace Detail

// The answer of an asynchronous job (JobThread::startAsync); copyable, called once, in the job's thread.
template<typename T>
class JobReply
{
public:
    explicit JobReply(std::shared_ptr<QPromise<T>> promise)
        : m_promise(std::move(promise))
    {}

    void operator()(T value) const
    {
        if (m_promise->future().isFinished())
            return; // answered already
        m_promise->addResult(std::move(value));
        m_promise->finish();
    }

private:
    std::shared_ptr<QPromise<T>> m_promise;
};

// One thread of its own that keeps a Context between jobs, for work bound to a thread (a QtSql connection
// belongs to the thread that opened it) or to state (a metrics provider, a reader kept open). It is what
// JobTracker is for the pool: jobs started through a tracker come back queued in the tracker's thread, only
// while still the latest of their tracker, superseded ones cancelled and, for reads, skipped.
//
//   - Jobs run one after the other, in the order started. Several trackers may share one JobThread.
//   - The Context is handed over at construction and from then on touched only in the thread, by jobs and
//     finally by its destructor, which runs there once the thread's loop has ended after the last job
//     (connections close in their thread).
//     A QObject Context is moved into the thread: its timers run and its signals come from there.
//   - The destructor never waits: the thread finishes the job it is in, destroys the Context and ends by
//     itself. So a page can go while a gate or a slow query runs. The application waits for such a thread
//     when it exits (nothing is cut off mid-write); that needs a QCoreApplication, as any event loop does.
//
// Created, used and destroyed in the thread that owns the trackers, which must run an event loop.
template<typename Context>
class JobThread
{
public:
    JobThread(const QString &name, std::unique_ptr<Context> context)
        : m_core(name)
        , m_state(std::make_shared<State>(std::move(context)))
    {
        if constexpr (std::is_base_of_v<QObject, Context>)
            m_core.moveIn(m_state->context.get());
    }
    ~JobThread()
    {
        m_core.release([state = m_state] { state->context.reset(); });
    }
    JobThread(const JobThread &) = delete;
    JobThread &operator=(const JobThread &) = delete;

    // work: T(Context &, const JobToken &), in this thread. done: as for JobTracker::start. The tracker is a
    // JobTracker<T> or a JobGroup<T>.
    template<typename Tracker, typename Work, typename Done>
    quint64 start(Tracker &tracker, Work work, Done done, JobStart when = JobStart::Always)
    {
        using T = typename Tracker::value_type;
        return launch(
            tracker,
            [work = std::move(work)](Context &context, const JobToken &token,
                                     const std::shared_ptr<QPromise<T>> &promise) {
                if constexpr (std::is_void_v<T>)
                    work(context, token);
                else
                    promise->addResult(work(context, token));
                promise->finish();
            },
            std::move(done), when);
    }

    // For work that answers later from the thread's event loop (network replies, a job object's signal):
    // work(Context &, const JobToken &, JobReply<T>) starts it and returns; the answer is whatever the
    // reply is called with. A reply dropped without being called drops the job.
    template<typename Tracker, typename Work, typename Done>
    quint64 startAsync(Tracker &tracker, Work work, Done done, JobStart when = JobStart::Always)
    {
        using T = typename Tracker::value_type;
        return launch(
            tracker,
            [work = std::move(work)](Context &context, const JobToken &token,
                                     const std::shared_ptr<QPromise<T>> &promise) {
                work(context, token, JobReply<T>(promise));
            },
            std::move(done), when);
    }

    // Runs `work(Context &)` in the thread without a result to hand back (a setting, a stop).
    template<typename Work>
    void post(Work work)
    {
        m_core.post([state = m_state, work = std::move(work)] {
            if (state->context)
                work(*state->context);
        });
    }

    QThread *thread() const { return m_core.thread(); }
    // For connecting to a QObject Context's signals; call nothing on it from outside its thread.
    Context *context() const { return m_state->context.get(); }

private:
    // Posts run(Context &, token, promise) behind the jobs before it; a job skipped, or whose promise is
    // dropped unfinished, ends cancelled, which its tracker drops.
    template<typename Tracker, typename Run, typename Done>
    quint64 launch(Tracker &tracker, Run run, Done done, JobStart when)
    {
        using T = typename Tracker::value_type;
        return tracker.startWith(
            [this, run = std::move(run), when](const JobToken &token) mutable {
                auto promise = std::make_shared<QPromise<T>>();
                QFuture<T> future = promise->future();
                promise->start();
                m_core.post([state = m_state, promise, run = std::move(run), token, when] {
                    if (!(when == JobStart::SkipIfCancelled && token.isCancelled()) && state->context)
                        run(*state->context, token, promise);
                });
                return future;
            },
            std::move(done));
    }

    struct State
    {
        explicit State(std::unique_ptr<Context> c)
            : context(std::move(c))
        {}
        std::unique_ptr<Context> context;
    };

    Detail::JobThreadCore m_core;
    std::shared_ptr<State> m_state;
};

} // namespace Cockpit
