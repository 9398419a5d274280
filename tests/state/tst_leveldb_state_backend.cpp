// SPDX-License-Identifier: MIT
#include "state/leveldb_state_backend.h"

#include "state_failure.h"
#include "state_test_util.h"

#include <QTemporaryDir>
#include <QTest>

#include <leveldb/db.h>

using namespace Cockpit;

class TestLevelDbStateBackend : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void opensTheLookCoinFixture();
    void keysSplitAtTheFirstDash_data();
    void keysSplitAtTheFirstDash();
    void readWriteCycleIsByteExact();
    void hugeIntegerAndUnknownFieldsSurvivePut();
    void putGetDeleteAndQuery();
    void nonJsonValueIsReportedAndTheRestScanned();
    void validationJudgesTheKeysChainLikeTheDiff();
    void largeScanKeepsKeyOrderAndReportsEveryBadValue();
    void lockedDatabaseGivesClearErrorAndSnapshotOpens();
    void missingFolderIsBackendUnavailable();
    void snapshotRefusesWrites();
    void exportImportRoundTrip();
    void metricsCountOperations();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_db;
};

void TestLevelDbStateBackend::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_db = m_tmp->filePath(QStringLiteral("leveldb"));
    QVERIFY(CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/leveldb"), m_db));
}

void TestLevelDbStateBackend::opensTheLookCoinFixture()
{
    LevelDbStateBackend backend(m_db);
    const StateResult<void> opened = backend.open();
    QVERIFY2(opened, qPrintable(CockpitStateTest::failure(opened)));
    QVERIFY(backend.isHealthy());
    const ScanResult scan = backend.scanAll();
    QVERIFY(scan.errors.isEmpty());
    QCOMPARE(int(scan.records.size()), 28);
    auto router =
        backend.getContract(56, QStringLiteral("contracts/xchain/CrossChainRouter.sol:CrossChainRouter"));
    QVERIFY(router && router->has_value());
    QCOMPARE((*router)->proxyAddress(), std::string_view("0xDD6e927c534fcd541a7D6053eDe35De48aD38bbc"));
    QCOMPARE(backend.getAllContracts(97)->size(), std::size_t(9));
    const auto absent = backend.getContract(56, QStringLiteral("NoSuchContract"));
    QVERIFY(absent); // absent is not an error
    QVERIFY(!absent->has_value());
}

void TestLevelDbStateBackend::keysSplitAtTheFirstDash_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<qint64>("chain");
    QTest::addColumn<QString>("name");
    QTest::addRow("plain") << QStringLiteral("56-LookCoin") << qint64(56) << QStringLiteral("LookCoin");
    QTest::addRow("qualified name") << QStringLiteral("97-contracts/xchain/A.sol:A") << qint64(97)
                                    << QStringLiteral("contracts/xchain/A.sol:A");
    QTest::addRow("dash in name") << QStringLiteral("11155420-My-Token-v2") << qint64(11155420)
                                  << QStringLiteral("My-Token-v2");
}

void TestLevelDbStateBackend::keysSplitAtTheFirstDash()
{
    QFETCH(QString, key);
    QFETCH(qint64, chain);
    QFETCH(QString, name);
    qint64 c = 0;
    std::string n;
    QVERIFY(ContractRecord::splitKey(key.toStdString(), &c, &n));
    QCOMPARE(c, chain);
    QCOMPARE(QString::fromStdString(n), name);
}

void TestLevelDbStateBackend::readWriteCycleIsByteExact()
{
    std::map<std::string, std::string> before;
    {
        leveldb::DB *raw = nullptr;
        QVERIFY(leveldb::DB::Open(leveldb::Options(), m_db.toStdString(), &raw).ok());
        std::unique_ptr<leveldb::DB> db(raw);
        std::unique_ptr<leveldb::Iterator> it(db->NewIterator(leveldb::ReadOptions()));
        for (it->SeekToFirst(); it->Valid(); it->Next())
            before[it->key().ToString()] = it->value().ToString();
    }
    {
        LevelDbStateBackend backend(m_db);
        QVERIFY(backend.open());
        ScanResult scan = backend.scanAll();
        const StateResult<void> written = backend.putContracts(scan.records);
        QVERIFY2(written, qPrintable(CockpitStateTest::failure(written)));
    }
    leveldb::DB *raw = nullptr;
    QVERIFY(leveldb::DB::Open(leveldb::Options(), m_db.toStdString(), &raw).ok());
    std::unique_ptr<leveldb::DB> db(raw);
    std::unique_ptr<leveldb::Iterator> it(db->NewIterator(leveldb::ReadOptions()));
    int compared = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++compared)
        QCOMPARE(it->value().ToString(), before.at(it->key().ToString()));
    QCOMPARE(compared, 28);
}

void TestLevelDbStateBackend::hugeIntegerAndUnknownFieldsSurvivePut()
{
    LevelDbStateBackend backend(m_db);
    QVERIFY(backend.open());
    const std::string value =
        R"({"contractName":"Vault","chainId":56,"networkName":"bscmainnet","address":"0x0000000000000000000000000000000000000001",)"
        R"("factoryByteCodeHash":"0xab","deploymentArgs":["20000000000000000000000000",115792089237316195423570985008687907853269984665640564039457584007913129639935],)"
        R"("customField":{"nested":[1,2.50,"x"]},"timestamp":1753432614554})";
    auto record = ContractRecord::fromBytes(value, nullptr);
    QVERIFY(record);
    QVERIFY(backend.putContract(56, *record));
    auto back = backend.getContract(56, QStringLiteral("Vault"));
    QVERIFY(back && back->has_value());
    QCOMPARE((*back)->serialize(), value);
}

void TestLevelDbStateBackend::putGetDeleteAndQuery()
{
    LevelDbStateBackend backend(m_db);
    QVERIFY(backend.open());
    StateQuery query;
    query.namePattern = QStringLiteral("*Module");
    QCOMPARE(backend.queryContracts(query)->size(), std::size_t(8));
    query = {};
    query.namePattern = QStringLiteral("contracts/*");
    QCOMPARE(backend.queryContracts(query)->size(), std::size_t(2));
    query = {};
    query.chainIds = {56};
    query.fromTimestampMs = 1753432600000;
    query.toTimestampMs = 1753432620000;
    QCOMPARE(backend.queryContracts(query)->size(), std::size_t(2)); // FeeManager, SecurityManager
    query = {};
    query.hasProxy = false;
    QCOMPARE(backend.queryContracts(query)->size(), std::size_t(0));

    ContractRecord wrongChain = **backend.getContract(56, QStringLiteral("LookCoin"));
    const StateResult<void> refused = backend.putContract(97, wrongChain);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, StateErrorCode::ValidationFailed);

    QCOMPARE(backend.hasContract(56, QStringLiteral("LookCoin")).value(), true);
    QCOMPARE(backend.deleteContract(56, QStringLiteral("LookCoin")).value(), true);
    QCOMPARE(backend.hasContract(56, QStringLiteral("LookCoin")).value(), false);
    // Nothing to delete is not an error.
    QCOMPARE(backend.deleteContract(56, QStringLiteral("LookCoin")).value(), false);
}

void TestLevelDbStateBackend::nonJsonValueIsReportedAndTheRestScanned()
{
    LevelDbStateBackend backend(m_db);
    QVERIFY(backend.open());
    QVERIFY(backend.putRaw("56-Broken", "{\"contractName\":\"Broken\","));
    QVERIFY(backend.putRaw("56-NotJson", "hello"));
    const ScanResult scan = backend.scanAll();
    QCOMPARE(int(scan.records.size()), 28);
    QCOMPARE(scan.errors.size(), 2);
    QCOMPARE(scan.errors.at(0).key, QStringLiteral("56-Broken"));
    QCOMPARE(scan.errors.at(0).code, StateErrorCode::ValidationFailed);
    QVERIFY(scan.errors.at(0).describe().contains(m_db));
    QVERIFY(scan.errors.at(0).message.contains(QLatin1String("truncated")));
    QCOMPARE(scan.errors.at(1).key, QStringLiteral("56-NotJson"));
    const auto notJson = backend.getContract(56, QStringLiteral("NotJson"));
    QVERIFY(!notJson);
    QCOMPARE(notJson.error().code, StateErrorCode::ValidationFailed);
}

// A record stored under chain 56 whose chainId says 97: `state validate` reports it as the diff does.
void TestLevelDbStateBackend::validationJudgesTheKeysChainLikeTheDiff()
{
    LevelDbStateBackend backend(m_db);
    QVERIFY(backend.open());
    ContractRecord moved = **backend.getContract(56, QStringLiteral("LookCoin"));
    moved.setNumber("chainId", 97);
    const std::string value = moved.serialize();
    QVERIFY(backend.putRaw("56-Moved", value));
    const ValidationResult result = backend.validateIntegrity({56, 97});
    QStringList found;
    for (const auto &issue : result.issues)
        found.append(issue.key + QLatin1String(": ") + issue.problems.join(QLatin1String("; ")));
    QVERIFY2(found.join(QLatin1Char('\n'))
                 .contains(QLatin1String("56-Moved: chainId 97 disagrees with the key's chain 56")),
             qPrintable(found.join(QLatin1Char('\n'))));
}

void TestLevelDbStateBackend::largeScanKeepsKeyOrderAndReportsEveryBadValue()
{
    // Beyond 1,024 records the scan parses chunks on two threads: the records must still come back in key
    // order, and bad values in different chunks must all be reported, in key order too.
    QTemporaryDir tmp;
    LevelDbStateBackend::Options options;
    options.createIfMissing = true;
    options.syncWrites = false;
    LevelDbStateBackend backend(tmp.filePath(QStringLiteral("db")), options);
    QVERIFY(backend.open());
    const QSet<int> bad = {7, 1500, 3071, 4999};
    for (int i = 0; i < 5000; ++i) {
        // Built with += (GCC 12 warns wrongly about `"literal" + std::string&&`).
        std::string name = "C";
        name += std::to_string(100000 + i);
        std::string value = "{\"contractName\":";
        if (!bad.contains(i)) {
            value += '"';
            value += name;
            value += "\",\"chainId\":1000}";
        }
        QVERIFY(backend.putRaw("1000-" + name, value));
    }
    QVERIFY(backend.putRaw("nodash", "{}"));
    const ScanResult scan = backend.scanAll();
    QCOMPARE(int(scan.records.size()), 5000 - int(bad.size()));
    for (std::size_t i = 1; i < scan.records.size(); ++i)
        QVERIFY(scan.records[i - 1].storageKey() < scan.records[i].storageKey());
    QCOMPARE(scan.records.front().contractName(), std::string_view("C100000"));
    QCOMPARE(scan.records.back().contractName(), std::string_view("C104998"));
    QCOMPARE(scan.errors.size(), int(bad.size()) + 1);
    QCOMPARE(scan.errors.at(0).key, QStringLiteral("1000-C100007"));
    QCOMPARE(scan.errors.at(1).key, QStringLiteral("1000-C101500"));
    QCOMPARE(scan.errors.at(2).key, QStringLiteral("1000-C103071"));
    QCOMPARE(scan.errors.at(3).key, QStringLiteral("1000-C104999"));
    QCOMPARE(scan.errors.at(4).key, QStringLiteral("nodash"));
}

void TestLevelDbStateBackend::lockedDatabaseGivesClearErrorAndSnapshotOpens()
{
    LevelDbStateBackend holder(m_db);
    QVERIFY(holder.open());
    LevelDbStateBackend second(m_db);
    const StateResult<void> opened = second.open();
    QVERIFY(!opened);
    const StateError &error = opened.error();
    QVERIFY(second.isLocked());
    QCOMPARE(error.code, StateErrorCode::BackendUnavailable);
    QVERIFY2(error.message.contains(QLatin1String("locked by another process")), qPrintable(error.message));
    QVERIFY(error.message.contains(QLatin1String("snapshot")));
    QCOMPARE(error.file, m_db);

    auto snapshot = LevelDbStateBackend::openSnapshot(m_db);
    QVERIFY2(snapshot, qPrintable(CockpitStateTest::failure(snapshot)));
    QVERIFY((*snapshot)->isSnapshot());
    QCOMPARE(int((*snapshot)->scanAll().records.size()), 28);
}

void TestLevelDbStateBackend::missingFolderIsBackendUnavailable()
{
    LevelDbStateBackend backend(m_tmp->filePath(QStringLiteral("nowhere")));
    const StateResult<void> opened = backend.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, StateErrorCode::BackendUnavailable);
    QVERIFY(opened.error().describe().contains(QLatin1String("nowhere")));
    QVERIFY(!QFileInfo::exists(m_tmp->filePath(QStringLiteral("nowhere"))));
}

void TestLevelDbStateBackend::snapshotRefusesWrites()
{
    auto opened = LevelDbStateBackend::openSnapshot(m_db);
    QVERIFY(opened);
    LevelDbStateBackend *snapshot = opened->get();
    const ContractRecord r = **snapshot->getContract(56, QStringLiteral("LookCoin"));
    const StateResult<void> written = snapshot->putContract(56, r);
    QVERIFY(!written);
    const StateError &error = written.error();
    QCOMPARE(error.code, StateErrorCode::WriteFailed);
    QVERIFY(error.message.contains(QLatin1String("read-only")));
    // The message names the user's folder, not the temporary copy.
    QCOMPARE(error.file, m_db);
    QCOMPARE(snapshot->path(), m_db);
}

void TestLevelDbStateBackend::exportImportRoundTrip()
{
    QByteArray exported;
    {
        LevelDbStateBackend backend(m_db);
        QVERIFY(backend.open());
        const StateResult<QByteArray> all = backend.exportAll(ExportOptions{});
        QVERIFY2(all, qPrintable(CockpitStateTest::failure(all)));
        exported = *all;
        QVERIFY(exported.contains("\"20000000000000000000000000\""));
    }
    LevelDbStateBackend::Options options;
    options.createIfMissing = true;
    LevelDbStateBackend fresh(m_tmp->filePath(QStringLiteral("fresh")), options);
    QVERIFY(fresh.open());
    StateResult<ImportReport> report = fresh.importAll(exported, false);
    QVERIFY(report);
    QCOMPARE(report->imported, 28);
    report = fresh.importAll(exported, false);
    QVERIFY(report);
    QCOMPARE(report->imported, 0);
    QCOMPARE(report->skippedExisting, 28);
    report = fresh.importAll(exported, true);
    QVERIFY(report);
    QCOMPARE(report->imported, 28);
    QCOMPARE(*fresh.exportAll(ExportOptions{}), exported);

    // A bad document changes nothing.
    report =
        fresh.importAll(QByteArray(R"({"format":"cockpit-state-export","records":[{"chainId":1}]})"), true);
    QVERIFY(!report);
    QCOMPARE(report.error().code, StateErrorCode::ValidationFailed);
    QVERIFY(report.error().message.contains(QLatin1String("/records/0")));
    QCOMPARE(*fresh.exportAll(ExportOptions{}), exported);
}

void TestLevelDbStateBackend::metricsCountOperations()
{
    LevelDbStateBackend backend(m_db);
    QVERIFY(backend.open());
    QVERIFY(backend.getContract(56, QStringLiteral("LookCoin")));
    QVERIFY(backend.getContract(56, QStringLiteral("Nope")));
    const BackendMetrics m = backend.metrics();
    QCOMPARE(m.reads, qint64(2));
    QCOMPARE(m.errorRate, 0.0);
    QVERIFY(m.readLatencyMs > 0);
    QCOMPARE(m.cacheHitRate, -1.0);
}

QTEST_GUILESS_MAIN(TestLevelDbStateBackend)
#include "tst_leveldb_state_backend.moc"
