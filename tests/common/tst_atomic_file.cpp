// SPDX-License-Identifier: MIT
#include "common/atomic_file.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using Cockpit::AtomicFile;

class TestAtomicFile : public QObject
{
    Q_OBJECT

private slots:
    void writesNewFileWithOwnerOnlyPermissions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("flags.env"));
        QVERIFY(AtomicFile::write(path, "LEDGER_SHADOW_MODE=true\n").has_value());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("LEDGER_SHADOW_MODE=true\n"));
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions{});
        QVERIFY(file.permissions().testFlag(QFileDevice::WriteOwner));
    }

    void keepsBackupOfPreviousContent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bscmainnet.json"));
        QVERIFY(AtomicFile::write(path, "{\"v\":1}").has_value());
        AtomicFile::Options options;
        options.keepBackup = true;
        QVERIFY(AtomicFile::write(path, "{\"v\":2}", options).has_value());
        QFile backup(path + QStringLiteral(".backup"));
        QVERIFY(backup.open(QIODevice::ReadOnly));
        QCOMPARE(backup.readAll(), QByteArray("{\"v\":1}"));
        QFile current(path);
        QVERIFY(current.open(QIODevice::ReadOnly));
        QCOMPARE(current.readAll(), QByteArray("{\"v\":2}"));
    }

    void leavesNoTemporaryFilesBehind()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.json"));
        for (int i = 0; i < 5; ++i)
            QVERIFY(AtomicFile::write(path, QByteArray::number(i)).has_value());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("a.json")});
    }

    // A file someone else made readable (a deployment file deploy scripts and CI read) stays as readable
    // after the cockpit rewrote it; a new file is the owner's only.
    void rewriteKeepsTheModeOfAnExistingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bscmainnet.json"));
        QFile seed(path);
        QVERIFY(seed.open(QIODevice::WriteOnly));
        seed.write("{}");
        seed.close();
        const auto shared = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                            | QFileDevice::ReadOther | QFileDevice::ReadUser | QFileDevice::WriteUser;
        QVERIFY(QFile::setPermissions(path, shared));
        QVERIFY(AtomicFile::write(path, "{\"v\":2}").has_value());
        QCOMPARE(QFile::permissions(path), shared);
        AtomicFile::Options options;
        options.keepBackup = true;
        QVERIFY(AtomicFile::write(path, "{\"v\":3}", options).has_value());
        QCOMPARE(QFile::permissions(path), shared);
    }

    // The temporary file of a write killed half-way is removed by the next write to that folder, once it
    // is old enough and no writer holds its lock; a young or locked one is left alone.
    void nextWriteRemovesAbandonedTemporaries()
    {
        QTemporaryDir dir;
        const QString abandoned = dir.filePath(QStringLiteral(".a.json.tmp-Ab12Cd"));
        const QString young = dir.filePath(QStringLiteral(".b.json.tmp-Xy34Zw"));
        const QString unrelated = dir.filePath(QStringLiteral("notes.tmp-123456"));
        for (const QString &p : {abandoned, young, unrelated}) {
            QFile f(p);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("partial");
        }
        const QDateTime old = QDateTime::currentDateTime().addSecs(-60);
        for (const QString &p : {abandoned, unrelated}) {
            QFile f(p);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(old, QFileDevice::FileModificationTime));
        }
        QVERIFY(AtomicFile::write(dir.filePath(QStringLiteral("c.json")), "{}").has_value());
        QVERIFY(!QFile::exists(abandoned));
        QVERIFY(QFile::exists(young));
        QVERIFY(QFile::exists(unrelated));
    }

    void missingFolderIsAClearErrorAndWritesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing/a.json"));
        const Cockpit::Result<void> written = AtomicFile::write(path, "x");
        QVERIFY(!written);
        QCOMPARE(written.error().kind, Cockpit::ErrorKind::NotFound);
        QVERIFY(written.error().message.contains(path));
        QVERIFY(written.error().message.contains(QStringLiteral("folder does not exist")));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
