// SPDX-License-Identifier: MIT
#include "common/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <QDateTime>
#include <QRegularExpression>

#include <sys/file.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Cockpit {

namespace {

QString systemError()
{
    return qt_error_string(errno); // strerror is not thread-safe
}

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

mode_t toMode(QFileDevice::Permissions p)
{
    mode_t m = 0;
    m |= p.testFlag(QFileDevice::ReadOwner) ? S_IRUSR : 0;
    m |= p.testFlag(QFileDevice::WriteOwner) ? S_IWUSR : 0;
    m |= p.testFlag(QFileDevice::ExeOwner) ? S_IXUSR : 0;
    m |= p.testFlag(QFileDevice::ReadGroup) ? S_IRGRP : 0;
    m |= p.testFlag(QFileDevice::WriteGroup) ? S_IWGRP : 0;
    m |= p.testFlag(QFileDevice::ExeGroup) ? S_IXGRP : 0;
    m |= p.testFlag(QFileDevice::ReadOther) ? S_IROTH : 0;
    m |= p.testFlag(QFileDevice::WriteOther) ? S_IWOTH : 0;
    m |= p.testFlag(QFileDevice::ExeOther) ? S_IXOTH : 0;
    return m;
}

} // namespace

QStringList AtomicFile::removeStaleTemporaries(const QString &dir)
{
    // A temporary file of a write still in progress is locked by its writer (the lock dies with the
    // process), and is young: both must say "abandoned" before it is removed.
    static const QRegularExpression name(QStringLiteral("^\\..+\\.tmp-[A-Za-z0-9]{6}$"));
    QStringList removed;
    const QFileInfoList candidates =
        QDir(dir).entryInfoList({QStringLiteral(".*.tmp-??????")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo &candidate : candidates) {
        if (!name.match(candidate.fileName()).hasMatch()
            || candidate.lastModified().secsTo(QDateTime::currentDateTime()) < kStaleSeconds)
            continue;
        const QByteArray file = QFile::encodeName(candidate.absoluteFilePath());
        const int fd = ::open(file.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(file.constData()) == 0)
            removed.append(candidate.absoluteFilePath());
        ::close(fd);
    }
    return removed;
}

Result<void> AtomicFile::createPrivate(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return ok();
    }
    if (errno == EEXIST)
        return ok();
    return Cockpit::fail(path + QLatin1String(": cannot create: ") + systemError());
}

Result<void> AtomicFile::createPrivateFolder(const QString &path)
{
    if (QFileInfo(path).isDir())
        return ok();
    const QString parent = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(parent))
        return Cockpit::fail(path + QLatin1String(": cannot create the folder ") + parent);
    if (::mkdir(QFile::encodeName(path).constData(), 0700) != 0 && errno != EEXIST)
        return Cockpit::fail(path + QLatin1String(": cannot create: ") + systemError());
    return ok();
}

bool AtomicFile::syncDirectory(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

Result<void> AtomicFile::write(const QString &path, const QByteArray &content, const Options &options)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QFileInfo(dir).isDir())
        return Cockpit::fail(path + QLatin1String(": folder does not exist: ") + dir, ErrorKind::NotFound);

    if (options.keepBackup && info.exists()) {
        const QString backup = path + QLatin1String(".backup");
        const Result<void> backedUp = write(
            backup,
            [&] {
                QFile previous(path);
                return previous.open(QIODevice::ReadOnly) ? previous.readAll() : QByteArray();
            }(),
            Options{options.permissions, false});
        if (!backedUp)
            return backedUp;
    }

    removeStaleTemporaries(dir);
    // An existing file keeps its mode and, where this user may set them, its owner and group: deploy
    // scripts and CI users may read it through them. A new file gets options.permissions.
    struct stat existing = {};
    const bool replacing = ::stat(QFile::encodeName(path).constData(), &existing) == 0;

    // mkostemp creates the file 0600 under a unique name in the same folder, so rename() stays on one file
    // system and no other user can read the content before the final permissions are set. The lock tells
    // a later write that this temporary file is still being written (see removeStaleTemporaries).
    QByteArray tmpl = QFile::encodeName(dir + QLatin1Char('/') + QLatin1Char('.') + info.fileName()
                                        + QLatin1String(".tmp-XXXXXX"));
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0)
        return Cockpit::fail(path + QLatin1String(": cannot create a temporary file: ") + systemError());
    ::flock(fd, LOCK_EX);
    auto fail = [&](const QString &step) {
        const QString message = path + QLatin1String(": ") + step + QLatin1String(": ") + systemError();
        ::unlink(tmpl.constData());
        ::close(fd);
        return Cockpit::fail(message);
    };
    if (!writeAll(fd, content.constData(), content.size()))
        return fail(QStringLiteral("write failed"));
    if (replacing && (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid())
        && ::fchown(fd, existing.st_uid, existing.st_gid) != 0
        && ::fchown(fd, ::geteuid(), existing.st_gid) != 0) {
        // Only root may give a file away, and a group only to one of ours: the new file is then ours, with
        // the old mode.
    }
    const mode_t mode = replacing ? (existing.st_mode & 07777) : toMode(options.permissions);
    if (::fchmod(fd, mode) != 0)
        return fail(QStringLiteral("cannot set permissions"));
    if (::fsync(fd) != 0)
        return fail(QStringLiteral("fsync failed"));
    if (::rename(tmpl.constData(), QFile::encodeName(path).constData()) != 0)
        return fail(QStringLiteral("rename failed"));
    ::close(fd); // after the rename: the lock is held until the temporary name is gone
    if (!syncDirectory(dir))
        return Cockpit::fail(path + QLatin1String(": fsync of the folder failed: ") + systemError());
    return ok();
}

} // namespace Cockpit
