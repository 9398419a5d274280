// SPDX-License-Identifier: MIT
#pragma once

#include "state/json_text.h"
#include "state/json_value.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <unordered_map>

namespace Cockpit {

// The JSON reader behind JsonValue::parse (builds a tree) and JsonValue::scan (validates and reports the
// top-level members without building anything). Kept apart from JsonValue so that each file has one job;
// include it only from json_value.cpp. Threading: one instance per text, on one thread.
namespace JsonParserDetail {

constexpr int MaxDepth = 512;
// Objects with more members than this get a hash index while parsing, so duplicate detection stays linear.
constexpr std::size_t LinearLookupLimit = 24;

// True when one of the 8 bytes is '"', '\\' or a control character (bit tricks from "Bit Twiddling Hacks");
// strings are skipped 8 bytes at a time until then.
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

} // namespace JsonParserDetail

class JsonParser
{
    static constexpr int MaxDepth = JsonParserDetail::MaxDepth;
    static constexpr std::size_t LinearLookupLimit = JsonParserDetail::LinearLookupLimit;

public:
    JsonParser(std::string_view text, JsonValue::ParseError *error)
        : m_text(text)
        , m_error(error)
    {}

    JsonValue run()
    {
        skipSpace();
        JsonValue value = parseValue(0);
        if (m_failed)
            return {};
        skipSpace();
        if (m_pos != m_text.size()) {
            fail("unexpected text after the JSON value");
            return {};
        }
        return value;
    }

    // Validation without building values.
    bool scanTopLevel(const std::function<void(const JsonValue::Span &)> &member)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '{') {
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
            } else {
                while (true) {
                    skipSpace();
                    if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
                        fail("expected a key in double quotes");
                        return false;
                    }
                    JsonValue::Span span;
                    span.keyBegin = std::uint32_t(m_pos + 1);
                    bool escaped = false;
                    if (!skipString(&escaped))
                        return false;
                    span.keyEnd = std::uint32_t(m_pos - 1);
                    skipSpace();
                    if (m_pos >= m_text.size() || m_text[m_pos] != ':') {
                        fail("expected ':' after the key");
                        return false;
                    }
                    ++m_pos;
                    skipSpace();
                    if (m_pos >= m_text.size()) {
                        fail("expected a value");
                        return false;
                    }
                    const std::size_t start = m_pos;
                    span.type = typeAt(m_text[m_pos]);
                    if (span.type == JsonValue::Type::String) {
                        if (!skipString(&escaped))
                            return false;
                        span.valueBegin = std::uint32_t(start + 1);
                        span.valueEnd = std::uint32_t(m_pos - 1);
                    } else {
                        if (!skipValue(1))
                            return false;
                        span.valueBegin = std::uint32_t(start);
                        span.valueEnd = std::uint32_t(m_pos);
                    }
                    span.escaped = escaped;
                    member(span);
                    const Separator next = separator('}');
                    if (next == Separator::More)
                        continue;
                    if (next == Separator::End)
                        break;
                    return false;
                }
            }
        } else if (!skipValue(0)) {
            return false;
        }
        skipSpace();
        if (m_pos != m_text.size()) {
            fail("unexpected text after the JSON value");
            return false;
        }
        return true;
    }

private:
    static JsonValue::Type typeAt(char c)
    {
        switch (c) {
        case '{':
            return JsonValue::Type::Object;
        case '[':
            return JsonValue::Type::Array;
        case '"':
            return JsonValue::Type::String;
        case 't':
        case 'f':
            return JsonValue::Type::Bool;
        case 'n':
            return JsonValue::Type::Null;
        default:
            return JsonValue::Type::Number;
        }
    }

    void skipPlain()
    {
        while (m_pos + 8 <= m_text.size()) {
            std::uint64_t v;
            std::memcpy(&v, m_text.data() + m_pos, 8);
            if (JsonParserDetail::hasSpecialByte(v))
                return;
            m_pos += 8;
        }
    }

    bool skipString(bool *escaped)
    {
        ++m_pos;
        skipPlain();
        while (m_pos < m_text.size()) {
            const unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20) {
                fail("control character in a string");
                return false;
            }
            if (c == '\\') {
                *escaped = true;
                ++m_pos;
                if (m_pos >= m_text.size())
                    break;
                const char e = m_text[m_pos];
                if (e == 'u') {
                    ++m_pos;
                    unsigned cp = 0;
                    if (!parseHex4(cp))
                        return false;
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                    && e != 't') {
                    fail("invalid escape in a string");
                    return false;
                }
            }
            ++m_pos;
        }
        fail("unterminated string");
        return false;
    }

    bool skipValue(int depth)
    {
        if (depth > MaxDepth) {
            fail("nesting too deep");
            return false;
        }
        if (m_pos >= m_text.size()) {
            fail("expected a value");
            return false;
        }
        const char c = m_text[m_pos];
        if (c == '"') {
            bool escaped = false;
            return skipString(&escaped);
        }
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == close) {
                ++m_pos;
                return true;
            }
            while (true) {
                skipSpace();
                if (c == '{') {
                    if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
                        fail("expected a key in double quotes");
                        return false;
                    }
                    bool escaped = false;
                    if (!skipString(&escaped))
                        return false;
                    skipSpace();
                    if (m_pos >= m_text.size() || m_text[m_pos] != ':') {
                        fail("expected ':' after the key");
                        return false;
                    }
                    ++m_pos;
                    skipSpace();
                }
                if (!skipValue(depth + 1))
                    return false;
                const Separator next = separator(close);
                if (next != Separator::More)
                    return next == Separator::End;
            }
        }
        if (c == 't')
            return literal("true");
        if (c == 'f')
            return literal("false");
        if (c == 'n')
            return literal("null");
        parseNumber();
        return !m_failed;
    }

    void fail(const char *message)
    {
        if (m_failed)
            return;
        m_failed = true;
        if (!m_error)
            return;
        m_error->offset = std::min(m_pos, m_text.size());
        m_error->line = 1;
        m_error->column = 1;
        for (std::size_t i = 0; i < m_error->offset; ++i) {
            if (m_text[i] == '\n') {
                ++m_error->line;
                m_error->column = 1;
            } else {
                ++m_error->column;
            }
        }
        m_error->message = message;
        if (m_pos >= m_text.size())
            m_error->message += " (the text ends early: truncated?)";
    }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_pos;
        }
    }

    bool literal(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word) {
            fail("invalid literal");
            return false;
        }
        m_pos += word.size();
        return true;
    }

    JsonValue parseValue(int depth)
    {
        if (depth > MaxDepth) {
            fail("nesting too deep");
            return {};
        }
        if (m_pos >= m_text.size()) {
            fail("expected a value");
            return {};
        }
        switch (m_text[m_pos]) {
        case '{':
            return parseObject(depth);
        case '[':
            return parseArray(depth);
        case '"': {
            std::string s;
            if (!parseString(s))
                return {};
            return JsonValue::string(std::move(s));
        }
        case 't':
            return literal("true") ? JsonValue(true) : JsonValue();
        case 'f':
            return literal("false") ? JsonValue(false) : JsonValue();
        case 'n':
            literal("null");
            return {};
        default:
            return parseNumber();
        }
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    JsonValue parseNumber()
    {
        const std::size_t start = m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '-')
            ++m_pos;
        if (m_pos >= m_text.size() || !isDigit(m_text[m_pos])) {
            fail("expected a value");
            return {};
        }
        if (m_text[m_pos] == '0') {
            ++m_pos;
        } else {
            while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
                ++m_pos;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            if (m_pos >= m_text.size() || !isDigit(m_text[m_pos])) {
                fail("expected a digit after the decimal point");
                return {};
            }
            while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
                ++m_pos;
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (m_pos >= m_text.size() || !isDigit(m_text[m_pos])) {
                fail("expected a digit in the exponent");
                return {};
            }
            while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
                ++m_pos;
        }
        return JsonValue::number(std::string(m_text.substr(start, m_pos - start)));
    }

    bool parseHex4(unsigned &out)
    {
        if (m_pos + 4 > m_text.size()) {
            m_pos = m_text.size();
            fail("incomplete \\u escape");
            return false;
        }
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const int v = JsonText::hexValue(m_text[m_pos + i]);
            if (v < 0) {
                fail("invalid \\u escape");
                return false;
            }
            out = (out << 4) | unsigned(v);
        }
        m_pos += 4;
        return true;
    }

    bool parseString(std::string &out)
    {
        ++m_pos; // opening quote
        while (true) {
            const std::size_t start = m_pos;
            skipPlain();
            while (m_pos < m_text.size()) {
                const unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
                if (c == '"' || c == '\\' || c < 0x20)
                    break;
                ++m_pos;
            }
            out.append(m_text.data() + start, m_pos - start);
            if (m_pos >= m_text.size()) {
                fail("unterminated string");
                return false;
            }
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c != '\\') {
                fail("control character in a string");
                return false;
            }
            ++m_pos;
            if (m_pos >= m_text.size()) {
                fail("unterminated string");
                return false;
            }
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                unsigned cp = 0;
                if (!parseHex4(cp))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF && m_pos + 6 <= m_text.size() && m_text[m_pos] == '\\'
                    && m_text[m_pos + 1] == 'u') {
                    const std::size_t save = m_pos;
                    m_pos += 2;
                    unsigned low = 0;
                    if (!parseHex4(low))
                        return false;
                    if (low >= 0xDC00 && low <= 0xDFFF)
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    else
                        m_pos = save;
                }
                JsonText::appendUtf8(out, cp);
                break;
            }
            default:
                --m_pos;
                fail("invalid escape in a string");
                return false;
            }
        }
    }

    enum class Separator
    {
        More,
        End,
        Failed
    };

    // After an array element or object member: ',' (more follow) or the closing bracket.
    Separator separator(char close)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ',') {
            ++m_pos;
            return Separator::More;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == close) {
            ++m_pos;
            return Separator::End;
        }
        fail(close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
        return Separator::Failed;
    }

    JsonValue parseArray(int depth)
    {
        ++m_pos;
        JsonValue result = JsonValue::array();
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return result;
        }
        while (true) {
            skipSpace();
            result.append(parseValue(depth + 1));
            if (m_failed)
                return {};
            const Separator next = separator(']');
            if (next == Separator::More)
                continue;
            return next == Separator::End ? result : JsonValue();
        }
    }

    JsonValue parseObject(int depth)
    {
        ++m_pos;
        JsonValue result = JsonValue::object();
        auto &members = result.members();
        std::unordered_map<std::string, std::size_t> index;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return result;
        }
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
                fail("expected a key in double quotes");
                return {};
            }
            std::string key;
            if (!parseString(key))
                return {};
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':') {
                fail("expected ':' after the key");
                return {};
            }
            ++m_pos;
            skipSpace();
            JsonValue value = parseValue(depth + 1);
            if (m_failed)
                return {};
            // Like JSON.parse: a repeated key keeps its first position and takes the last value.
            std::size_t existing = members.size();
            if (members.size() <= LinearLookupLimit) {
                for (std::size_t i = 0; i < members.size(); ++i) {
                    if (members[i].key == key) {
                        existing = i;
                        break;
                    }
                }
            } else {
                if (index.empty()) {
                    for (std::size_t i = 0; i < members.size(); ++i)
                        index.emplace(members[i].key, i);
                }
                auto it = index.find(key);
                if (it != index.end())
                    existing = it->second;
                else
                    index.emplace(key, members.size());
            }
            if (existing < members.size())
                members[existing].value = std::move(value);
            else
                members.push_back({std::move(key), std::move(value)});
            const Separator next = separator('}');
            if (next == Separator::More)
                continue;
            return next == Separator::End ? result : JsonValue();
        }
    }

    std::string_view m_text;
    JsonValue::ParseError *m_error;
    std::size_t m_pos = 0;
    bool m_failed = false;
};

} // namespace Cockpit
