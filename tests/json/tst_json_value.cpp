// SPDX-License-Identifier: MIT
#include "state/json_deployment_file.h"
#include "json/json_value.h"

#include "state_test_util.h"

#include <QTest>

#include <leveldb/db.h>

#include <QTemporaryDir>

using namespace Cockpit;

class TestJsonValue : public QObject
{
    Q_OBJECT

private slots:
    void roundTripIsByteExact_data();
    void roundTripIsByteExact();
    void hugeIntegerKeepsEveryDigit();
    void keyOrderAndUnknownFieldsKept();
    void duplicateKeyTakesLastValueAtFirstPosition();
    void duplicateKeysInALargeObject();
    void stringsAreCheckedAtEveryOffset();
    void deploymentFileIndexFollowsChanges();
    void escapesLikeJsonStringify_data();
    void escapesLikeJsonStringify();
    void parseErrorsNameThePosition_data();
    void parseErrorsNameThePosition();
    void lookcoinFilesRewriteByteForByte();
    void lookcoinLevelDbValuesRewriteByteForByte();
    void canonicalSortsKeys();
};

void TestJsonValue::roundTripIsByteExact_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("bigint string") << QByteArray(
        R"({"deploymentArgs":["0x6Fb9","20000000000000000000000000"]})");
    QTest::addRow("integer beyond 64 bits") << QByteArray(R"({"supply":123456789012345678901234567890123})");
    QTest::addRow("negative big and exponent")
        << QByteArray(R"([-98765432109876543210,1.5e+300,0.1,-0,1E5])");
    QTest::addRow("unknown nested fields") << QByteArray(R"({"a":{"z":1,"b":[true,false,null]},"x":""})");
    QTest::addRow("unicode raw") << QByteArray("{\"name\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80\"}");
    QTest::addRow("empty containers") << QByteArray(R"({"a":{},"b":[],"c":[{}]})");
    QTest::addRow("lone surrogate") << QByteArray(R"(["\ud800x"])");
}

void TestJsonValue::roundTripIsByteExact()
{
    QFETCH(QByteArray, text);
    JsonValue::ParseError error;
    const JsonValue value =
        JsonValue::parse(std::string_view(text.constData(), std::size_t(text.size())), &error);
    QVERIFY2(!error.isError(), error.describe().c_str());
    QCOMPARE(QByteArray::fromStdString(value.serialize()), text);
}

void TestJsonValue::hugeIntegerKeepsEveryDigit()
{
    const std::string digits = "340282366920938463463374607431768211457"; // 2^128 + 1: no double holds it
    const JsonValue v = JsonValue::parse("{\"n\":" + digits + "}", nullptr);
    QVERIFY(v.find("n")->isNumber());
    QCOMPARE(v.find("n")->text(), digits);
    QCOMPARE(v.serialize(), "{\"n\":" + digits + "}");
}

void TestJsonValue::keyOrderAndUnknownFieldsKept()
{
    JsonValue v = JsonValue::parse(R"({"zeta":1,"alpha":2,"mid":{"q":1}})", nullptr);
    v.set("alpha", JsonValue::string("changed"));
    v.set("new", JsonValue(true));
    QCOMPARE(v.serialize(), std::string(R"({"zeta":1,"alpha":"changed","mid":{"q":1},"new":true})"));
    QVERIFY(v.remove("zeta"));
    QVERIFY(!v.remove("zeta"));
    QCOMPARE(v.serialize(), std::string(R"({"alpha":"changed","mid":{"q":1},"new":true})"));
}

void TestJsonValue::duplicateKeyTakesLastValueAtFirstPosition()
{
    // JSON.parse semantics: the first position, the last value.
    const JsonValue v = JsonValue::parse(R"({"a":1,"b":2,"a":3})", nullptr);
    QCOMPARE(v.serialize(), std::string(R"({"a":3,"b":2})"));
}

void TestJsonValue::duplicateKeysInALargeObject()
{
    // Beyond 24 members the parser looks keys up in a hash index (MemberIndex): same JSON.parse semantics.
    std::string text = "{";
    for (int i = 0; i < 100; ++i)
        text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    text += R"("k3":"again","k70":true,"k100":100,"k0":null})";
    const JsonValue v = JsonValue::parse(text, nullptr);
    QCOMPARE(v.members().size(), std::size_t(101));
    QCOMPARE(v.members()[0].key, std::string("k0"));
    QVERIFY(v.members()[0].value.isNull());
    QCOMPARE(v.members()[3].key, std::string("k3"));
    QCOMPARE(v.members()[3].value.text(), std::string("again"));
    QVERIFY(v.members()[70].value.isBool());
    QCOMPARE(v.members()[99].value.text(), std::string("99"));
    QCOMPARE(v.members()[100].key, std::string("k100"));
}

void TestJsonValue::stringsAreCheckedAtEveryOffset()
{
    // Strings are skipped 16 bytes at a time: a control character or an escape must be found wherever it
    // sits relative to those blocks, by parse() and by scan() alike.
    for (std::size_t length = 1; length < 48; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            std::string plain(length, 'a');
            plain[at] = '\x01';
            const std::string bad = "{\"s\":\"" + plain + "\"}";
            JsonValue::ParseError error;
            JsonValue::parse(bad, &error);
            QVERIFY2(error.isError(), bad.c_str());
            QCOMPARE(error.offset, at + 6);
            QVERIFY(!JsonValue::scan(bad, &error, [](const JsonValue::Span &) {}));
            QCOMPARE(error.offset, at + 6);

            std::string escaped(length, 'a');
            escaped.replace(at, 1, "\\\"");
            const std::string good = "{\"s\":\"" + escaped + "\"}";
            const JsonValue v = JsonValue::parse(good, &error);
            QVERIFY2(!error.isError(), good.c_str());
            QCOMPARE(v.find("s")->text().size(), length);
            QCOMPARE(v.find("s")->text()[at], '"');
            QCOMPARE(v.serialize(), good);
            bool sawEscape = false;
            QVERIFY(JsonValue::scan(good, &error,
                                    [&](const JsonValue::Span &span) { sawEscape = span.escaped; }));
            QVERIFY(sawEscape);
        }
    }
}

void TestJsonValue::deploymentFileIndexFollowsChanges()
{
    // The contract and hash indexes hold positions, not pointers: they must follow adds, removals and
    // copies of the file.
    JsonDeploymentFile file = JsonDeploymentFile::create(QStringLiteral("net.json"), "net", 1000);
    for (int i = 0; i < 300; ++i) {
        const std::string n = std::to_string(i);
        JsonDeploymentFile::Entry e{"0xp" + n, "0xi" + n, std::nullopt};
        if (i % 3 == 0)
            e.implementationHash = "0xh" + n;
        QVERIFY(file.setEntry("C" + n, e));
    }
    QCOMPARE(file.contractCount(), 300);
    QVERIFY(file.removeEntry("C0"));
    QVERIFY(file.removeEntry("C150"));
    QVERIFY(!file.removeEntry("C150"));
    QVERIFY(file.setEntry("C151", {"0xp", "0xi", std::string("0xnew")}));
    const JsonDeploymentFile copy = file;
    for (const JsonDeploymentFile *f : {static_cast<const JsonDeploymentFile *>(&file), &copy}) {
        QCOMPARE(f->contractCount(), 298);
        QVERIFY(!f->hasContract("C0"));
        QVERIFY(!f->entryView("C150"));
        QVERIFY(f->entry("C151")->implementationHash == std::optional<std::string>("0xnew"));
        QCOMPARE(f->entry("C299")->proxy, std::string("0xp299"));
        QVERIFY(f->entry("C3")->implementationHash == std::optional<std::string>("0xh3"));
        QVERIFY(!f->entry("C4")->implementationHash);
        QCOMPARE(f->entryView("C299")->position, std::size_t(297));
    }
    const auto reparsed = JsonDeploymentFile::parse(file.serialize(), QStringLiteral("net.json"));
    QVERIFY(reparsed);
    QCOMPARE(reparsed->serialize(), file.serialize());
    QVERIFY(reparsed->entry("C151") == file.entry("C151"));
}

void TestJsonValue::escapesLikeJsonStringify_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("control chars") << QByteArray(R"(["\u0001\b\t\n\f\r\u001f"])")
                                   << QByteArray(R"(["\u0001\b\t\n\f\r\u001f"])");
    QTest::addRow("quote and backslash") << QByteArray(R"(["a\"b\\c"])") << QByteArray(R"(["a\"b\\c"])");
    QTest::addRow("slash unescaped") << QByteArray(R"(["a\/b"])") << QByteArray(R"(["a/b"])");
    QTest::addRow("unicode escape written raw")
        << QByteArray(R"(["\u00e9\ud83d\ude80"])") << QByteArray("[\"\xc3\xa9\xf0\x9f\x9a\x80\"]");
}

void TestJsonValue::escapesLikeJsonStringify()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const JsonValue v = JsonValue::parse(input.toStdString(), nullptr);
    QCOMPARE(QByteArray::fromStdString(v.serialize()), expected);
}

void TestJsonValue::parseErrorsNameThePosition_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::addRow("missing comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << 3
                                   << QStringLiteral("expected ',' or '}'");
    QTest::addRow("truncated") << QByteArray("{\n  \"a\": [1, 2") << 2 << QStringLiteral("truncated");
    QTest::addRow("trailing garbage") << QByteArray("{} x") << 1 << QStringLiteral("unexpected text");
    QTest::addRow("bad number") << QByteArray("[01]") << 1 << QStringLiteral("expected ',' or ']'");
    QTest::addRow("not json") << QByteArray("hello") << 1 << QStringLiteral("expected a value");
    QTest::addRow("empty") << QByteArray("") << 1 << QStringLiteral("expected a value");
    // Text that is not UTF-8 is refused where it goes wrong (a rewrite would change it).
    QTest::addRow("latin-1 byte") << QByteArray("{\n\"name\": \"caf\xe9\"}") << 2
                                  << QStringLiteral("invalid UTF-8");
    QTest::addRow("overlong slash") << QByteArray("[\"\xc0\xaf\"]") << 1 << QStringLiteral("invalid UTF-8");
    QTest::addRow("encoded surrogate")
        << QByteArray("[\"\xed\xa0\x80\"]") << 1 << QStringLiteral("invalid UTF-8");
    QTest::addRow("beyond U+10FFFF") << QByteArray("[\"\xf4\x90\x80\x80\"]") << 1
                                     << QStringLiteral("invalid UTF-8");
    QTest::addRow("truncated sequence")
        << QByteArray("[\"\xe2\x82\"]") << 1 << QStringLiteral("invalid UTF-8");
    QTest::addRow("stray continuation in a key")
        << QByteArray("{\n\n\"k\x80\": 1}") << 3 << QStringLiteral("invalid UTF-8");
}

void TestJsonValue::parseErrorsNameThePosition()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    JsonValue::ParseError error;
    JsonValue::parse(std::string_view(text.constData(), std::size_t(text.size())), &error);
    QVERIFY(error.isError());
    QCOMPARE(error.line, line);
    QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
    // The scan that checks LevelDB records without building values gives the same verdict.
    JsonValue::ParseError scanError;
    QVERIFY(!JsonValue::scan(std::string_view(text.constData(), std::size_t(text.size())), &scanError,
                             [](const JsonValue::Span &) {}));
    QCOMPARE(scanError.message, error.message);
    QCOMPARE(scanError.offset, error.offset);
}

void TestJsonValue::lookcoinFilesRewriteByteForByte()
{
    const QDir dir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    QCOMPARE(files.size(), 5);
    for (const QString &name : files) {
        const QByteArray bytes = CockpitStateTest::readFile(dir.filePath(name));
        JsonValue::ParseError error;
        const JsonValue v = JsonValue::parse(bytes.toStdString(), &error);
        QVERIFY2(!error.isError(), qPrintable(name));
        QCOMPARE(QByteArray::fromStdString(v.serialize(JsonValue::Style::Indented)), bytes);
    }
}

void TestJsonValue::lookcoinLevelDbValuesRewriteByteForByte()
{
    QTemporaryDir tmp;
    QVERIFY(
        CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/leveldb"), tmp.path()));
    leveldb::DB *raw = nullptr;
    QVERIFY(leveldb::DB::Open(leveldb::Options(), tmp.path().toStdString(), &raw).ok());
    std::unique_ptr<leveldb::DB> db(raw);
    std::unique_ptr<leveldb::Iterator> it(db->NewIterator(leveldb::ReadOptions()));
    int count = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        const std::string value = it->value().ToString();
        JsonValue::ParseError error;
        const JsonValue v = JsonValue::parse(value, &error);
        QVERIFY2(!error.isError(), it->key().ToString().c_str());
        QCOMPARE(v.serialize(), value);
        ++count;
    }
    QCOMPARE(count, 28);
}

void TestJsonValue::canonicalSortsKeys()
{
    const JsonValue v = JsonValue::parse(R"({"b":1,"a":{"d":[{"y":1,"x":2}],"c":2}})", nullptr);
    QCOMPARE(v.canonical(), std::string(R"({"a":{"c":2,"d":[{"x":2,"y":1}]},"b":1})"));
}

QTEST_GUILESS_MAIN(TestJsonValue)
#include "tst_json_value.moc"
