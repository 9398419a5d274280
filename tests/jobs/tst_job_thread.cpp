// SPDX-License-Identifier: MIT
// JobThread: one thread keeping its context between jobs, jobs in order, results handed back only while
// wanted, and an owner that can go at any moment without waiting, even while a job sits in a nested loop.
#include "common/job_thread.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

using namespace Cockpit;

namespace {

// What the tests look at after the JobThread is gone; shared, so that it outlives the context.
struct Trace
{
    std::atomic<QThread *> destroyedIn{nullptr};
    std::atomic_bool jobReturned{false};
    std::atomic_bool returnedBeforeDestruction{false};
};

struct Context
{
    explicit Context(std::shared_ptr<Trace> t)
        : trace(std::move(t))
    {}
    ~Context()
    {
        trace->returnedBeforeDestruction.store(trace->jobReturned.load());
        trace->destroyedIn.store(QThread::currentThread());
    }
    Context(const Context &) = delete;
    Context &operator=(const Context &) = delete;

    std::shared_ptr<Trace> trace;
    QList<int> seen; // touched only in the thread
    int runs = 0;
};

class Worker : public QObject
{
public:
    QThread *livesIn() const { return thread(); }
};

} // namespace

class TestJobThread : public QObject
{
    Q_OBJECT

private slots:
    void runsJobsInOneThreadInOrderKeepingItsContext()
    {
        auto trace = std::make_shared<Trace>();
        JobThread<Context> jobs(QStringLiteral("test-jobs"), std::make_unique<Context>(trace));
        JobGroup<QList<int>> group;
        QList<QList<int>> answers;
        QList<QThread *> doneIn;
        for (int i = 1; i <= 3; ++i) {
            jobs.start(
                group,
                [i](Context &c, const JobToken &) {
                    c.seen.append(i);
                    return c.seen;
                },
                [&](const QList<int> &seen) {
                    answers.append(seen);
                    doneIn.append(QThread::currentThread());
                });
        }
        QTRY_COMPARE(answers.size(), 3);
        // In order, in one thread, on one context: each job saw the ones before it.
        QCOMPARE(answers.last(), (QList<int>{1, 2, 3}));
        QCOMPARE(answers.first(), (QList<int>{1}));
        for (QThread *t : doneIn)
            QCOMPARE(t, QThread::currentThread());
        QThread *ranIn = nullptr;
        JobTracker<QThread *> where;
        jobs.start(
            where, [](Context &, const JobToken &) { return QThread::currentThread(); },
            [&ranIn](QThread *t) { ranIn = t; });
        QTRY_VERIFY(ranIn != nullptr);
        QCOMPARE(ranIn, jobs.thread());
        QVERIFY(ranIn != QThread::currentThread());
    }

    void aSupersededReadIsSkippedAndOnlyTheLatestAnswers()
    {
        auto trace = std::make_shared<Trace>();
        JobThread<Context> jobs(QStringLiteral("test-jobs"), std::make_unique<Context>(trace));
        JobTracker<int> tracker;
        QList<int> answered;
        std::atomic_bool started{false};
        auto slow = [&started](Context &c, const JobToken &) {
            ++c.runs;
            started.store(true);
            QThread::msleep(150); // does not look at its token: the next two are queued behind it
            return 1;
        };
        auto read = [](int value) {
            return [value](Context &c, const JobToken &) {
                ++c.runs;
                return value;
            };
        };
        auto note = [&answered](int v) {
            answered.append(v);
        };
        jobs.start(tracker, slow, note, JobStart::SkipIfCancelled);
        QTRY_VERIFY(started.load());
        jobs.start(tracker, read(2), note, JobStart::SkipIfCancelled); // superseded before it starts
        jobs.start(tracker, read(3), note, JobStart::SkipIfCancelled);
        QTRY_COMPARE(answered, QList<int>{3});
        QVERIFY(!tracker.isRunning());
        int runs = 0;
        JobTracker<int> count;
        jobs.start(
            count, [](Context &c, const JobToken &) { return c.runs; }, [&runs](int n) { runs = n; });
        QTRY_VERIFY(runs > 0);
        QCOMPARE(runs, 2); // the slow one and the latest; the read in between never ran
    }

    void theOwnerGoesAtOnceAndTheContextDiesInItsThreadAfterTheJob()
    {
        auto trace = std::make_shared<Trace>();
        auto jobs = std::make_unique<JobThread<Context>>(QStringLiteral("test-jobs"),
                                                         std::make_unique<Context>(trace));
        const QPointer<QThread> thread = jobs->thread();
        std::atomic_bool started{false};
        bool answered = false;
        {
            JobTracker<int> tracker;
            jobs->start(
                tracker,
                [&started, trace](Context &, const JobToken &) {
                    started.store(true);
                    QThread::msleep(400); // a slow query, which no cancel can cut short
                    trace->jobReturned.store(true);
                    return 1;
                },
                [&answered](int) { answered = true; });
            QTRY_VERIFY(started.load());
            QElapsedTimer timer;
            timer.start();
            jobs.reset();
            QVERIFY2(timer.elapsed() < 100, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
        }
        QTRY_VERIFY_WITH_TIMEOUT(trace->destroyedIn.load() != nullptr, 5000);
        QVERIFY(trace->returnedBeforeDestruction.load());
        QVERIFY(trace->destroyedIn.load() != QThread::currentThread());
        QTRY_VERIFY(thread.isNull()); // the thread object goes too, once it has ended
        QVERIFY(!answered);           // its tracker went with the owner
    }

    void aJobInANestedLoopIsNeverDestroyedUnderIt()
    {
        auto trace = std::make_shared<Trace>();
        auto jobs = std::make_unique<JobThread<Context>>(QStringLiteral("test-jobs"),
                                                         std::make_unique<Context>(trace));
        std::atomic_bool waiting{false};
        jobs->post([&waiting, trace](Context &c) {
            // As a guard round waits for its analyses: a local loop, in which other events are delivered.
            QEventLoop loop;
            QTimer::singleShot(2000, &loop, &QEventLoop::quit);
            waiting.store(true);
            loop.exec();
            c.seen.append(1); // the context must still be there
            trace->jobReturned.store(true);
        });
        QTRY_VERIFY(waiting.load());
        jobs.reset();
        QTRY_VERIFY_WITH_TIMEOUT(trace->destroyedIn.load() != nullptr, 5000);
        QVERIFY(trace->returnedBeforeDestruction.load());
    }

    void anAsynchronousJobAnswersThroughItsReply()
    {
        auto trace = std::make_shared<Trace>();
        JobThread<Context> jobs(QStringLiteral("test-jobs"), std::make_unique<Context>(trace));
        JobTracker<QString> tracker;
        QString answer;
        jobs.startAsync(
            tracker,
            [](Context &, const JobToken &, const JobReply<QString> &reply) {
                // Answers later, from the thread's event loop, as a network reply would.
                QTimer::singleShot(50, [reply] { reply(QStringLiteral("late")); });
            },
            [&answer](const QString &a) { answer = a; });
        QTRY_COMPARE(answer, QStringLiteral("late"));

        // A reply dropped without an answer ends the job without one.
        bool called = false;
        jobs.startAsync(
            tracker, [](Context &, const JobToken &, const JobReply<QString> &) {},
            [&called](const QString &) { called = true; });
        QTRY_VERIFY(!tracker.isRunning());
        QVERIFY(!called);
    }

    void aGroupDeliversEachJobUntilCancelled()
    {
        auto trace = std::make_shared<Trace>();
        JobThread<Context> jobs(QStringLiteral("test-jobs"), std::make_unique<Context>(trace));
        JobGroup<int> group;
        QList<int> answered;
        for (int i = 0; i < 3; ++i)
            jobs.start(
                group, [i](Context &, const JobToken &) { return i; },
                [&answered](int v) { answered.append(v); });
        QTRY_COMPARE(answered, (QList<int>{0, 1, 2}));
        QCOMPARE(group.runningCount(), 0);

        std::atomic_bool release{false};
        jobs.start(
            group,
            [&release](Context &, const JobToken &token) {
                while (!release.load() && !token.isCancelled())
                    QThread::msleep(5);
                return 7;
            },
            [&answered](int v) { answered.append(v); });
        jobs.start(
            group, [](Context &, const JobToken &) { return 8; }, [&answered](int v) { answered.append(v); },
            JobStart::SkipIfCancelled);
        QCOMPARE(group.runningCount(), 2);
        group.cancel(); // a new filter: neither answer is wanted
        release.store(true);
        QTest::qWait(200);
        QCOMPARE(answered, (QList<int>{0, 1, 2}));
        QCOMPARE(group.runningCount(), 0);
    }

    void aQObjectContextLivesInTheThread()
    {
        JobThread<Worker> jobs(QStringLiteral("test-jobs"), std::make_unique<Worker>());
        QCOMPARE(jobs.context()->livesIn(), jobs.thread());
        QThread *seen = nullptr;
        JobTracker<QThread *> tracker;
        jobs.start(
            tracker, [](Worker &w, const JobToken &) { return w.livesIn(); },
            [&seen](QThread *t) { seen = t; });
        QTRY_COMPARE(seen, jobs.thread());
    }
};

// The child process of applicationExitWaitsForAReleasedThread: an application that lets a JobThread go while
// its job runs and returns from main at once. `marker` gets "job" when the job has run to its end and
// "context" when the context has been destroyed.
int exitWithARunningJob(int argc, char **argv, const QString &marker)
{
    QCoreApplication app(argc, argv);
    auto append = [marker](const char *line) {
        QFile file(marker);
        if (file.open(QIODevice::Append))
            file.write(QByteArray(line) + '\n');
    };
    struct Writer
    {
        explicit Writer(std::function<void(const char *)> a)
            : append(std::move(a))
        {}
        ~Writer() { append("context"); }
        Writer(const Writer &) = delete;
        Writer &operator=(const Writer &) = delete;
        std::function<void(const char *)> append;
    };
    std::atomic_bool started{false};
    {
        JobThread<Writer> jobs(QStringLiteral("exiting"), std::make_unique<Writer>(append));
        jobs.post([&started](Writer &w) {
            started.store(true);
            QThread::msleep(300); // a write under way when the window closes
            w.append("job");
        });
        while (!started.load())
            QThread::msleep(1);
    }
    return 0; // the application object goes now, with the job still running
}

class TestJobThreadExit : public QObject
{
    Q_OBJECT

private slots:
    void applicationExitWaitsForAReleasedThread()
    {
        QTemporaryDir dir;
        const QString marker = dir.filePath(QStringLiteral("marker"));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COCKPIT_JOB_THREAD_EXIT_MARKER"), marker);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(15000)); // not hanging at exit
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);
        QFile file(marker);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("job\ncontext\n"));
    }
};

int main(int argc, char **argv)
{
    const QString marker = qEnvironmentVariable("COCKPIT_JOB_THREAD_EXIT_MARKER");
    if (!marker.isEmpty())
        return exitWithARunningJob(argc, argv, marker);
    QCoreApplication app(argc, argv);
    TestJobThread jobs;
    TestJobThreadExit exit;
    return QTest::qExec(&jobs, argc, argv) | QTest::qExec(&exit, argc, argv);
}

#include "tst_job_thread.moc"
