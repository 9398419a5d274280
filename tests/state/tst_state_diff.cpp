// SPDX-License-Identifier: MIT
#include "state/leveldb_state_backend.h"
#include "state/state_diff_engine.h"
#include "state/state_diff_report.h"

#include "state_test_util.h"

#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Cockpit;

class TestStateDiff : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void lookcoinReproducesTheSeedFindings();
    void lookcoinChainsAndDrift();
    void lookcoinJsonShape();
    void mismatchNamesTheFields();
    void onlyInJsonIsFound();
    void entriesAreSortedByChainThenName();
    void badInputIsReportedAndTheRestDiffed_data();
    void badInputIsReportedAndTheRestDiffed();
    void lockedLevelDbIsDiffedFromASnapshot();
    void largeDiffCountsEveryRecord();

private:
    StateDiffResult diff() const;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_leveldb;
    QString m_json;
};

void TestStateDiff::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_leveldb = m_tmp->filePath(QStringLiteral("leveldb"));
    m_json = m_tmp->filePath(QStringLiteral("deployments"));
    QVERIFY(
        CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/leveldb"), m_leveldb));
    QVERIFY(
        CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"), m_json));
}

StateDiffResult TestStateDiff::diff() const
{
    // The configured map of the cockpit's default environment: LookCoin's eight public networks, not 31337.
    const QMap<qint64, QString> networks = {
        {56, QStringLiteral("bscmainnet")},         {97, QStringLiteral("bsctestnet")},
        {8453, QStringLiteral("basemainnet")},      {84532, QStringLiteral("basesepolia")},
        {10, QStringLiteral("optimismmainnet")},    {11155420, QStringLiteral("optimismsepolia")},
        {23294, QStringLiteral("sapphiremainnet")}, {23295, QStringLiteral("sapphiretestnet")}};
    return StateDiffEngine::run(m_leveldb, m_json, networks);
}

void TestStateDiff::lookcoinReproducesTheSeedFindings()
{
    const StateDiffResult result = diff();
    QVERIFY(result.errors.isEmpty());
    const DiffSummary &s = result.summary;
    QCOMPARE(s.leveldbRecords, 28);
    QCOMPARE(s.jsonRecords, 13);
    QCOMPARE(s.equal, 13);
    QCOMPARE(s.mismatched, 0);
    QCOMPARE(s.onlyInJson, 0);
    // Seed: "LevelDB contains 13 contracts missing from JSON files (infrastructure contracts)".
    QCOMPARE(s.onlyInLeveldb, 13);
    // The local test chain 31337 has no JSON file at all: reported on its own, not in the 13.
    QCOMPARE(s.onlyInLeveldbNoJsonFile, 2);
    QCOMPARE(s.chainsWithoutJsonFile, QList<qint64>{31337});
    // 12 of the 13 are named by proxy address in infrastructureContracts/protocolContracts; the odd one out
    // is bsctestnet's HyperlaneModule, which no JSON file mentions.
    QCOMPARE(s.mentionedByProxy, 12);
    // Seed: "Data Health: 92.9%": 26 of the 28 LevelDB records pass; the two 31337 records fail.
    QCOMPARE(s.checked, 28);
    QCOMPARE(s.healthy, 26);
    QCOMPARE(s.dataHealthPercent(), 92.9);
    QStringList failing;
    for (const DiffEntry &e : result.entries) {
        if (!e.healthProblems.isEmpty())
            failing.append(e.key());
    }
    QCOMPARE(failing, (QStringList{QStringLiteral("31337-LookCoin"), QStringLiteral("31337-SupplyOracle")}));
    const QList<Text> findings = StateDiffReport::findings(result);
    QVERIFY(findings.first().english().startsWith(
        QLatin1String("13 contracts in LevelDB are missing from the JSON files")));
    QVERIFY(
        Text::join(findings, QStringLiteral("\n")).english().contains(QLatin1String("Data health 92.9 %")));
}

void TestStateDiff::lookcoinChainsAndDrift()
{
    const StateDiffResult result = diff();
    QCOMPARE(result.chains.size(), 6);
    auto chain = [&](qint64 id) {
        for (const ChainSummary &c : result.chains) {
            if (c.chainId == id)
                return c;
        }
        return ChainSummary{};
    };
    const ChainSummary bsc = chain(56);
    QCOMPARE(bsc.chainId, qint64(56));
    QCOMPARE(bsc.network, QStringLiteral("bscmainnet"));
    QCOMPARE(bsc.leveldbRecords, 8);
    QCOMPARE(bsc.jsonRecords, 3);
    QCOMPARE(bsc.onlyInLeveldb, 5);
    QVERIFY(bsc.networkNameDrift);
    QCOMPARE(bsc.leveldbNetworkNames, (QStringList{QStringLiteral("bscmainnet"), QStringLiteral("bsc")}));
    QCOMPARE(result.summary.networkNameDrifts, 16);
    const DiffEntry *fee = nullptr;
    const DiffEntry *hyperlane = nullptr;
    for (const DiffEntry &e : result.entries) {
        if (e.key() == QLatin1String("56-FeeManager"))
            fee = &e;
        if (e.key() == QLatin1String("97-HyperlaneModule"))
            hyperlane = &e;
    }
    QVERIFY(fee && hyperlane);
    QCOMPARE(fee->status, DiffStatus::OnlyInLeveldb);
    QCOMPARE(fee->mentionedAs, QStringLiteral("infrastructureContracts.feeManager"));
    QVERIFY(fee->networkNameDrift);
    QCOMPARE(fee->leveldbNetwork, QStringLiteral("bsc"));
    QVERIFY(hyperlane->mentionedAs.isEmpty());
    const ChainSummary local = chain(31337);
    QCOMPARE(local.chainId, qint64(31337));
    QVERIFY(!local.hasJsonFile);
    QCOMPARE(local.healthy, 0);
}

void TestStateDiff::lookcoinJsonShape()
{
    const QJsonObject json = StateDiffReport::toJson(diff());
    const QJsonObject summary = json.value(QLatin1String("summary")).toObject();
    for (const char *key : {"leveldbRecords", "jsonRecords", "equal", "onlyInLeveldb", "onlyInJson",
                            "mismatched", "dataHealthPercent"})
        QVERIFY2(summary.contains(QLatin1String(key)), key);
    QCOMPARE(summary.value(QLatin1String("dataHealthPercent")).toDouble(), 92.9);
    const QJsonArray entries = json.value(QLatin1String("entries")).toArray();
    QCOMPARE(entries.size(), 28);
    bool found = false;
    for (const QJsonValue v : entries) {
        const QJsonObject e = v.toObject();
        QVERIFY(e.value(QLatin1String("fields")).isArray());
        if (e.value(QLatin1String("chainId")).toInteger() == 56
            && e.value(QLatin1String("contractName")).toString() == QLatin1String("FeeManager")) {
            QCOMPARE(e.value(QLatin1String("status")).toString(), QStringLiteral("only_in_leveldb"));
            found = true;
        }
    }
    QVERIFY(found);
}

void TestStateDiff::mismatchNamesTheFields()
{
    const QString path = m_json + QLatin1String("/bscmainnet.json");
    QByteArray bytes = CockpitStateTest::readFile(path);
    bytes.replace("0xF978A855042D39a81cF620B9dB6730a41Ba36270", "0x0000000000000000000000000000000000000bad");
    bytes.replace("\"SupplyOracle\": \"0x412d", "\"SupplyOracle\": \"0x999d");
    QVERIFY(CockpitStateTest::writeFile(path, bytes));
    const StateDiffResult result = diff();
    QCOMPARE(result.summary.mismatched, 2);
    for (const DiffEntry &e : result.entries) {
        if (e.key() == QLatin1String("56-LookCoin"))
            QCOMPARE(e.fields, QStringList{QStringLiteral("implementation")});
        if (e.key() == QLatin1String("56-SupplyOracle"))
            QCOMPARE(e.fields, QStringList{QStringLiteral("implementationHash")});
    }
}

void TestStateDiff::onlyInJsonIsFound()
{
    {
        LevelDbStateBackend backend(m_leveldb);
        QVERIFY(backend.open());
        QVERIFY(backend.deleteContract(84532, QStringLiteral("SupplyOracle")).value());
    }
    const StateDiffResult result = diff();
    QCOMPARE(result.summary.onlyInJson, 1);
    QCOMPARE(result.summary.jsonRecords, 13);
    QCOMPARE(result.summary.leveldbRecords, 27);
}

void TestStateDiff::entriesAreSortedByChainThenName()
{
    // LevelDB's key order ("11155420-" < "31337-" < "56-" < "97-" bytewise) is not the numeric chain order,
    // and contracts only in JSON are appended: the result must still be sorted by chain, then name.
    {
        LevelDbStateBackend backend(m_leveldb);
        QVERIFY(backend.open());
        QVERIFY(backend.deleteContract(84532, QStringLiteral("SupplyOracle")).value());
        QVERIFY(backend.deleteContract(56, QStringLiteral("LookCoin")).value());
    }
    const StateDiffResult result = diff();
    QCOMPARE(result.summary.onlyInJson, 2);
    QVERIFY(result.entries.size() > 20);
    for (std::size_t i = 1; i < result.entries.size(); ++i) {
        const DiffEntry &a = result.entries[i - 1];
        const DiffEntry &b = result.entries[i];
        QVERIFY2(a.chainId < b.chainId || (a.chainId == b.chainId && a.contractName < b.contractName),
                 qPrintable(a.key() + QLatin1String(" before ") + b.key()));
    }
    QSet<qint64> chains;
    for (const DiffEntry &e : result.entries)
        chains.insert(e.chainId);
    QVERIFY(chains.contains(56) && chains.contains(97) && chains.contains(31337)
            && chains.contains(11155420));
}

void TestStateDiff::badInputIsReportedAndTheRestDiffed_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("named");
    QTest::addColumn<int>("leveldbRecords");
    QTest::addColumn<int>("jsonRecords");
    QTest::addRow("syntax error in a JSON file")
        << QStringLiteral("syntax") << QStringLiteral("bscmainnet.json") << 28 << 10;
    QTest::addRow("truncated JSON file")
        << QStringLiteral("truncated") << QStringLiteral("bsctestnet.json") << 28 << 10;
    QTest::addRow("LevelDB value that is not JSON")
        << QStringLiteral("leveldb") << QStringLiteral("56-Garbage") << 28 << 13;
    QTest::addRow("missing JSON folder")
        << QStringLiteral("nojson") << QStringLiteral("deployments") << 28 << 0;
    QTest::addRow("missing LevelDB folder")
        << QStringLiteral("noleveldb") << QStringLiteral("leveldb") << 0 << 13;
}

void TestStateDiff::badInputIsReportedAndTheRestDiffed()
{
    QFETCH(QString, kind);
    QFETCH(QString, named);
    QFETCH(int, leveldbRecords);
    QFETCH(int, jsonRecords);
    if (kind == QLatin1String("syntax")) {
        QByteArray bytes = CockpitStateTest::readFile(m_json + QLatin1String("/bscmainnet.json"));
        bytes.replace("\"chainId\": 56,", "\"chainId\": 56");
        QVERIFY(CockpitStateTest::writeFile(m_json + QLatin1String("/bscmainnet.json"), bytes));
    } else if (kind == QLatin1String("truncated")) {
        const QByteArray bytes = CockpitStateTest::readFile(m_json + QLatin1String("/bsctestnet.json"));
        QVERIFY(CockpitStateTest::writeFile(m_json + QLatin1String("/bsctestnet.json"),
                                            bytes.left(bytes.size() / 2)));
    } else if (kind == QLatin1String("leveldb")) {
        LevelDbStateBackend backend(m_leveldb);
        QVERIFY(backend.open());
        QVERIFY(backend.putRaw("56-Garbage", "\x01\x02not json"));
    } else if (kind == QLatin1String("nojson")) {
        QVERIFY(QDir(m_json).removeRecursively());
    } else {
        QVERIFY(QDir(m_leveldb).removeRecursively());
    }
    const QByteArray before = CockpitStateTest::treeDigest(m_tmp->path());
    const StateDiffResult result = diff();
    QCOMPARE(CockpitStateTest::treeDigest(m_tmp->path()), before); // nothing written
    QCOMPARE(result.errors.size(), 1);
    const QString described = result.errors.first().describe();
    QVERIFY2(described.contains(named), qPrintable(described));
    QCOMPARE(result.summary.leveldbRecords, leveldbRecords);
    QCOMPARE(result.summary.jsonRecords, jsonRecords);
    QVERIFY(StateDiffReport::toText(result).contains(described));
}

void TestStateDiff::lockedLevelDbIsDiffedFromASnapshot()
{
    LevelDbStateBackend holder(m_leveldb);
    QVERIFY(holder.open());
    const StateDiffResult inPlace = StateDiffEngine::run(m_leveldb, m_json, {}, false);
    QVERIFY(inPlace.errors.isEmpty());
    QCOMPARE(inPlace.summary.leveldbRecords, 28);
    QCOMPARE(inPlace.notes.size(), 1);
    QVERIFY(inPlace.notes.first().contains(QLatin1String("snapshot")));
}

void TestStateDiff::largeDiffCountsEveryRecord()
{
    // 6,000 records: enough for the comparison's two threads (docs/state.md, "How a diff runs"), with
    // networkName changes inside each half, at the halves' border and across chains.
    const QString leveldbPath = m_tmp->filePath(QStringLiteral("large-leveldb"));
    const QString jsonDir = m_tmp->filePath(QStringLiteral("large-json"));
    QVERIFY(QDir().mkpath(jsonDir));
    auto hex = [](int i, int digits) {
        std::string h = std::to_string(i);
        return "0x" + std::string(std::size_t(digits) - h.size(), 'a') + h;
    };
    std::vector<ContractRecord> records;
    JsonDeploymentFile file =
        JsonDeploymentFile::create(jsonDir + QLatin1String("/bscmainnet.json"), "bscmainnet", 56);
    for (int i = 0; i < 3000; ++i) {
        char name[16];
        std::snprintf(name, sizeof name, "C%04d", i);
        ContractRecord r;
        r.setString("contractName", name);
        r.setNumber("chainId", 56);
        r.setString("networkName", i % 1000 == 0 ? "bscmainnet" : "bsc");
        r.setString("address", hex(i, 40));
        r.setString("factoryByteCodeHash", hex(i, 64));
        r.setString("implementationHash", hex(i, 64));
        records.push_back(r);
        if (i % 2 == 0) // every 100th listed with another implementation
            QVERIFY(file.setEntry(name, {hex(i, 40), hex(i % 100 == 0 ? i + 1 : i, 40), hex(i, 64)}));
        std::snprintf(name, sizeof name, "D%04d", i);
        r.setString("contractName", name);
        r.setNumber("chainId", 97);
        r.setString("networkName", (i / 500) % 2 ? "bscTestnet" : "bsctestnet");
        records.push_back(r);
    }
    for (int i = 0; i < 5; ++i)
        QVERIFY(file.setEntry("JsonOnly" + std::to_string(i), {hex(i, 40), hex(i, 40), hex(i, 64)}));
    QVERIFY(CockpitStateTest::writeFile(file.path(), QByteArray::fromStdString(file.serialize())));
    {
        LevelDbStateBackend::Options options;
        options.createIfMissing = true;
        LevelDbStateBackend backend(leveldbPath, options);
        QVERIFY(backend.open());
        QVERIFY(backend.putContracts(records));
    }
    const QMap<qint64, QString> networks = {{56, QStringLiteral("bscmainnet")},
                                            {97, QStringLiteral("bsctestnet")}};
    const StateDiffResult result = StateDiffEngine::run(leveldbPath, jsonDir, networks);
    QVERIFY(result.errors.isEmpty());
    const DiffSummary &s = result.summary;
    QCOMPARE(s.leveldbRecords, 6000);
    QCOMPARE(s.jsonRecords, 1505);
    QCOMPARE(s.equal, 1470);
    QCOMPARE(s.mismatched, 30);
    QCOMPARE(s.onlyInLeveldb, 1500);
    QCOMPARE(s.onlyInLeveldbNoJsonFile, 3000);
    QCOMPARE(s.onlyInJson, 5);
    QCOMPARE(s.checked, 6005);
    QCOMPARE(s.healthy, 6005);
    QCOMPARE(s.networkNameDrifts, 2997);
    QCOMPARE(result.entries.size(), std::size_t(6005));
    for (std::size_t i = 1; i < result.entries.size(); ++i) {
        const DiffEntry &a = result.entries[i - 1];
        const DiffEntry &b = result.entries[i];
        QVERIFY(a.chainId < b.chainId || (a.chainId == b.chainId && a.contractName < b.contractName));
    }
    QCOMPARE(result.chains.size(), 2);
    QCOMPARE(result.chains[0].leveldbNetworkNames,
             QStringList({QStringLiteral("bscmainnet"), QStringLiteral("bsc")}));
    QCOMPARE(result.chains[0].equal + result.chains[0].mismatched + result.chains[0].onlyInLeveldb, 3000);
    QCOMPARE(result.chains[1].leveldbNetworkNames,
             QStringList({QStringLiteral("bsctestnet"), QStringLiteral("bscTestnet")}));
    QCOMPARE(result.chains[1].onlyInLeveldb, 3000);
}

QTEST_GUILESS_MAIN(TestStateDiff)
#include "tst_state_diff.moc"
