// SPDX-License-Identifier: MIT
// JobTracker: results come back in the owner's thread, only the latest job's, and nothing ever waits for a
// job that is no longer wanted.
#include "common/job_tracker.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <memory>

using namespace Cockpit;

namespace {

// Sleeps in small steps until cancelled or `ms` passed; says whether it saw the cancel.
bool sleepUnlessCancelled(const JobToken &token, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        if (token.isCancelled())
            return true;
        QThread::msleep(5);
    }
    return false;
}

} // namespace

class TestJobTracker : public QObject
{
    Q_OBJECT

private slots:
    void deliversInTheOwnersThread()
    {
        JobTracker<int> tracker;
        QThread *workThread = nullptr;
        QThread *doneThread = nullptr;
        int value = 0;
        tracker.start(
            [&workThread](const JobToken &) {
                workThread = QThread::currentThread();
                return 42;
            },
            [&](int v) {
                doneThread = QThread::currentThread();
                value = v;
            });
        QVERIFY(tracker.isRunning());
        QTRY_COMPARE(value, 42);
        QVERIFY(workThread && workThread != QThread::currentThread());
        QCOMPARE(doneThread, QThread::currentThread());
        QVERIFY(!tracker.isRunning());
    }

    void aNewerJobSupersedesTheRunningOne()
    {
        JobTracker<int> tracker;
        auto firstSawCancel = std::make_shared<std::atomic_bool>(false);
        QList<int> delivered;
        tracker.start(
            [firstSawCancel](const JobToken &token) {
                firstSawCancel->store(sleepUnlessCancelled(token, 2000));
                return 1;
            },
            [&delivered](int v) { delivered.append(v); });
        tracker.start([](const JobToken &) { return 2; }, [&delivered](int v) { delivered.append(v); });
        QTRY_COMPARE(delivered, QList<int>{2});
        QTRY_VERIFY(firstSawCancel->load());
        QTest::qWait(50); // the first job's late result must not arrive either
        QCOMPARE(delivered, QList<int>{2});
        QCOMPARE(tracker.lastId(), quint64(2));
    }

    void cancelDropsTheResult()
    {
        JobTracker<QString> tracker;
        bool called = false;
        auto finished = std::make_shared<std::atomic_bool>(false);
        tracker.start(
            [finished](const JobToken &) {
                QThread::msleep(50);
                finished->store(true);
                return QStringLiteral("late");
            },
            [&called](const QString &) { called = true; });
        tracker.cancel();
        QVERIFY(!tracker.isRunning());
        QTRY_VERIFY(finished->load());
        QTest::qWait(50);
        QVERIFY(!called);
    }

    // What closing a page or switching environments does: the tracker goes away while its job runs.
    void destructionNeverWaitsForTheJob()
    {
        auto tracker = std::make_unique<JobTracker<int>>();
        auto sawCancel = std::make_shared<std::atomic_bool>(false);
        auto running = std::make_shared<std::atomic_bool>(false);
        bool called = false;
        tracker->start(
            [sawCancel, running](const JobToken &token) {
                running->store(true);
                sawCancel->store(sleepUnlessCancelled(token, 3000));
                return 7;
            },
            [&called](int) { called = true; });
        QTRY_VERIFY(running->load());
        QElapsedTimer timer;
        timer.start();
        tracker.reset();
        QVERIFY2(timer.elapsed() < 100, qPrintable(QString::number(timer.elapsed())));
        QTRY_VERIFY(sawCancel->load()); // the job was asked to stop, and did
        QTest::qWait(50);
        QVERIFY(!called);
    }

    // A read superseded while it waits for a pool thread is not run; a write still is: nothing is lost.
    void aReadCancelledBeforeItStartsDoesNotRun()
    {
        QThreadPool *pool = QThreadPool::globalInstance();
        auto release = std::make_shared<std::atomic_bool>(false);
        auto busy = std::make_shared<std::atomic_int>(0);
        for (int i = 0; i < pool->maxThreadCount(); ++i)
            pool->start([release, busy] {
                ++*busy;
                while (!release->load())
                    QThread::msleep(2);
            });
        QTRY_COMPARE(busy->load(), pool->maxThreadCount());
        auto readRan = std::make_shared<std::atomic_bool>(false);
        auto writeRan = std::make_shared<std::atomic_bool>(false);
        JobTracker<int> reads;
        JobTracker<int> writes;
        reads.start([readRan](const JobToken &) { return int(readRan->exchange(true)); }, [](int) {},
                    JobStart::SkipIfCancelled);
        writes.start([writeRan](const JobToken &) { return int(writeRan->exchange(true)); }, [](int) {});
        reads.cancel();
        writes.cancel();
        release->store(true);
        QTRY_VERIFY(writeRan->load());
        pool->waitForDone(5000);
        QVERIFY(!readRan->load());
    }

    void voidJobsAndRestartFromTheCallback()
    {
        JobTracker<void> tracker;
        int runs = 0;
        std::function<void()> again;
        again = [&] {
            tracker.start([](const JobToken &) {},
                          [&] {
                              if (++runs < 3)
                                  again();
                          });
        };
        again();
        QTRY_COMPARE(runs, 3);
        QVERIFY(!tracker.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_job_tracker.moc"
