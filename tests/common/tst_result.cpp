// SPDX-License-Identifier: MIT
// Result<T>: what a caller of a failing core function can rely on.
#include "common/result.h"

#include <QTest>

#include <memory>

using namespace Cockpit;

namespace {

Result<int> half(int n)
{
    if (n % 2 != 0)
        return fail(QStringLiteral("%1 is odd").arg(n), ErrorKind::Invalid);
    return n / 2;
}

Result<int> quarter(int n)
{
    const Result<int> h = half(n);
    if (!h)
        return fail(h.error()); // passed on with its kind and message
    return half(*h);
}

Result<void> check(bool good)
{
    if (!good)
        return fail(QStringLiteral("not good"));
    return ok();
}

} // namespace

class TestResult : public QObject
{
    Q_OBJECT

private slots:
    void valueOrError()
    {
        const Result<int> value = half(8);
        QVERIFY(value);
        QCOMPARE(*value, 4);
        QCOMPARE(errorMessage(value), QString()); // safe on success: no error to read
        const Result<int> odd = half(3);
        QVERIFY(!odd);
        QCOMPARE(odd.error().kind, ErrorKind::Invalid);
        QCOMPARE(odd.error().message, QStringLiteral("3 is odd"));
        QCOMPARE(errorMessage(odd), QStringLiteral("3 is odd"));
        QCOMPARE(odd.value_or(-1), -1);
    }

    void anErrorPassedOnKeepsItsKind()
    {
        QCOMPARE(*quarter(8), 2);
        const Result<int> failed = quarter(6); // 6 / 2 = 3, odd
        QVERIFY(!failed);
        QCOMPARE(failed.error().kind, ErrorKind::Invalid);
        QCOMPARE(failed.error().message, QStringLiteral("3 is odd"));
    }

    void voidResult()
    {
        QVERIFY(check(true));
        const Result<void> bad = check(false);
        QVERIFY(!bad);
        QCOMPARE(bad.error().kind, ErrorKind::Failed); // the default kind
        QCOMPARE(errorMessage(bad), QStringLiteral("not good"));
    }

    void moveOnlyValuesAndOptional()
    {
        Result<std::unique_ptr<int>> owned = std::make_unique<int>(5);
        QVERIFY(owned);
        const std::unique_ptr<int> taken = std::move(*owned);
        QCOMPARE(*taken, 5);
        QCOMPARE(valueOf(half(10)), std::optional<int>(5));
        QCOMPARE(valueOf(half(1)), std::optional<int>());
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
