// SPDX-License-Identifier: MIT
#include "state/json_state_backend.h"

#include "state/record_converter.h"
#include "state_failure.h"
#include "state_test_util.h"

#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;

namespace {

// 0600: readable and writable by the owner, nothing for group and others.
bool isPrivate(const QString &path)
{
    const QFileDevice::Permissions p = QFile::permissions(path);
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                            | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                            | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return (p & others) == 0 && p.testFlag(QFileDevice::ReadOwner) && p.testFlag(QFileDevice::WriteOwner);
}

} // namespace

class TestJsonStateBackend : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void opensTheLookCoinFiles();
    void putRewritesOnlyTheChangedLines();
    void writeKeepsBackupAndIs0600();
    void unchangedPutDoesNotTouchTheFile();
    void newChainUsesTheNetworkMap();
    void unknownChainWithoutNetworkIsRefused();
    void heldLockFailsTheWriteClearly();
    void lockLeftByAKilledWriterDoesNotBlock();
    void lruCacheReportsHitRate();
    void brokenFilesAreReportedByName_data();
    void brokenFilesAreReportedByName();
    void missingFolder();
    void deleteRemovesEntryAndHash();
    void batchIsWrittenToAllFilesOrNone();

private:
    JsonStateBackend::Options options() const;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
};

JsonStateBackend::Options TestJsonStateBackend::options() const
{
    JsonStateBackend::Options o;
    o.networks = {{56, QStringLiteral("bscmainnet")},
                  {97, QStringLiteral("bsctestnet")},
                  {10, QStringLiteral("optimismmainnet")}};
    o.cacheSize = 4;
    o.lockTimeoutMs = 100;
    return o;
}

void TestJsonStateBackend::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_dir = m_tmp->filePath(QStringLiteral("deployments"));
    QVERIFY(
        CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"), m_dir));
}

void TestJsonStateBackend::opensTheLookCoinFiles()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    const ScanResult scan = backend.scanAll();
    QVERIFY(scan.errors.isEmpty());
    QCOMPARE(int(scan.records.size()), 13);
    const std::optional<ContractRecord> lookcoin =
        backend.getContract(56, QStringLiteral("LookCoin")).value();
    QVERIFY(lookcoin);
    QCOMPARE(lookcoin->address(), std::string_view("0xF978A855042D39a81cF620B9dB6730a41Ba36270"));
    QCOMPARE(lookcoin->proxyAddress(), std::string_view("0x7d919E3ac306BBA4e5c85E40fB665126586C992d"));
    QCOMPARE(lookcoin->networkName(), std::string_view("bscmainnet"));
    // The file of chain 23295 is found by its content although the default map would call it otherwise.
    QVERIFY(backend.getContract(23295, QStringLiteral("CelerIMModule")).value().has_value());
}

void TestJsonStateBackend::putRewritesOnlyTheChangedLines()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    const QString path = m_dir + QLatin1String("/bscmainnet.json");
    const QByteArray before = CockpitStateTest::readFile(path);
    ContractRecord fee;
    fee.setString("contractName", "FeeManager");
    fee.setNumber("chainId", 56);
    fee.setString("address", "0xC4F08150A68ADFBf9Eb909eD53DA19Ce7810B8F6");
    fee.setString("proxyAddress", "0xA30ec846115c20aeF89795D0fE6dab6C05e1AaDb");
    fee.setString("implementationHash", "0xd991560106a222a3f8afdd2ea7dd6c7d2d12f22705c2f1f8a80bc897972ad65d");
    const StateResult<void> written = backend.putContract(56, fee);
    QVERIFY2(written, qPrintable(CockpitStateTest::failure(written)));
    const QByteArray after = CockpitStateTest::readFile(path);
    const QList<QByteArray> a = before.split('\n');
    const QList<QByteArray> b = after.split('\n');
    // Five new lines in "contracts" and one in "implementationHashes" (plus the commas before them).
    QCOMPARE(b.size(), a.size() + 5);
    QVERIFY(after.contains("\"infrastructureContracts\": {")); // unmodelled sections kept
    QVERIFY(after.contains("\"deploymentMode\": \"multi-protocol\""));
    QVERIFY(after.indexOf("\"config\"") < after.indexOf("\"implementationHashes\"")); // order kept
    const std::optional<ContractRecord> back = backend.getContract(56, QStringLiteral("FeeManager")).value();
    QVERIFY(back);
    QCOMPARE(back->proxyAddress(), fee.proxyAddress());
}

void TestJsonStateBackend::writeKeepsBackupAndIs0600()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    const QString path = m_dir + QLatin1String("/bsctestnet.json");
    const QByteArray before = CockpitStateTest::readFile(path);
    ContractRecord r =
        RecordConverter::fromJsonEntry(*JsonDeploymentFile::parse(before.toStdString(), path), "LookCoin");
    r.setString("address", "0x1111111111111111111111111111111111111111");
    QVERIFY(backend.putContract(97, r));
    QCOMPARE(CockpitStateTest::readFile(path + QLatin1String(".backup")), before);
    QVERIFY(isPrivate(path));

    ContractRecord fresh;
    fresh.setString("contractName", "LookCoin");
    fresh.setNumber("chainId", 10);
    fresh.setString("address", "0x2222222222222222222222222222222222222222");
    QVERIFY(backend.putContract(10, fresh));
    const QString created = m_dir + QLatin1String("/optimismmainnet.json");
    QVERIFY(isPrivate(created));
}

void TestJsonStateBackend::unchangedPutDoesNotTouchTheFile()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    const QByteArray digest = CockpitStateTest::treeDigest(m_dir);
    const ScanResult scan = backend.scanAll();
    QVERIFY(backend.putContracts(scan.records));
    QCOMPARE(CockpitStateTest::treeDigest(m_dir), digest);
    QVERIFY(!QFile::exists(m_dir + QLatin1String("/bscmainnet.json.backup")));
}

void TestJsonStateBackend::newChainUsesTheNetworkMap()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    QCOMPARE(QFileInfo(backend.fileForChain(10).value()).fileName(), QStringLiteral("optimismmainnet.json"));
    QCOMPARE(QFileInfo(backend.fileForChain(23295).value()).fileName(),
             QStringLiteral("sapphiretestnet.json"));
}

void TestJsonStateBackend::unknownChainWithoutNetworkIsRefused()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    const QByteArray digest = CockpitStateTest::treeDigest(m_dir);
    ContractRecord r;
    r.setString("contractName", "LookCoin");
    r.setNumber("chainId", 31337);
    r.setString("address", "0x2222222222222222222222222222222222222222");
    const StateResult<void> written = backend.putContract(31337, r);
    QVERIFY(!written);
    const StateError &error = written.error();
    QCOMPARE(error.code, StateErrorCode::ValidationFailed);
    QVERIFY(error.message.contains(QLatin1String("state.networks")));
    QCOMPARE(CockpitStateTest::treeDigest(m_dir), digest);
}

void TestJsonStateBackend::heldLockFailsTheWriteClearly()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    const QString path = m_dir + QLatin1String("/bscmainnet.json");
    QLockFile other(path + QLatin1String(".lock"));
    QVERIFY(other.tryLock(0));
    const QByteArray before = CockpitStateTest::readFile(path);
    const StateResult<bool> deleted = backend.deleteContract(56, QStringLiteral("LookCoin"));
    QVERIFY(!deleted);
    const StateError &error = deleted.error();
    QCOMPARE(error.code, StateErrorCode::WriteFailed);
    QVERIFY(error.message.contains(QLatin1String("another writer")));
    QCOMPARE(error.file, path);
    QCOMPARE(CockpitStateTest::readFile(path), before);
    other.unlock();
    QVERIFY(backend.deleteContract(56, QStringLiteral("LookCoin")).value());
}

// A writer killed right after creating the lock file leaves it empty, with nobody holding it: the next
// write takes it at once, instead of waiting for it to grow stale.
void TestJsonStateBackend::lockLeftByAKilledWriterDoesNotBlock()
{
    JsonStateBackend::Options o = options();
    o.lockTimeoutMs = 0;
    JsonStateBackend backend(m_dir, o);
    QVERIFY(backend.open());
    const QString lock = m_dir + QLatin1String("/bscmainnet.json.lock");
    QFile leftover(lock);
    QVERIFY(leftover.open(QIODevice::WriteOnly));
    leftover.close();
    const StateResult<bool> deleted = backend.deleteContract(56, QStringLiteral("LookCoin"));
    QVERIFY2(deleted, qPrintable(CockpitStateTest::failure(deleted)));
    QVERIFY(*deleted);
    QVERIFY(!QFileInfo::exists(lock));
}

void TestJsonStateBackend::lruCacheReportsHitRate()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    for (int i = 0; i < 4; ++i)
        QVERIFY(backend.getContract(56, QStringLiteral("LookCoin")).value().has_value());
    QCOMPARE(backend.metrics().cacheHitRate, 0.75);
    // Capacity 4: five distinct records evict the first one.
    for (const char *name : {"SupplyOracle", "CelerIMModule"})
        QVERIFY(backend.getContract(56, QString::fromLatin1(name)).value().has_value());
    for (const char *name : {"LookCoin", "SupplyOracle", "CelerIMModule"})
        QVERIFY(backend.getContract(97, QString::fromLatin1(name)).value().has_value());
    QVERIFY(backend.getContract(56, QStringLiteral("LookCoin")).value().has_value());
    QCOMPARE(backend.metrics().cacheHitRate, 3.0 / 10.0);
}

void TestJsonStateBackend::brokenFilesAreReportedByName_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::addRow("syntax error") << QByteArray(
        "{\n  \"network\": \"bscmainnet\",\n  \"chainId\": 56\n  \"contracts\": {}\n}")
                                  << QStringLiteral("line 4");
    QTest::addRow("truncated") << CockpitStateTest::readFile(CockpitStateTest::lookcoinDir()
                                                             + QLatin1String("/deployments/bscmainnet.json"))
                                      .left(400)
                               << QStringLiteral("truncated");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::addRow("no chainId") << QByteArray(R"({"network":"bscmainnet"})") << QStringLiteral("/chainId");
}

void TestJsonStateBackend::brokenFilesAreReportedByName()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString path = m_dir + QLatin1String("/bscmainnet.json");
    QVERIFY(CockpitStateTest::writeFile(path, content));
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    const QByteArray digest = CockpitStateTest::treeDigest(m_dir);
    const ScanResult scan = backend.scanAll();
    QCOMPARE(int(scan.records.size()), 10); // the four other files
    QCOMPARE(scan.errors.size(), 1);
    QCOMPARE(scan.errors.first().file, path);
    QVERIFY2(scan.errors.first().message.contains(message), qPrintable(scan.errors.first().message));
    QCOMPARE(CockpitStateTest::treeDigest(m_dir), digest);
}

void TestJsonStateBackend::missingFolder()
{
    JsonStateBackend backend(m_tmp->filePath(QStringLiteral("missing")), options());
    const StateResult<void> opened = backend.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, StateErrorCode::BackendUnavailable);
    QVERIFY(opened.error().describe().contains(QLatin1String("missing")));
}

void TestJsonStateBackend::deleteRemovesEntryAndHash()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    QVERIFY(backend.deleteContract(97, QStringLiteral("SupplyOracle")).value());
    const QByteArray after = CockpitStateTest::readFile(m_dir + QLatin1String("/bsctestnet.json"));
    QVERIFY(!after.contains("SupplyOracle"));
    QVERIFY(!backend.hasContract(97, QStringLiteral("SupplyOracle")).value());
}

// A batch over several chains (an import, a sync) changes every file or none: a file that cannot be read
// stops it before the first write.
void TestJsonStateBackend::batchIsWrittenToAllFilesOrNone()
{
    JsonStateBackend backend(m_dir, options());
    QVERIFY(backend.open());
    const QString bsc = m_dir + QLatin1String("/bscmainnet.json");
    const QString testnet = m_dir + QLatin1String("/bsctestnet.json");
    const QByteArray bscBefore = CockpitStateTest::readFile(bsc);
    std::vector<ContractRecord> batch(2);
    for (auto [i, chain] : {std::pair{0, 56}, std::pair{1, 97}}) {
        batch[std::size_t(i)].setString("contractName", "FeeManager");
        batch[std::size_t(i)].setNumber("chainId", chain);
        batch[std::size_t(i)].setString("address", "0xC4F08150A68ADFBf9Eb909eD53DA19Ce7810B8F6");
    }
    QFile broken(testnet);
    QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("{\"chainId\": 97, \"contracts\": {");
    broken.close();
    StateResult<void> written = backend.putContracts(batch);
    QVERIFY(!written);
    QVERIFY2(written.error().describe().contains(QLatin1String("bsctestnet.json")),
             qPrintable(written.error().describe()));
    QCOMPARE(CockpitStateTest::readFile(bsc), bscBefore); // the first chain was not written either

    QVERIFY(
        CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"), m_dir));
    written = backend.putContracts(batch);
    QVERIFY2(written, qPrintable(CockpitStateTest::failure(written)));
    QVERIFY(backend.getContract(56, QStringLiteral("FeeManager")).value().has_value());
    QVERIFY(backend.getContract(97, QStringLiteral("FeeManager")).value().has_value());
}

QTEST_GUILESS_MAIN(TestJsonStateBackend)
#include "tst_json_state_backend.moc"
