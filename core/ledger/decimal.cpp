// SPDX-License-Identifier: MIT
#include "ledger/decimal.h"

namespace Cockpit {

namespace {

Decimal::Raw pow10(int n)
{
    Decimal::Raw value = 1;
    for (int i = 0; i < n; ++i)
        value *= 10;
    return value;
}

Decimal::Raw maxCoefficient()
{
    static const Decimal::Raw max = pow10(Decimal::MaxDigits) - 1;
    return max;
}

} // namespace

Result<Decimal> Decimal::parse(QStringView text)
{
    const QString quoted = QLatin1Char('"') + text.toString() + QLatin1Char('"');
    qsizetype i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == QLatin1Char('-') || text[i] == QLatin1Char('+'))) {
        negative = text[i] == QLatin1Char('-');
        ++i;
    }
    Raw value = 0;
    int digits = 0; // significant digits so far (leading zeros do not count)
    int scale = 0;
    bool any = false;
    bool fraction = false;
    for (; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('.') && !fraction) {
            if (!any)
                return fail(quoted + QStringLiteral(": expected digits before the decimal point"),
                            ErrorKind::Invalid);
            fraction = true;
            continue;
        }
        if (c.unicode() < '0' || c.unicode() > '9')
            return fail(quoted
                            + QStringLiteral(": unexpected character '%1' at position %2").arg(c).arg(i + 1),
                        ErrorKind::Invalid);
        any = true;
        if (fraction && ++scale > MaxScale)
            return fail(quoted + QStringLiteral(": more than %1 decimal places").arg(MaxScale),
                        ErrorKind::Invalid);
        if (value != 0 || c != QLatin1Char('0'))
            ++digits;
        if (digits > MaxDigits)
            return fail(quoted + QStringLiteral(": more than %1 significant digits").arg(MaxDigits),
                        ErrorKind::Invalid);
        value = value * 10 + (c.unicode() - '0');
    }
    if (!any)
        return fail(quoted + QStringLiteral(": expected a decimal number such as 12.50"), ErrorKind::Invalid);
    if (fraction && scale == 0)
        return fail(quoted + QStringLiteral(": expected digits after the decimal point"), ErrorKind::Invalid);
    return Decimal(negative ? -value : value, scale);
}

QString Decimal::toString() const
{
    // By hand: QString::number has no 128-bit overload.
    Raw v = m_coefficient < 0 ? -m_coefficient : m_coefficient;
    char buffer[MaxDigits + MaxScale + 4];
    int pos = sizeof(buffer);
    int produced = 0;
    while (v > 0 || produced <= m_scale) {
        if (produced == m_scale && m_scale > 0)
            buffer[--pos] = '.';
        buffer[--pos] = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
        ++produced;
    }
    if (m_coefficient < 0)
        buffer[--pos] = '-';
    return QString::fromLatin1(buffer + pos, static_cast<qsizetype>(sizeof(buffer)) - pos);
}

std::optional<Money> Decimal::toMoney() const
{
    if (m_scale <= Money::Scale) {
        const std::optional<Raw> micros = rescaled(Money::Scale);
        return micros ? Money::fromRaw(*micros) : std::nullopt;
    }
    const Raw divisor = pow10(m_scale - Money::Scale);
    if (m_coefficient % divisor != 0)
        return std::nullopt;
    return Money::fromRaw(m_coefficient / divisor);
}

std::optional<Decimal::Raw> Decimal::rescaled(int scale) const
{
    Raw v = m_coefficient;
    for (int s = m_scale; s < scale; ++s) {
        if (v > maxCoefficient() / 10 || v < -maxCoefficient() / 10)
            return std::nullopt;
        v *= 10;
    }
    return v;
}

std::optional<Decimal> Decimal::minus(const Decimal &other) const
{
    return plus(other.negated());
}

std::optional<Decimal> Decimal::plus(const Decimal &other) const
{
    const int scale = std::max(m_scale, other.m_scale);
    const std::optional<Raw> a = rescaled(scale);
    const std::optional<Raw> b = other.rescaled(scale);
    if (!a || !b)
        return std::nullopt;
    // Both are within ±(10^38-1), so the 128-bit sum cannot overflow; only the digit range can.
    const Raw sum = *a + *b;
    if (sum > maxCoefficient() || sum < -maxCoefficient())
        return std::nullopt;
    return Decimal(sum, scale);
}

int Decimal::compare(const Decimal &a, const Decimal &b)
{
    if (a.isNegative() != b.isNegative())
        return a.isNegative() ? -1 : 1;
    const int scale = std::max(a.m_scale, b.m_scale);
    const std::optional<Raw> x = a.rescaled(scale);
    const std::optional<Raw> y = b.rescaled(scale);
    if (x && y)
        return *x < *y ? -1 : (*x > *y ? 1 : 0);
    // One side does not fit at the common scale, so its integer part is the longer one: compare integer
    // parts, then the fractions (both fit, being below one).
    const Raw ai = a.m_coefficient / pow10(a.m_scale);
    const Raw bi = b.m_coefficient / pow10(b.m_scale);
    if (ai != bi)
        return ai < bi ? -1 : 1;
    const Decimal af(a.m_coefficient - ai * pow10(a.m_scale), a.m_scale);
    const Decimal bf(b.m_coefficient - bi * pow10(b.m_scale), b.m_scale);
    return compare(af, bf);
}

} // namespace Cockpit
