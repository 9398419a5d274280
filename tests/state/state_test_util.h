// SPDX-License-Identifier: MIT
#pragma once

#include "test_paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QString>

namespace CockpitStateTest {

inline QString lookcoinDir()
{
    return CockpitTest::fixturesDir() + QLatin1String("/lookcoin");
}

// Copies a folder (flat, as LevelDB and deployment folders are) and makes the copies writable: tests never
// open the checked-in LevelDB in place, because opening it replays its log and rewrites files.
inline bool copyDir(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    const QDir source(from);
    for (const QString &name : source.entryList(QDir::Files)) {
        const QString target = to + QLatin1Char('/') + name;
        QFile::remove(target);
        if (!QFile::copy(source.filePath(name), target))
            return false;
        QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return true;
}

// A digest of every file name and content under a folder, to prove that nothing was written.
inline QByteArray treeDigest(const QString &dir)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    for (const QString &path : files) {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        hash.addData(path.toUtf8());
        hash.addData(f.readAll());
    }
    return hash.result().toHex();
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(bytes) == bytes.size();
}

} // namespace CockpitStateTest
