// SPDX-License-Identifier: MIT
#include "common/file_lock.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

#include <sys/file.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace Cockpit {

namespace {

// The file at `path` is still the one `fd` has open: the previous holder removes the file when it lets go,
// so a waiter can get the lock on a file nobody will look at again.
bool stillLinked(int fd, const QByteArray &path)
{
    struct stat held = {};
    struct stat named = {};
    return ::fstat(fd, &held) == 0 && ::stat(path.constData(), &named) == 0 && held.st_dev == named.st_dev
           && held.st_ino == named.st_ino;
}

} // namespace

FileLock::FileLock(QString path)
    : m_path(std::move(path))
{}

FileLock::~FileLock()
{
    unlock();
}

Result<void> FileLock::tryLock(int timeoutMs)
{
    if (m_fd >= 0)
        return ok();
    const QByteArray file = QFile::encodeName(m_path);
    const QDeadlineTimer deadline(std::max(timeoutMs, 0));
    int fd = -1;
    while (true) {
        if (fd < 0) {
            fd = ::open(file.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
            if (fd < 0)
                return fail(m_path + QLatin1String(": cannot open the lock file: ") + qt_error_string(errno));
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            if (stillLinked(fd, file)) {
                m_fd = fd;
                return ok();
            }
            ::close(fd); // the previous holder removed it: take the lock on the file that is there now
            fd = -1;
            continue;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const QString reason = qt_error_string(errno);
            ::close(fd);
            return fail(m_path + QLatin1String(": cannot lock: ") + reason);
        }
        if (deadline.hasExpired()) {
            ::close(fd);
            return fail(m_path + QLatin1String(": held by another writer"), ErrorKind::Refused);
        }
        QThread::msleep(std::min<qint64>(10, std::max<qint64>(deadline.remainingTime(), 1)));
    }
}

void FileLock::unlock()
{
    if (m_fd < 0)
        return;
    // Removed while still locked: whoever opens the path from now on gets a new file, and whoever waits on
    // this one sees that it is gone (see stillLinked). Only while the name is still this file: one deleted
    // from outside and made anew by the next writer is that writer's lock.
    const QByteArray file = QFile::encodeName(m_path);
    if (stillLinked(m_fd, file))
        ::unlink(file.constData());
    ::close(m_fd);
    m_fd = -1;
}

} // namespace Cockpit
