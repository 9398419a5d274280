// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>
#include <QStringList>

namespace Cockpit {

// Replaces a file so that a reader, or the next start after a crash, sees either the old or the new content:
// write to a temporary file in the same folder, fsync it, rename it over the target, fsync the folder. A
// file that exists keeps its mode (and owner and group where allowed); a new one gets options.permissions.
// Temporary files that interrupted writes left in the folder are removed by the next write there.
class AtomicFile
{
public:
    // A temporary file must be at least this old (and unlocked) to count as abandoned.
    static constexpr int kStaleSeconds = 5;

    struct Options
    {
        QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner; // new: 0600
        bool keepBackup = false; // copy the previous content to "<file>.backup" first
    };

    // A failure names the file and the failing step (NotFound: the folder does not exist).
    static Result<void> write(const QString &path, const QByteArray &content, const Options &options);
    static Result<void> write(const QString &path, const QByteArray &content)
    {
        return write(path, content, Options{});
    }

    // Removes the temporary files of interrupted writes in `dir` (unlocked, at least kStaleSeconds old);
    // returns their paths.
    static QStringList removeStaleTemporaries(const QString &dir);

    // Creates `path` empty with mode 0600 unless it exists: what a database library then opens keeps that
    // mode (SQLite gives its journal, -wal and -shm files the mode of the database file).
    static Result<void> createPrivate(const QString &path);

    // Creates the folder `path` with mode 0700 unless it exists (its parents as usual): for a LevelDB
    // database, whose files LevelDB creates 0644.
    static Result<void> createPrivateFolder(const QString &path);

    // fsync of a folder, so that a rename in it survives a power loss.
    static bool syncDirectory(const QString &dir);
};

} // namespace Cockpit
