// SPDX-License-Identifier: MIT
#include "common/atomic_file.h"

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
        QCOMPARE(AtomicFile::write(path, "LEDGER_SHADOW_MODE=true\n"), QString());
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
        QCOMPARE(AtomicFile::write(path, "{\"v\":1}"), QString());
        AtomicFile::Options options;
        options.keepBackup = true;
        QCOMPARE(AtomicFile::write(path, "{\"v\":2}", options), QString());
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
            QCOMPARE(AtomicFile::write(path, QByteArray::number(i)), QString());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("a.json")});
    }

    void missingFolderIsAClearErrorAndWritesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing/a.json"));
        const QString error = AtomicFile::write(path, "x");
        QVERIFY(error.contains(path));
        QVERIFY(error.contains(QStringLiteral("folder does not exist")));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
