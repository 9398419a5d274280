// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/money.h"

#include <QString>
#include <QStringView>

#include <compare>
#include <optional>

namespace Cockpit {

// An exact decimal of any scale from 0 to MaxScale, as a service's NUMERIC column holds it: a signed 128-bit
// coefficient and the number of decimal places it was written with. Money has a fixed scale of six; a
// database the cockpit did not create may store more (a legacy column of NUMERIC(36,8)), and such a value
// must be compared and shown as it is, never rounded. The scale is kept as parsed, so "1.50000000" prints
// back with its eight places; comparisons align scales and are exact. Every operation that could leave the
// 38-digit range returns nullopt instead of wrapping. A plain value type: safe to copy between threads.
class Decimal
{
public:
    __extension__ typedef __int128 Raw;

    static constexpr int MaxDigits = 38;
    static constexpr int MaxScale = 30;

    constexpr Decimal() = default;
    // Money is exact at its own scale; every Money is a Decimal.
    Decimal(Money money) // NOLINT(google-explicit-constructor): a widening, lossless conversion
        : m_coefficient(money.raw())
        , m_scale(Money::Scale)
    {}

    // "[-+]digits[.digits]" with at most MaxDigits significant digits and MaxScale decimal places; fails
    // (Invalid) naming the text otherwise. No exponent, no rounding.
    static Result<Decimal> parse(QStringView text);

    // With the scale it was written with: parse(toString()) gives back the same digits.
    QString toString() const;
    int scale() const { return m_scale; }
    // The value as Money when it has no non-zero digit beyond the sixth decimal place and fits its range.
    std::optional<Money> toMoney() const;

    bool isZero() const { return m_coefficient == 0; }
    bool isNegative() const { return m_coefficient < 0; }
    Decimal abs() const { return m_coefficient < 0 ? Decimal(-m_coefficient, m_scale) : *this; }
    Decimal negated() const { return Decimal(-m_coefficient, m_scale); }
    // The exact difference at the larger of both scales; nullopt beyond MaxDigits.
    std::optional<Decimal> minus(const Decimal &other) const;
    std::optional<Decimal> plus(const Decimal &other) const;

    // Numeric comparison: 1.5 == 1.50000000.
    friend bool operator==(const Decimal &a, const Decimal &b) { return compare(a, b) == 0; }
    friend std::strong_ordering operator<=>(const Decimal &a, const Decimal &b)
    {
        return compare(a, b) <=> 0;
    }

private:
    constexpr Decimal(Raw coefficient, int scale)
        : m_coefficient(coefficient)
        , m_scale(scale)
    {}
    static int compare(const Decimal &a, const Decimal &b);
    // The coefficient at `scale` (>= m_scale), nullopt when it leaves the 128-bit range.
    std::optional<Raw> rescaled(int scale) const;

    Raw m_coefficient = 0;
    int m_scale = 0;
};

} // namespace Cockpit
