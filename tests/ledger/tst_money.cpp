// SPDX-License-Identifier: MIT
#include "ledger/money.h"

#include <QTest>

using namespace Cockpit;

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("formatted");
        QTest::addRow("zero") << QStringLiteral("0") << QStringLiteral("0.000000");
        QTest::addRow("negative zero") << QStringLiteral("-0.0") << QStringLiteral("0.000000");
        QTest::addRow("cents") << QStringLiteral("100.01") << QStringLiteral("100.010000");
        QTest::addRow("one micro") << QStringLiteral("0.000001") << QStringLiteral("0.000001");
        QTest::addRow("negative micro") << QStringLiteral("-0.000001") << QStringLiteral("-0.000001");
        QTest::addRow("plus sign") << QStringLiteral("+7.5") << QStringLiteral("7.500000");
        QTest::addRow("leading zeros") << QStringLiteral("000012.340") << QStringLiteral("12.340000");
        QTest::addRow("trailing zeros beyond scale")
            << QStringLiteral("1.5000000000") << QStringLiteral("1.500000");
        QTest::addRow("beyond int64 micro-units")
            << QStringLiteral("98765432109876543210.123456") << QStringLiteral("98765432109876543210.123456");
        QTest::addRow("largest NUMERIC(38,6)") << QStringLiteral("99999999999999999999999999999999.999999")
                                               << QStringLiteral("99999999999999999999999999999999.999999");
        QTest::addRow("smallest NUMERIC(38,6)") << QStringLiteral("-99999999999999999999999999999999.999999")
                                                << QStringLiteral("-99999999999999999999999999999999.999999");
    }

    void roundTrip()
    {
        QFETCH(QString, input);
        QFETCH(QString, formatted);
        const Result<Money> m = Money::parse(input);
        QVERIFY2(m.has_value(), qPrintable(errorMessage(m)));
        QCOMPARE(m->toString(), formatted);
        const Result<Money> again = Money::parse(m->toString());
        QVERIFY(again.has_value());
        QCOMPARE(*again, *m);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("reason");
        QTest::addRow("empty") << QString() << QStringLiteral("expected a decimal number");
        QTest::addRow("sign only") << QStringLiteral("-") << QStringLiteral("expected a decimal number");
        QTest::addRow("leading point") << QStringLiteral(".5") << QStringLiteral("expected a decimal number");
        QTest::addRow("trailing point")
            << QStringLiteral("5.") << QStringLiteral("digits after the decimal point");
        QTest::addRow("seventh decimal")
            << QStringLiteral("0.0000001") << QStringLiteral("more than 6 decimal places");
        QTest::addRow("exponent") << QStringLiteral("1e5") << QStringLiteral("unexpected character 'e'");
        QTest::addRow("space") << QStringLiteral("1 000") << QStringLiteral("unexpected character ' '");
        QTest::addRow("comma") << QStringLiteral("1,5") << QStringLiteral("unexpected character ','");
        QTest::addRow("two points") << QStringLiteral("1.2.3") << QStringLiteral("unexpected character '.'");
        QTest::addRow("33 integer digits") << QStringLiteral("100000000000000000000000000000000")
                                           << QStringLiteral("more than 32 integer digits");
        QTest::addRow("arabic-indic digit")
            << QStringLiteral("\u0661") << QStringLiteral("expected a decimal number");
    }

    void rejects()
    {
        QFETCH(QString, input);
        QFETCH(QString, reason);
        const Result<Money> parsed = Money::parse(input);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().kind, ErrorKind::Invalid);
        const QString error = parsed.error().message;
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY2(error.startsWith(QLatin1Char('"') + input + QLatin1Char('"')), qPrintable(error));
    }

    void arithmetic_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<QString>("sum");        // empty: overflow
        QTest::addColumn<QString>("difference"); // empty: overflow
        QTest::addRow("simple") << QStringLiteral("0.1") << QStringLiteral("0.2")
                                << QStringLiteral("0.300000") << QStringLiteral("-0.100000");
        QTest::addRow("no float drift")
            << QStringLiteral("1000000.000001") << QStringLiteral("0.000001")
            << QStringLiteral("1000000.000002") << QStringLiteral("1000000.000000");
        QTest::addRow("beyond int64")
            << QStringLiteral("9223372036854.775807") << QStringLiteral("0.000001")
            << QStringLiteral("9223372036854.775808") << QStringLiteral("9223372036854.775806");
        QTest::addRow("max plus micro overflows")
            << QStringLiteral("99999999999999999999999999999999.999999") << QStringLiteral("0.000001")
            << QString() << QStringLiteral("99999999999999999999999999999999.999998");
        QTest::addRow("min minus micro overflows")
            << QStringLiteral("-99999999999999999999999999999999.999999") << QStringLiteral("0.000001")
            << QStringLiteral("-99999999999999999999999999999999.999998") << QString();
    }

    void arithmetic()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(QString, sum);
        QFETCH(QString, difference);
        const Money x = *Money::parse(a);
        const Money y = *Money::parse(b);
        const std::optional<Money> s = x.plus(y);
        const std::optional<Money> d = x.minus(y);
        QCOMPARE(s.has_value(), !sum.isEmpty());
        QCOMPARE(d.has_value(), !difference.isEmpty());
        if (s)
            QCOMPARE(s->toString(), sum);
        if (d)
            QCOMPARE(d->toString(), difference);
    }

    void micros64()
    {
        QCOMPARE(Money::fromMicros(1234567).toString(), QStringLiteral("1.234567"));
        QCOMPARE(Money::parse(u"9223372036854.775807")->toMicros64(),
                 std::optional<qint64>(9223372036854775807LL));
        QVERIFY(!Money::parse(u"9223372036854.775808")->toMicros64().has_value());
        QCOMPARE(Money::fromMicros(std::numeric_limits<qint64>::min()).toString(),
                 QStringLiteral("-9223372036854.775808"));
    }

    void ordering()
    {
        QVERIFY(*Money::parse(u"0.01") > *Money::parse(u"0.009999"));
        QVERIFY(*Money::parse(u"-1") < Money::zero());
        QCOMPARE(Money::parse(u"-2.5")->abs(), *Money::parse(u"2.5"));
        QVERIFY(!Money::fromRaw(Money::maxRaw() + 1).has_value());
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
