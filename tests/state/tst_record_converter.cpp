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
    void roundTripJsonLevelDbJson();
    void integrityHashIgnoresCaseAndExtraFields();
};

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
    auto file = JsonDeploymentFile::parse(CockpitStateTest::readFile(path).toStdString(), path, nullptr);
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
        auto file = JsonDeploymentFile::parse(bytes.toStdString(), name, nullptr);
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

QTEST_GUILESS_MAIN(TestRecordConverter)
#include "tst_record_converter.moc"
