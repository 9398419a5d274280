// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>

namespace Cockpit {

// An exclusive lock between processes and threads, held as flock(2) on a lock file. The kernel drops the
// lock when its holder dies, at whatever point it is killed, so a crashed writer never blocks the next one.
// (A lock file that records its owner's process id, like QLockFile's, stays "held" for its stale time when
// the owner is killed between creating the file and writing the id into it.)
//
// The lock file is removed on unlock while still locked; a waiter that then gets the lock on the removed
// file notices and takes the new one, so two holders of a FileLock can never both believe they have it.
// A QLockFile holding the same path keeps this lock out once it holds its file (QLockFile takes flock on
// it too, just after creating it); only a mix with an older cockpit during an upgrade leaves that moment.
//
// Threading: one object per holder; distinct objects on one path exclude each other, also in one process.
class FileLock
{
public:
    explicit FileLock(QString path);
    ~FileLock();
    FileLock(const FileLock &) = delete;
    FileLock &operator=(const FileLock &) = delete;

    // Waits up to timeoutMs (0 or less: one attempt). Refused when another holder keeps the lock that long;
    // Failed when the lock file cannot be opened (the message names it and the system's reason).
    Result<void> tryLock(int timeoutMs);
    void unlock();
    bool isLocked() const { return m_fd >= 0; }
    const QString &path() const { return m_path; }

private:
    QString m_path;
    int m_fd = -1;
};

} // namespace Cockpit
