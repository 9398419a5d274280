// SPDX-License-Identifier: MIT
#include "ledger/money.h"

#include "ledger/decimal.h"

#include <limits>

namespace Cockpit {

namespace {

constexpr int IntegerDigits = Money::MaxDigits - Money::Scale;

Money::Raw pow10(int n)
{
    Money::Raw value = 1;
    for (int i = 0; i < n; ++i)
        value *= 10;
    return value;
}

} // namespace

Money::Raw Money::maxRaw()
{
    static const Raw max = pow10(MaxDigits) - 1;
    return max;
}

std::optional<Money> Money::fromRaw(Raw micros)
{
    if (micros > maxRaw() || micros < -maxRaw())
        return std::nullopt;
    return Money(micros);
}

Result<Money> Money::parse(QStringView text)
{
    const QString quoted = QLatin1Char('"') + text.toString() + QLatin1Char('"');
    qsizetype i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == QLatin1Char('-') || text[i] == QLatin1Char('+'))) {
        negative = text[i] == QLatin1Char('-');
        ++i;
    }
    const qsizetype digitsStart = i;
    Raw value = 0;
    int integerDigits = 0;
    bool significant = false;
    while (i < text.size() && text[i].isDigit() && text[i].unicode() < 128) {
        const int digit = text[i].unicode() - '0';
        significant = significant || digit != 0;
        if (significant)
            ++integerDigits;
        if (integerDigits > IntegerDigits)
            return fail(quoted + QStringLiteral(": more than %1 integer digits").arg(IntegerDigits),
                        ErrorKind::Invalid);
        value = value * 10 + digit;
        ++i;
    }
    if (i == digitsStart)
        return fail(quoted + QStringLiteral(": expected a decimal number such as 12.50"), ErrorKind::Invalid);
    int fractionDigits = 0;
    if (i < text.size() && text[i] == QLatin1Char('.')) {
        ++i;
        const qsizetype start = i;
        while (i < text.size() && text[i].isDigit() && text[i].unicode() < 128) {
            const int digit = text[i].unicode() - '0';
            if (fractionDigits < Scale) {
                value = value * 10 + digit;
                ++fractionDigits;
            } else if (digit != 0) {
                return fail(quoted + QStringLiteral(": more than %1 decimal places").arg(Scale),
                            ErrorKind::Invalid);
            }
            ++i;
        }
        if (i == start)
            return fail(quoted + QStringLiteral(": expected digits after the decimal point"),
                        ErrorKind::Invalid);
    }
    if (i != text.size())
        return fail(
            quoted + QStringLiteral(": unexpected character '%1' at position %2").arg(text[i]).arg(i + 1),
            ErrorKind::Invalid);
    value *= pow10(Scale - fractionDigits);
    return Money(negative ? -value : value);
}

QString Money::toString() const
{
    // A Money is a Decimal of scale six, which prints all six places.
    return Decimal(*this).toString();
}

std::optional<qint64> Money::toMicros64() const
{
    if (m_micros > std::numeric_limits<qint64>::max() || m_micros < std::numeric_limits<qint64>::min())
        return std::nullopt;
    return static_cast<qint64>(m_micros);
}

std::optional<Money> Money::plus(Money other) const
{
    // Both operands are within ±(10^38-1), so the 128-bit sum itself cannot overflow; only the range can.
    return fromRaw(m_micros + other.m_micros);
}

std::optional<Money> Money::minus(Money other) const
{
    return fromRaw(m_micros - other.m_micros);
}

} // namespace Cockpit
