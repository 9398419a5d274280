// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>
#include <QStringView>

#include <compare>
#include <optional>

namespace Cockpit {

// An exact fixed-point amount with 6 decimal places (USDC's precision), held as a signed 128-bit count of
// micro-units. The range is that of PostgreSQL's NUMERIC(38,6): up to 32 integer digits. Every operation
// that could leave the range returns nullopt instead of wrapping; no float or double is ever involved.
// A plain value type: safe to copy between threads.
class Money
{
public:
    __extension__ typedef __int128 Raw;

    static constexpr int Scale = 6;
    static constexpr int MaxDigits = 38; // total significant digits, as NUMERIC(38,6)

    constexpr Money() = default;

    // Accepts "[-+]digits[.digits]" with at most 32 integer digits; fraction digits beyond the 6th must be
    // zeros (a value is never rounded silently). Fails (Invalid) naming the text otherwise.
    static Result<Money> parse(QStringView text);
    static Money fromMicros(qint64 micros) { return Money(static_cast<Raw>(micros)); }
    // nullopt when outside the NUMERIC(38,6) range.
    static std::optional<Money> fromRaw(Raw micros);
    static Money zero() { return Money(); }

    // Always 6 decimal places: "-12.500000". parse(toString()) gives back the same value.
    QString toString() const;
    Raw raw() const { return m_micros; }
    // The amount as 64-bit micro-units, nullopt when it does not fit (SQLite INTEGER storage).
    std::optional<qint64> toMicros64() const;

    bool isZero() const { return m_micros == 0; }
    bool isNegative() const { return m_micros < 0; }
    bool isPositive() const { return m_micros > 0; }

    std::optional<Money> plus(Money other) const;
    std::optional<Money> minus(Money other) const;
    Money negated() const { return Money(-m_micros); } // the range is symmetric, so this cannot overflow
    Money abs() const { return m_micros < 0 ? negated() : *this; }

    friend bool operator==(Money a, Money b) { return a.m_micros == b.m_micros; }
    friend std::strong_ordering operator<=>(Money a, Money b) { return a.m_micros <=> b.m_micros; }

    static Raw maxRaw();

private:
    explicit constexpr Money(Raw micros)
        : m_micros(micros)
    {}

    Raw m_micros = 0;
};

} // namespace Cockpit
