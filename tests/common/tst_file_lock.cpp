// SPDX-License-Identifier: MIT
#include "common/file_lock.h"

#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/file.h>
#include <sys/wait.h>

#include <csignal>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using Cockpit::ErrorKind;
using Cockpit::FileLock;

class TestFileLock : public QObject
{
    Q_OBJECT

private slots:
    void secondHolderIsRefusedUntilTheFirstLetsGo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bscmainnet.json.lock"));
        FileLock first(path);
        QVERIFY(first.tryLock(0).has_value());
        FileLock second(path);
        const Cockpit::Result<void> refused = second.tryLock(50);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Refused);
        QVERIFY(refused.error().message.contains(path));
        first.unlock();
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(second.tryLock(0).has_value());
        second.unlock();
        QVERIFY(!QFileInfo::exists(path));
    }

    // The case QLockFile gets wrong: a holder killed between creating the file and writing its process id
    // leaves a file that counts as held until it is stale. Here the lock dies with the process.
    void killedHolderReleasesTheLock()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.lock"));
        const QByteArray file = QFile::encodeName(path);
        int ready[2];
        QCOMPARE(::pipe(ready), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // Only system calls here: the child of a Qt process must not touch Qt.
            const int fd = ::open(file.constData(), O_RDWR | O_CREAT, 0600);
            const char ok = fd >= 0 && ::flock(fd, LOCK_EX) == 0 ? '1' : '0';
            if (::write(ready[1], &ok, 1) != 1)
                ::_exit(1);
            ::pause();
            ::_exit(0);
        }
        ::close(ready[1]);
        char ok = 0;
        QCOMPARE(::read(ready[0], &ok, 1), ssize_t(1));
        ::close(ready[0]);
        QCOMPARE(ok, '1');

        FileLock lock(path);
        QCOMPARE(lock.tryLock(0).error().kind, ErrorKind::Refused);
        ::kill(child, SIGKILL);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(QFileInfo::exists(path));     // the killed holder's file is still there...
        QVERIFY(lock.tryLock(0).has_value()); // ...and free
    }

    // A waiter that gets the lock on the file its holder just removed must not count it: otherwise it and
    // whoever creates the new file would both hold "the" lock.
    void waiterOnARemovedFileTakesTheNewOne()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.lock"));
        for (int round = 0; round < 20; ++round) {
            FileLock first(path);
            QVERIFY(first.tryLock(0).has_value());
            FileLock waiter(path);
            bool waiterGotIt = false;
            std::thread waiting([&] { waiterGotIt = waiter.tryLock(100).has_value(); });
            QTest::qWait(5); // the waiter has the old file open and polls it
            first.unlock();
            FileLock newcomer(path);
            const bool newcomerGotIt = newcomer.tryLock(0).has_value();
            waiting.join();
            QVERIFY2(waiterGotIt != newcomerGotIt,
                     qPrintable(QStringLiteral("round %1: %2 holders")
                                    .arg(round)
                                    .arg(int(waiterGotIt) + int(newcomerGotIt))));
        }
    }

    // Someone deletes a held lock file by hand and a second writer takes a new one: the first writer's
    // unlock must not remove the second's file, or a third would get in beside it.
    void unlockLeavesAnotherHoldersFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.lock"));
        FileLock first(path);
        QVERIFY(first.tryLock(0).has_value());
        QVERIFY(QFile::remove(path));
        FileLock second(path);
        QVERIFY(second.tryLock(0).has_value());
        first.unlock();
        QVERIFY(QFileInfo::exists(path));
        FileLock third(path);
        QCOMPARE(third.tryLock(0).error().kind, ErrorKind::Refused);
    }

    void qLockFileHolderKeepsItOut()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.lock"));
        QLockFile other(path);
        QVERIFY(other.tryLock(0));
        FileLock lock(path);
        QVERIFY(!lock.tryLock(20));
        other.unlock();
        QVERIFY(lock.tryLock(0).has_value());
    }

    void unopenableLockFileNamesItself()
    {
        const QString path = QStringLiteral("/nonexistent-folder-for-a-lock/a.lock");
        FileLock lock(path);
        const Cockpit::Result<void> failed = lock.tryLock(0);
        QVERIFY(!failed);
        QCOMPARE(failed.error().kind, ErrorKind::Failed);
        QVERIFY(failed.error().message.startsWith(path));
    }
};

QTEST_GUILESS_MAIN(TestFileLock)
#include "tst_file_lock.moc"
