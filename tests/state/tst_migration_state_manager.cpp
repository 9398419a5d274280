// SPDX-License-Identifier: MIT
#include "state/json_state_backend.h"
#include "state/leveldb_state_backend.h"
#include "state/migration_state_manager.h"

#include "state_failure.h"
#include "state_test_util.h"

#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;
using Mode = MigrationStateManager::Mode;

class TestMigrationStateManager : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void forPhaseMapsTheFourPhases_data();
    void forPhaseMapsTheFourPhases();
    void writesGoWhereThePhaseSays_data();
    void writesGoWhereThePhaseSays();
    void dualWriteCollectsErrorsAndWritesTargetFirst();
    void readFallsBackFromTargetToSource();
    void integrityAcrossStores();

private:
    ContractRecord newRecord() const;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<LevelDbStateBackend> m_source;
    std::unique_ptr<JsonStateBackend> m_target;
};

void TestMigrationStateManager::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    const QString leveldb = m_tmp->filePath(QStringLiteral("leveldb"));
    const QString json = m_tmp->filePath(QStringLiteral("deployments"));
    QVERIFY(CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/leveldb"), leveldb));
    QVERIFY(CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"), json));
    m_source = std::make_unique<LevelDbStateBackend>(leveldb);
    JsonStateBackend::Options options;
    options.lockTimeoutMs = 50;
    m_target = std::make_unique<JsonStateBackend>(json, options);
    QVERIFY(m_source->open());
    QVERIFY(m_target->open());
}

void TestMigrationStateManager::cleanup()
{
    m_source.reset();
    m_target.reset();
}

ContractRecord TestMigrationStateManager::newRecord() const
{
    ContractRecord r;
    r.setString("contractName", "Treasury");
    r.setNumber("chainId", 56);
    r.setString("networkName", "bscmainnet");
    r.setString("address", "0x3333333333333333333333333333333333333333");
    r.setString("factoryByteCodeHash", "0xaa");
    r.setString("implementationHash", "0xaa");
    r.setString("proxyAddress", "0x4444444444444444444444444444444444444444");
    r.setNumber("timestamp", 1754000000000);
    return r;
}

void TestMigrationStateManager::forPhaseMapsTheFourPhases_data()
{
    QTest::addColumn<QString>("phase");
    QTest::addColumn<int>("mode");
    QTest::addRow("leveldb_only") << QStringLiteral("leveldb_only") << int(Mode::LevelDbOnly);
    QTest::addRow("dual_write") << QStringLiteral("dual_write") << int(Mode::DualWrite);
    QTest::addRow("json_reads_with_fallback")
        << QStringLiteral("json_reads_with_fallback") << int(Mode::JsonReadsWithFallback);
    QTest::addRow("json_only") << QStringLiteral("json_only") << int(Mode::JsonOnly);
}

void TestMigrationStateManager::forPhaseMapsTheFourPhases()
{
    QFETCH(QString, phase);
    QFETCH(int, mode);
    QCOMPARE(int(*MigrationStateManager::forPhase(phase)), mode);
    QCOMPARE(MigrationStateManager::phaseId(Mode(mode)), phase);
    QVERIFY(!MigrationStateManager::forPhase(QStringLiteral("cutover")));
}

void TestMigrationStateManager::writesGoWhereThePhaseSays_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("inSource");
    QTest::addColumn<bool>("inTarget");
    QTest::addRow("leveldb_only") << int(Mode::LevelDbOnly) << true << false;
    QTest::addRow("dual_write") << int(Mode::DualWrite) << true << true;
    QTest::addRow("json_reads_with_fallback") << int(Mode::JsonReadsWithFallback) << true << true;
    QTest::addRow("json_only") << int(Mode::JsonOnly) << false << true;
}

void TestMigrationStateManager::writesGoWhereThePhaseSays()
{
    QFETCH(int, mode);
    QFETCH(bool, inSource);
    QFETCH(bool, inTarget);
    MigrationStateManager manager(m_source.get(), m_target.get(), Mode(mode));
    const StateResult<void> written = manager.putContract(56, newRecord());
    QVERIFY2(written, qPrintable(CockpitStateTest::failure(written)));
    QCOMPARE(m_source->hasContract(56, QStringLiteral("Treasury")).value(), inSource);
    QCOMPARE(m_target->hasContract(56, QStringLiteral("Treasury")).value(), inTarget);
    QVERIFY(manager.hasContract(56, QStringLiteral("Treasury")).value());
}

void TestMigrationStateManager::dualWriteCollectsErrorsAndWritesTargetFirst()
{
    MigrationStateManager manager(m_source.get(), m_target.get(), Mode::DualWrite);
    // The target's file is locked by another writer: the target write fails, the source write still runs.
    QLockFile lock(m_target->dir() + QLatin1String("/bscmainnet.json.lock"));
    QVERIFY(lock.tryLock(0));
    StateResult<void> written = manager.putContract(56, newRecord());
    QVERIFY(!written);
    QCOMPARE(written.error().code, StateErrorCode::WriteFailed);
    QVERIFY(written.error().message.contains(QLatin1String("disagree")));
    QCOMPARE(manager.lastErrors().size(), 1);
    QVERIFY(manager.lastErrors().first().startsWith(QLatin1String("json:")));
    QVERIFY(m_source->hasContract(56, QStringLiteral("Treasury")).value());

    // Both fail: MIGRATION_FAILED with both messages.
    auto snapshot = LevelDbStateBackend::openSnapshot(m_source->path());
    QVERIFY(snapshot);
    MigrationStateManager broken(snapshot->get(), m_target.get(), Mode::DualWrite);
    written = broken.putContract(56, newRecord());
    QVERIFY(!written);
    QCOMPARE(written.error().code, StateErrorCode::MigrationFailed);
    QCOMPARE(broken.lastErrors().size(), 2);
}

void TestMigrationStateManager::readFallsBackFromTargetToSource()
{
    MigrationStateManager manager(m_source.get(), m_target.get(), Mode::JsonReadsWithFallback);
    // In both stores: served by the target (the JSON record carries the file's network name).
    const std::optional<ContractRecord> lookcoin =
        manager.getContract(56, QStringLiteral("LookCoin")).value();
    QVERIFY(lookcoin);
    QCOMPARE(manager.fallbackReads(), qint64(0));
    // Only in LevelDB: the fallback serves it, with its LevelDB-only fields.
    const std::optional<ContractRecord> fee = manager.getContract(56, QStringLiteral("FeeManager")).value();
    QVERIFY(fee);
    QVERIFY(fee->json().find("deploymentArgs"));
    QCOMPARE(manager.fallbackReads(), qint64(1));
    QCOMPARE(int(manager.scanAll().records.size()), 28);

    manager.setMode(Mode::JsonOnly);
    QVERIFY(!manager.getContract(56, QStringLiteral("FeeManager")).value());
    QCOMPARE(int(manager.scanAll().records.size()), 13);
    manager.setMode(Mode::LevelDbOnly);
    QCOMPARE(int(manager.scanAll().records.size()), 28);
}

void TestMigrationStateManager::integrityAcrossStores()
{
    MigrationStateManager manager(m_source.get(), m_target.get(), Mode::DualWrite);
    CrossStoreIntegrity before = manager.validateAcrossStores();
    QCOMPARE(before.matched, 13);
    QCOMPARE(before.missingInTarget.size(), 15);
    QVERIFY(before.missingInSource.isEmpty());
    QVERIFY(before.differing.isEmpty());

    // Tamper with one JSON entry: the hash check finds it.
    QByteArray bytes = CockpitStateTest::readFile(m_target->dir() + QLatin1String("/basesepolia.json"));
    bytes.replace("0x031bB9A21677b672F89274e3439a89fd045f0085", "0x031bB9A21677b672F89274e3439a89fd045f0086");
    QVERIFY(CockpitStateTest::writeFile(m_target->dir() + QLatin1String("/basesepolia.json"), bytes));
    const CrossStoreIntegrity after = manager.validateAcrossStores();
    QCOMPARE(after.differing, QStringList{QStringLiteral("84532-SupplyOracle")});
    QVERIFY(!after.ok());
}

QTEST_GUILESS_MAIN(TestMigrationStateManager)
#include "tst_migration_state_manager.moc"
