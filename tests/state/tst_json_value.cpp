// SPDX-License-Identifier: MIT
#include "state/json_value.h"

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
