// SPDX-License-Identifier: MIT
#include "common/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Cockpit {

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
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

} // namespace

bool AtomicFile::syncDirectory(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

QString AtomicFile::write(const QString &path, const QByteArray &content, const Options &options)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QFileInfo(dir).isDir())
        return path + QLatin1String(": folder does not exist: ") + dir;

    if (options.keepBackup && info.exists()) {
        const QString backup = path + QLatin1String(".backup");
        const QString error = write(
            backup,
            [&] {
                QFile previous(path);
                return previous.open(QIODevice::ReadOnly) ? previous.readAll() : QByteArray();
            }(),
            Options{options.permissions, false});
        if (!error.isEmpty())
            return error;
    }

    // mkostemp creates the file 0600 under a unique name in the same folder, so rename() stays on one file
    // system and no other user can read the content before the final permissions are set.
    QByteArray tmpl = QFile::encodeName(dir + QLatin1Char('/') + QLatin1Char('.') + info.fileName()
                                        + QLatin1String(".tmp-XXXXXX"));
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0)
        return path + QLatin1String(": cannot create a temporary file: ") + systemError();
    const QString tmpPath = QFile::decodeName(tmpl);
    auto fail = [&](const QString &step) {
        const QString message = path + QLatin1String(": ") + step + QLatin1String(": ") + systemError();
        ::close(fd);
        ::unlink(tmpl.constData());
        return message;
    };
    if (!writeAll(fd, content.constData(), content.size()))
        return fail(QStringLiteral("write failed"));
    if (::fsync(fd) != 0)
        return fail(QStringLiteral("fsync failed"));
    if (::close(fd) != 0) {
        ::unlink(tmpl.constData());
        return path + QLatin1String(": close failed: ") + systemError();
    }
    if (!QFile::setPermissions(tmpPath, options.permissions)) {
        ::unlink(tmpl.constData());
        return path + QLatin1String(": cannot set permissions");
    }
    if (::rename(tmpl.constData(), QFile::encodeName(path).constData()) != 0) {
        const QString message = path + QLatin1String(": rename failed: ") + systemError();
        ::unlink(tmpl.constData());
        return message;
    }
    if (!syncDirectory(dir))
        return path + QLatin1String(": fsync of the folder failed: ") + systemError();
    return QString();
}

} // namespace Cockpit
