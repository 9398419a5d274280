// SPDX-License-Identifier: MIT
#include "ledger/decimal.h"

#include <QTest>

using namespace Cockpit;

// Exact decimals of any scale, as a service's NUMERIC columns hold them.
class TstDecimal : public QObject
{
    Q_OBJECT

    static Decimal d(const char *text)
    {
        const Result<Decimal> v = Decimal::parse(QString::fromLatin1(text));
        if (!v)
            qFatal("%s", qPrintable(v.error().message));
        return *v;
    }

private Q_SLOTS:
    void keepsTheDigitsAsWritten_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("printed");
        QTest::newRow("legacy 8 places") << QStringLiteral("12.34567891") << QStringLiteral("12.34567891");
        QTest::newRow("trailing zeros kept") << QStringLiteral("1.50000000") << QStringLiteral("1.50000000");
        QTest::newRow("integer") << QStringLiteral("42") << QStringLiteral("42");
        QTest::newRow("negative") << QStringLiteral("-0.000001") << QStringLiteral("-0.000001");
        QTest::newRow("plus sign") << QStringLiteral("+7.25") << QStringLiteral("7.25");
        QTest::newRow("38 digits") << QStringLiteral("12345678901234567890123456789012.345678")
                                   << QStringLiteral("12345678901234567890123456789012.345678");
        QTest::newRow("leading zeros") << QStringLiteral("000.10") << QStringLiteral("0.10");
    }
    void keepsTheDigitsAsWritten()
    {
        QFETCH(QString, text);
        QFETCH(QString, printed);
        const Result<Decimal> v = Decimal::parse(text);
        QVERIFY(v);
        QCOMPARE(v->toString(), printed);
        QCOMPARE(Decimal::parse(v->toString())->toString(), printed);
    }

    void refusesWhatIsNotADecimal_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QString() << QStringLiteral("expected a decimal number");
        QTest::newRow("exponent") << QStringLiteral("1e400") << QStringLiteral("unexpected character 'e'");
        QTest::newRow("two points") << QStringLiteral("1.2.3") << QStringLiteral("unexpected character '.'");
        QTest::newRow("no fraction") << QStringLiteral("1.")
                                     << QStringLiteral("digits after the decimal point");
        QTest::newRow("no integer") << QStringLiteral(".5")
                                    << QStringLiteral("digits before the decimal point");
        QTest::newRow("39 digits") << QStringLiteral("123456789012345678901234567890123456789")
                                   << QStringLiteral("more than 38 significant digits");
        QTest::newRow("31 places") << QStringLiteral("0.0000000000000000000000000000001")
                                   << QStringLiteral("more than 30 decimal places");
        QTest::newRow("space") << QStringLiteral(" 1") << QStringLiteral("unexpected character ' '");
        QTest::newRow("non-ASCII digit")
            << QStringLiteral("\u0661") << QStringLiteral("unexpected character");
    }
    void refusesWhatIsNotADecimal()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const Result<Decimal> parsed = Decimal::parse(text);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, ErrorKind::Invalid);
        QVERIFY2(parsed.error().message.contains(reason), qPrintable(parsed.error().message));
    }

    void comparesAcrossScales()
    {
        QCOMPARE(d("1.5"), d("1.50000000"));
        QVERIFY(d("10.000001") > d("10.00000099"));
        QVERIFY(d("-0.01") < d("0"));
        QVERIFY(d("-2") < d("-1.99999999"));
        // A value too long to rescale still compares exactly.
        QVERIFY(d("12345678901234567890123456789012.345678") > d("0.000000000000000000000000000001"));
        QVERIFY(d("-12345678901234567890123456789012.345678") < d("-0.000000000000000000000000000001"));
        QCOMPARE(Decimal(Money::fromMicros(1500000)), d("1.5"));
    }

    void subtractsExactly()
    {
        // The ledger's six places against the legacy column's eight: no rounding.
        QCOMPARE(d("12.345679").minus(d("12.34567891"))->toString(), QStringLiteral("0.00000009"));
        QCOMPARE(d("0").minus(d("100.00000000"))->toString(), QStringLiteral("-100.00000000"));
        QCOMPARE(d("-5").abs().toString(), QStringLiteral("5"));
        // Beyond 38 digits at the common scale: refused, never wrapped.
        QVERIFY(!d("12345678901234567890123456789012.345678").minus(d("0.00000001")));
        QVERIFY(!d("99999999999999999999999999999999999999").plus(d("1")));
    }

    void becomesMoneyOnlyWhenExact()
    {
        QCOMPARE(d("12.50000000").toMoney()->toString(), QStringLiteral("12.500000"));
        QVERIFY(!d("12.34567891").toMoney());
        QCOMPARE(d("7").toMoney()->toString(), QStringLiteral("7.000000"));
    }
};

QTEST_GUILESS_MAIN(TstDecimal)
#include "tst_decimal.moc"
