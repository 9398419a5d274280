// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace Cockpit::JsonText {

// Character-level helpers of the JSON reader: skipping plain string bytes and number literals, hex digits of
// \u escapes and UTF-8 encoding of code points.

// True when one of the 8 bytes is '"', '\\' or a control character (bit tricks from "Bit Twiddling Hacks").
inline bool hasSpecialByte(std::uint64_t v)
{
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    auto hasZero = [](std::uint64_t x) {
        return (x - ones) & ~x & highs;
    };
    const std::uint64_t below20 = (v - ones * 0x20) & ~v & highs;
    return (hasZero(v ^ (ones * '"')) | hasZero(v ^ (ones * '\\')) | below20) != 0;
}

// The first byte at or after `p` that ends a run of plain string bytes (not '"', '\\' or a control
// character), or a position near `end` from which the caller goes on byte by byte. 16 bytes at a time with
// SSE2 (part of every x86-64 CPU), else 8: record values are mostly 40- and 64-digit hex strings.
inline const char *skipPlain(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i below20 = _mm_set1_epi8(0x1F);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        // A byte below 0x20 (unsigned): min(v, 0x1F) == v. Bytes >= 0x80 are UTF-8 and plain.
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, below20), v);
        const __m128i special =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), control);
        const int mask = _mm_movemask_epi8(special);
        if (mask != 0)
            return p + __builtin_ctz(unsigned(mask));
        p += 16;
    }
#endif
    while (end - p >= 8) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        if (hasSpecialByte(v))
            return p;
        p += 8;
    }
    return p;
}

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Validates the number literal at `p` (JSON grammar, any length: digits are never converted) and returns
// its end. On an error sets `message` and returns where the problem is.
inline const char *skipNumber(const char *p, const char *end, const char **message)
{
    auto digits = [&] {
        while (p < end && isDigit(*p))
            ++p;
    };
    if (p < end && *p == '-')
        ++p;
    if (p >= end || !isDigit(*p)) {
        *message = "expected a value";
        return p;
    }
    if (*p == '0')
        ++p;
    else
        digits();
    if (p < end && *p == '.') {
        ++p;
        if (p >= end || !isDigit(*p)) {
            *message = "expected a digit after the decimal point";
            return p;
        }
        digits();
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        if (p >= end || !isDigit(*p)) {
            *message = "expected a digit in the exponent";
            return p;
        }
        digits();
    }
    return p;
}

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

inline void appendUtf8(std::string &out, unsigned cp)
{
    // Lone surrogates are kept as three bytes (WTF-8) so that serialize() can write them back as \uXXXX.
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// The first byte at or after `p` that does not belong to well-formed UTF-8 (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or `end`. ASCII runs are skipped 8 bytes at a time.
inline const char *firstInvalidUtf8(const char *p, const char *end)
{
    const auto byte = [](const char *q) {
        return static_cast<unsigned char>(*q);
    };
    const auto continuation = [&](const char *q) {
        return q < end && (byte(q) & 0xC0) == 0x80;
    };
    while (p < end) {
        if (end - p >= 8) {
            std::uint64_t v;
            std::memcpy(&v, p, 8);
            if ((v & 0x8080808080808080ull) == 0) {
                p += 8;
                continue;
            }
        }
        const unsigned char c = byte(p);
        if (c < 0x80) {
            ++p;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                low = 0xA0; // overlong
            else if (c == 0xED)
                high = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                low = 0x90; // overlong
            else if (c == 0xF4)
                high = 0x8F; // above U+10FFFF
        } else {
            return p;
        }
        if (end - p < length || byte(p + 1) < low || byte(p + 1) > high)
            return p;
        for (int i = 2; i < length; ++i) {
            if (!continuation(p + i))
                return p;
        }
        p += length;
    }
    return end;
}

} // namespace Cockpit::JsonText
