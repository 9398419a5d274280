// SPDX-License-Identifier: MIT
#include "state/record_converter.h"

#include "state_test_util.h"

#include <QTest>

using namespace Cockpit;

class TestRecordConverter : public QObject
{
    Q_OBJECT

private slots:
    void leveldbToJson_data();
    void leveldbToJson();
    void jsonToLeveldbFollowsTheSeed();
    void roundTripLevelDbJsonLevelDb();
    void escapedKeyIsTheField();
    void roundTripJsonLevelDbJson();
    void integrityHashIgnoresCaseAndExtraFields();
    void indexedFileReadsLikeTheTree_data();
    void indexedFileReadsLikeTheTree();
    void lookcoinFilesAreIndexed();
};

namespace {

// Everything the reading methods of a deployment file return, as one text to compare.
QString readAll(const JsonDeploymentFile &f)
{
    QString out = QString::fromStdString(f.network()) + QLatin1Char('|') + QString::number(f.chainId())
                  + QLatin1Char('|') + QString::number(f.lastDeployedMs()) + QLatin1Char('|')
                  + QString::number(f.contractCount()) + QLatin1Char('\n');
    const std::vector<std::string> names = f.contractNames();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto view = f.entryView(names[i]);
        const auto entry = f.entry(names[i]);
        if (!view || !entry || view->position != i || f.contractName(i) != names[i]
            || !f.hasContract(names[i]))
            return QStringLiteral("inconsistent lookups for ") + QString::fromStdString(names[i]);
        out += QString::fromStdString(names[i] + '|' + entry->proxy + '|' + entry->implementation + '|'
                                      + entry->implementationHash.value_or("(none)"))
               + QLatin1Char('\n');
    }
    for (const JsonDeploymentFile::Mention &m : f.mentions())
        out += QString::fromStdString(m.section + '.' + m.name + '=' + m.address) + QLatin1Char('\n');
    return out;
}

// The same file read through a tree: a top-level string with an escape makes parse() build one.
std::string throughTree(const std::string &text)
{
    std::string out = text;
    out.insert(out.find('{') + 1, R"("_":"\u0041",)");
    return out;
}

} // namespace

void TestRecordConverter::leveldbToJson_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<QString>("implementation");
    QTest::addColumn<QString>("hash");
    QTest::addRow("proxied") << QByteArray(
        R"({"contractName":"A","chainId":56,"address":"0xI","proxyAddress":"0xP","implementationHash":"0xH"})")
                             << QStringLiteral("0xP") << QStringLiteral("0xI") << QStringLiteral("0xH");
    QTest::addRow("no proxy: proxy = address")
        << QByteArray(R"({"contractName":"A","chainId":56,"address":"0xI"})") << QStringLiteral("0xI")
        << QStringLiteral("0xI") << QString();
}

void TestRecordConverter::leveldbToJson()
{
    QFETCH(QByteArray, record);
    QFETCH(QString, proxy);
    QFETCH(QString, implementation);
    QFETCH(QString, hash);
    const auto r = ContractRecord::fromBytes(record.toStdString(), nullptr);
    QVERIFY(r);
    const JsonDeploymentFile::Entry e = RecordConverter::toJsonEntry(*r);
    QCOMPARE(QString::fromStdString(e.proxy), proxy);
    QCOMPARE(QString::fromStdString(e.implementation), implementation);
    QCOMPARE(e.implementationHash.has_value(), !hash.isEmpty());
    if (e.implementationHash)
        QCOMPARE(QString::fromStdString(*e.implementationHash), hash);
}

void TestRecordConverter::jsonToLeveldbFollowsTheSeed()
{
    const QString path = CockpitStateTest::lookcoinDir() + QLatin1String("/deployments/bscmainnet.json");
    auto file = JsonDeploymentFile::parse(CockpitStateTest::readFile(path).toStdString(), path);
    QVERIFY(file);
    const ContractRecord r = RecordConverter::fromJsonEntry(*file, "LookCoin");
    QCOMPARE(
        r.serialize(),
        std::string(
            R"({"contractName":"LookCoin","chainId":56,"networkName":"bscmainnet",)"
            R"("address":"0xF978A855042D39a81cF620B9dB6730a41Ba36270",)"
            R"("factoryByteCodeHash":"0x035df318e7b4d02767fc5d749d77c0cd1f8a24e45950df940b71de21b6b81d49",)"
            R"("implementationHash":"0x035df318e7b4d02767fc5d749d77c0cd1f8a24e45950df940b71de21b6b81d49",)"
            R"("proxyAddress":"0x7d919E3ac306BBA4e5c85E40fB665126586C992d","timestamp":1753441878006})"));
}

// Found by fuzzing: a key written with escapes is the same member to JSON.parse, and so to the record.
void TestRecordConverter::escapedKeyIsTheField()
{
    const auto r = ContractRecord::fromBytes(
        R"({"contract\u004eame":"Caf\u00e9","chainId":56,"\u0061ddress":"0x0000000000000000000000000000000000000001"})",
        nullptr);
    QVERIFY(r);
    QCOMPARE(QString::fromStdString(std::string(r->contractName())), QStringLiteral("Café"));
    QCOMPARE(QString::fromStdString(std::string(r->address())),
             QStringLiteral("0x0000000000000000000000000000000000000001"));
    QCOMPARE(r->chainId(), 56);
}

void TestRecordConverter::roundTripLevelDbJsonLevelDb()
{
    // The fields both stores hold survive LevelDB -> JSON -> LevelDB; the LevelDB-only ones
    // (deploymentArgs, per-record timestamp, networkName spelling) stay only in LevelDB, as docs/state.md
    // says.
    const auto original = ContractRecord::fromBytes(
        R"({"contractName":"SecurityManager","chainId":97,"networkName":"bscTestnet","address":"0x5a24e0a0dC675721134840493811958F7e3bFfA3","factoryByteCodeHash":"0xcb","implementationHash":"0xcb","proxyAddress":"0x97D543565Ab7CC09bd6643bFeD38Db56894BBAb8","deploymentArgs":["0x0b","20000000000000000000000000"],"timestamp":1753357350579})",
        nullptr);
    QVERIFY(original);
    JsonDeploymentFile file = JsonDeploymentFile::create(QStringLiteral("bsctestnet.json"), "bsctestnet", 97);
    QVERIFY(file.setEntry("SecurityManager", RecordConverter::toJsonEntry(*original)));
    const ContractRecord back = RecordConverter::fromJsonEntry(file, "SecurityManager");
    for (const char *field : {"contractName", "address", "proxyAddress", "implementationHash"})
        QCOMPARE(back.json().stringMember(field), original->json().stringMember(field));
    QCOMPARE(back.chainId(), original->chainId());
    QCOMPARE(RecordConverter::toJsonEntry(back), RecordConverter::toJsonEntry(*original));
}

void TestRecordConverter::roundTripJsonLevelDbJson()
{
    const QDir dir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")})) {
        const QByteArray bytes = CockpitStateTest::readFile(dir.filePath(name));
        auto file = JsonDeploymentFile::parse(bytes.toStdString(), name);
        QVERIFY(file);
        JsonDeploymentFile rebuilt = *file;
        for (const std::string &contract : file->contractNames()) {
            const ContractRecord r = RecordConverter::fromJsonEntry(*file, contract);
            QCOMPARE(RecordConverter::toJsonEntry(r), *file->entry(contract));
            QVERIFY(!rebuilt.setEntry(contract, RecordConverter::toJsonEntry(r))); // nothing to change
        }
        QCOMPARE(QByteArray::fromStdString(rebuilt.serialize()), bytes);
    }
}

void TestRecordConverter::integrityHashIgnoresCaseAndExtraFields()
{
    const JsonDeploymentFile::Entry a{"0xABCdef0000000000000000000000000000000001", "0xA",
                                      std::string("0xFF")};
    const JsonDeploymentFile::Entry b{"0xabcdef0000000000000000000000000000000001", "0xa",
                                      std::string("0xff")};
    QCOMPARE(RecordConverter::integrityHash(56, "X", a), RecordConverter::integrityHash(56, "X", b));
    QVERIFY(RecordConverter::integrityHash(56, "X", a) != RecordConverter::integrityHash(97, "X", a));
    JsonDeploymentFile::Entry c = a;
    c.implementationHash.reset();
    QVERIFY(RecordConverter::integrityHash(56, "X", a) != RecordConverter::integrityHash(56, "X", c));
    QCOMPARE(RecordConverter::integrityHash(56, "X", a).size(), 64);
}

void TestRecordConverter::indexedFileReadsLikeTheTree_data()
{
    // parse() reads a file without a tree (JsonDeploymentFile::index); every case must read exactly as the
    // tree does, JSON.parse semantics included (a repeated key keeps its first position, takes the last
    // value).
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("indexed");
    QTest::addRow("plain") << QByteArray(
        R"({"network":"net","chainId":56,"deployer":"0xd","timestamp":"2025-07-25T10:00:00.000Z",)"
        R"("contracts":{"A":{"proxy":"0xp1","implementation":"0xi1"},"B":{"proxy":"0xp2","implementation":"0xi2","x":[1]}},)"
        R"("config":{"a":{"proxy":"0xnot"}},"implementationHashes":{"A":"0xh1"},)"
        R"("lastDeployed":"2025-07-26T10:00:00.000Z","protocolContracts":{"fee":"0xp2"},)"
        R"("infrastructureContracts":{"router":"0xr"}})")
                           << true;
    QTest::addRow("repeated contract, member and hash") << QByteArray(
        R"({"chainId":"97","implementationHashes":{"B":"0xh","A":"0x1","A":7,"B":"0xh2","Z":"0xz"},)"
        R"("contracts":{"A":{"proxy":"0xp","proxy":5,"implementation":"0xi","extra":{"proxy":"0xq"}},)"
        R"("B":{"implementation":"0xb"},"A":{"implementation":"0xa2","proxy":"0xp3"}}})")
                                                        << true;
    QTest::addRow("empty lastDeployed falls back to timestamp")
        << QByteArray(R"({"chainId":1,"lastDeployed":"","timestamp":"2025-07-25T10:00:00.000Z"})") << true;
    QTest::addRow("mentions: repeated keys, non-string values")
        << QByteArray(R"({"chainId":1,"protocolContracts":{"a":"0x1","b":2,"a":"0x3","c":null},)"
                      R"("infrastructureContracts":"none","contracts":{}})")
        << true;
    QTest::addRow("escaped contract name: read through the tree")
        << QByteArray(R"({"chainId":1,"contracts":{"A\u0042":{"proxy":"0xp"}}})") << false;
    QTest::addRow("repeated top-level member: read through the tree")
        << QByteArray(R"({"chainId":1,"contracts":{"A":{}},"contracts":{"B":{"proxy":"0xb"}}})") << false;
}

void TestRecordConverter::indexedFileReadsLikeTheTree()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, indexed);
    const auto file = JsonDeploymentFile::parse(text.toStdString(), QStringLiteral("f.json"));
    const auto tree = JsonDeploymentFile::parse(throughTree(text.toStdString()), QStringLiteral("f.json"));
    QVERIFY(file && tree);
    QCOMPARE(file->isIndexed(), indexed);
    QVERIFY(!tree->isIndexed());
    QCOMPARE(readAll(*file), readAll(*tree));
    QCOMPARE(file->serialize(),
             JsonValue::parse(text.toStdString(), nullptr).serialize(JsonValue::Style::Indented));
    // A change turns an indexed file into a tree and keeps every other member.
    JsonDeploymentFile changed = *file;
    QVERIFY(changed.setEntry("New", {"0xnp", "0xni", std::nullopt}));
    QVERIFY(!changed.isIndexed());
    QCOMPARE(changed.entry("New")->proxy, std::string("0xnp"));
    QCOMPARE(changed.contractCount(), file->contractCount() + 1);
}

void TestRecordConverter::lookcoinFilesAreIndexed()
{
    const QDir dir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")})) {
        const std::string bytes = CockpitStateTest::readFile(dir.filePath(name)).toStdString();
        const auto file = JsonDeploymentFile::parse(bytes, name);
        const auto tree = JsonDeploymentFile::parse(throughTree(bytes), name);
        QVERIFY(file && tree);
        QVERIFY2(file->isIndexed(), qPrintable(name));
        QVERIFY(file->contractCount() > 0);
        QCOMPARE(readAll(*file), readAll(*tree));
        QCOMPARE(file->serialize(), bytes);
    }
}

QTEST_GUILESS_MAIN(TestRecordConverter)
#include "tst_record_converter.moc"
