// SPDX-License-Identifier: MIT
// Money::parse and Decimal::parse on any text: never crash; what Money accepts prints back to the same
// value and is the same number as Decimal reads it; Decimal's text round trip keeps every digit and scale.
#include "ledger/decimal.h"
#include "ledger/money.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

using namespace Cockpit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text =
        QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Result<Money> money = Money::parse(text);
    const Result<Decimal> decimal = Decimal::parse(text);
    const QString decimalError = errorMessage(decimal);
    if (money) {
        const Result<Money> again = Money::parse(money->toString());
        if (!again || *again != *money)
            std::abort();
        // Money drops trailing zeros; Decimal keeps the written scale, so its limits (MaxScale places,
        // MaxDigits digits with those zeros) may refuse what Money takes, and nothing else may.
        const bool limit = decimalError.contains(QLatin1String("decimal places"))
                           || decimalError.contains(QLatin1String("significant digits"));
        if (decimal ? Decimal(*money) != *decimal : !limit)
            std::abort();
    } else if (money.error().message.isEmpty() || money.error().kind != ErrorKind::Invalid) {
        std::abort(); // refused without saying why
    }
    if (decimal) {
        const Result<Decimal> again = Decimal::parse(decimal->toString());
        if (!again || *again != *decimal || again->scale() != decimal->scale()
            || again->toString() != decimal->toString())
            std::abort();
    }
    return 0;
}
