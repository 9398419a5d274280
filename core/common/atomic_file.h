// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QFileDevice>
#include <QString>

namespace Cockpit {

// Replaces a file so that a reader, or the next start after a crash, sees either the old or the new content:
// write to a temporary file in the same folder, fsync it, rename it over the target, fsync the folder.
class AtomicFile
{
public:
    struct Options
    {
        QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner; // 0600
        bool keepBackup = false; // copy the previous content to "<file>.backup" first
    };

    // Returns an empty string on success, otherwise a message naming the file and the failing step.
    static QString write(const QString &path, const QByteArray &content, const Options &options);
    static QString write(const QString &path, const QByteArray &content)
    {
        return write(path, content, Options{});
    }

    // fsync of a folder, so that a rename in it survives a power loss.
    static bool syncDirectory(const QString &dir);
};

} // namespace Cockpit
