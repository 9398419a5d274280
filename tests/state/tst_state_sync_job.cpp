// SPDX-License-Identifier: MIT
#include "state/state_diff_engine.h"
#include "state/state_sync_job.h"

#include "state_test_util.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;

class TestStateSyncJob : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void dryRunPlansAndWritesNothing();
    void syncMakesTheStoresAgreeAndIsIdempotent();
    void cancelThenResume();
    void interruptedRunIsDetected();
    void brokenJsonFileIsNotOverwritten();

private:
    StateSyncJob::Options options(bool dryRun) const;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_leveldb;
    QString m_json;
};

void TestStateSyncJob::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_leveldb = m_tmp->filePath(QStringLiteral("leveldb"));
    m_json = m_tmp->filePath(QStringLiteral("deployments"));
    QVERIFY(
        CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/leveldb"), m_leveldb));
    QVERIFY(
        CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"), m_json));
}

StateSyncJob::Options TestStateSyncJob::options(bool dryRun) const
{
    StateSyncJob::Options o;
    o.leveldbPath = m_leveldb;
    o.jsonDir = m_json;
    o.dryRun = dryRun;
    return o;
}

void TestStateSyncJob::dryRunPlansAndWritesNothing()
{
    const QByteArray before = CockpitStateTest::treeDigest(m_tmp->path());
    StateSyncJob job(options(true));
    QSignalSpy finished(&job, &StateSyncJob::finished);
    QSignalSpy progress(&job, &StateSyncJob::progress);
    job.run();
    QCOMPARE(finished.size(), 1);
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.last().first().toInt(), 100);
    const StateSyncJob::Report report = job.report();
    QVERIFY(report.dryRun);
    QCOMPARE(report.added, 13);
    QCOMPARE(report.updated, 0);
    QCOMPARE(report.unchanged, 13);
    QCOMPARE(report.skipped, 2); // chain 31337: invalid records, no network
    QCOMPARE(report.filesWritten, 0);
    QCOMPARE(CockpitStateTest::treeDigest(m_tmp->path()), before);
}

void TestStateSyncJob::syncMakesTheStoresAgreeAndIsIdempotent()
{
    StateSyncJob job(options(false));
    job.run();
    StateSyncJob::Report report = job.report();
    QCOMPARE(report.added, 13);
    QCOMPARE(report.filesWritten, 4); // bscmainnet, bsctestnet, basesepolia, optimismsepolia
    QVERIFY(!QFile::exists(StateSyncJob::journalPath(m_json)));
    const StateDiffResult diff = StateDiffEngine::run(m_leveldb, m_json, {});
    QCOMPARE(diff.summary.onlyInLeveldb, 0);
    QCOMPARE(diff.summary.equal, 26);
    QCOMPARE(diff.summary.onlyInLeveldbNoJsonFile, 2);
    // The infrastructure section was kept.
    QVERIFY(CockpitStateTest::readFile(m_json + QLatin1String("/bscmainnet.json"))
                .contains("infrastructureContracts"));

    const QByteArray after = CockpitStateTest::treeDigest(m_json);
    StateSyncJob again(options(false));
    again.run();
    QCOMPARE(again.report().added, 0);
    QCOMPARE(again.report().filesWritten, 0);
    QCOMPARE(CockpitStateTest::treeDigest(m_json), after);
}

void TestStateSyncJob::cancelThenResume()
{
    StateSyncJob job(options(false));
    // Cancel after the first chain is done: that file is complete, the others untouched.
    connect(&job, &StateSyncJob::progress, &job, [&](int percent) {
        if (percent > 0 && percent < 100)
            job.cancel();
    });
    job.run();
    QVERIFY(job.report().cancelled);
    QCOMPARE(job.report().chains.size(), 1);
    const int first = job.report().added;
    StateSyncJob resume(options(false));
    resume.run();
    QVERIFY(!resume.report().cancelled);
    QCOMPARE(first + resume.report().added, 13);
}

void TestStateSyncJob::interruptedRunIsDetected()
{
    QVERIFY(CockpitStateTest::writeFile(StateSyncJob::journalPath(m_json), "sync started earlier\n"));
    StateSyncJob job(options(false));
    job.run();
    QVERIFY(job.report().interruptedBefore);
    QCOMPARE(job.report().added, 13);
    QVERIFY(!QFile::exists(StateSyncJob::journalPath(m_json)));
}

void TestStateSyncJob::brokenJsonFileIsNotOverwritten()
{
    const QString path = m_json + QLatin1String("/bsctestnet.json");
    const QByteArray broken = CockpitStateTest::readFile(path).left(300);
    QVERIFY(CockpitStateTest::writeFile(path, broken));
    StateSyncJob job(options(false));
    job.run();
    QCOMPARE(CockpitStateTest::readFile(path), broken);
    QCOMPARE(job.report().errors.size(), 1);
    QCOMPARE(job.report().errors.first().file, path);
    QCOMPARE(job.report().added, 7); // every chain but 97
}

QTEST_GUILESS_MAIN(TestStateSyncJob)
#include "tst_state_sync_job.moc"
