// SPDX-License-Identifier: MIT
#pragma once

#include "json/json_text.h"
#include "json/json_value.h"
#include "json/member_index.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <string_view>

namespace Cockpit {

// The JSON reader behind JsonValue::parse (builds a tree) and JsonValue::scan/scanNested (validate and report
// members without building anything). Kept apart from JsonValue so that each file has one job; include it
// only from json_value.cpp. Threading: one instance per text, on one thread.
class JsonParser
{
    static constexpr int MaxDepth = 512;
    // Objects with more members get a hash index while parsing: duplicate detection stays linear.
    static constexpr std::size_t LinearLookupLimit = 24;

public:
    JsonParser(std::string_view text, JsonValue::ParseError *error)
        : m_text(text)
        , m_error(error)
    {}

    JsonValue run()
    {
        if (!checkUtf8())
            return {};
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

    // Validation without building values. Reports each member of a top-level object and of the objects
    // nested directly in reported members, down to `levels` below the top level (0: top level only), with
    // its level, after its value: an inner object's members come before the member holding it. Members in
    // arrays are not reported. A template so that the per-member call of the record scan is inlined.
    template<typename Callback>
    bool scanNested(int levels, Callback &&member)
    {
        if (!checkUtf8())
            return false;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '{') {
            if (!scanObject(0, levels, member))
                return false;
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
    // A text that is not UTF-8 is refused before anything is read from it (a rewrite would change it).
    bool checkUtf8()
    {
        const std::size_t bad = std::size_t(
            JsonText::firstInvalidUtf8(m_text.data(), m_text.data() + m_text.size()) - m_text.data());
        if (bad < m_text.size()) {
            m_pos = bad;
            fail("invalid UTF-8");
        }
        return bad == m_text.size();
    }

    // At the '{' of an object at nesting `depth`; validates it and reports its members (see scanNested).
    template<typename Callback>
    bool scanObject(int depth, int levels, Callback &member)
    {
        if (depth > MaxDepth) {
            fail("nesting too deep");
            return false;
        }
        ++m_pos;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return true;
        }
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
                const bool ok = span.type == JsonValue::Type::Object && depth < levels
                                    ? scanObject(depth + 1, levels, member)
                                    : skipValue(depth + 1);
                if (!ok)
                    return false;
                span.valueBegin = std::uint32_t(start);
                span.valueEnd = std::uint32_t(m_pos);
            }
            span.escaped = escaped;
            member(depth, span);
            const Separator next = separator('}');
            if (next == Separator::More)
                continue;
            return next == Separator::End;
        }
    }

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
        m_pos = std::size_t(JsonText::skipPlain(m_text.data() + m_pos, m_text.data() + m_text.size())
                            - m_text.data());
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
                    if (!unicodeEscape(&cp))
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

    // After "\u": four hex digits, a high and an escaped low surrogate as one code point; the code point in
    // *cp. The scan and the parse accept exactly the same escapes.
    bool unicodeEscape(unsigned *cp)
    {
        if (!parseHex4(*cp))
            return false;
        if (*cp >= 0xD800 && *cp <= 0xDBFF && m_pos + 6 <= m_text.size() && m_text[m_pos] == '\\'
            && m_text[m_pos + 1] == 'u') {
            const std::size_t save = m_pos;
            m_pos += 2;
            unsigned low = 0;
            if (!parseHex4(low))
                return false;
            if (low >= 0xDC00 && low <= 0xDFFF) {
                *cp = 0x10000 + ((*cp - 0xD800) << 10) + (low - 0xDC00);
                return true;
            }
            m_pos = save;
        }
        return true; // a lone surrogate is kept as it was written (the writer escapes it again)
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
        if (c == '{') {
            // The member loop of the scan, reporting nothing.
            auto none = [](int, const JsonValue::Span &) {
            };
            return scanObject(depth, -1, none);
        }
        if (c == '[') {
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            while (true) {
                skipSpace();
                if (!skipValue(depth + 1))
                    return false;
                const Separator next = separator(']');
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
        return skipNumber();
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

    // Validates a number literal and moves past it; no allocation (callers only need where it ends).
    bool skipNumber()
    {
        const char *message = nullptr;
        const char *end =
            JsonText::skipNumber(m_text.data() + m_pos, m_text.data() + m_text.size(), &message);
        m_pos = std::size_t(end - m_text.data());
        if (message) {
            fail(message);
            return false;
        }
        return true;
    }

    JsonValue parseNumber()
    {
        const std::size_t start = m_pos;
        if (!skipNumber())
            return {};
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
            static constexpr std::string_view escapes = "\"\\/bfnrt", decoded = "\"\\/\b\f\n\r\t";
            if (const std::size_t i = escapes.find(e); i != std::string_view::npos) {
                out += decoded[i];
                continue;
            }
            if (e != 'u') {
                --m_pos;
                fail("invalid escape in a string");
                return false;
            }
            unsigned cp = 0;
            if (!unicodeEscape(&cp))
                return false;
            JsonText::appendUtf8(out, cp);
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

    // Children are collected on one stack per parser (elements, members), innermost on top, and moved into
    // their parent once it is complete, with the exact capacity: growing every object's vector one member
    // at a time was most of the cost of parsing a large deployment file (docs/performance.md).
    template<typename Stack>
    struct StackMark
    {
        Stack &stack;
        std::size_t start;
        ~StackMark() { stack.resize(start); }
    };

    JsonValue parseArray(int depth)
    {
        ++m_pos;
        JsonValue result = JsonValue::array();
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return result;
        }
        const StackMark<std::vector<JsonValue>> mark{m_elementStack, m_elementStack.size()};
        while (true) {
            skipSpace();
            JsonValue element = parseValue(depth + 1);
            if (m_failed)
                return {};
            m_elementStack.push_back(std::move(element));
            const Separator next = separator(']');
            if (next == Separator::More)
                continue;
            if (next != Separator::End)
                return {};
            result.m_elements.reserve(m_elementStack.size() - mark.start);
            std::move(m_elementStack.begin() + std::ptrdiff_t(mark.start), m_elementStack.end(),
                      std::back_inserter(result.m_elements));
            return result;
        }
    }

    JsonValue parseObject(int depth)
    {
        ++m_pos;
        JsonValue result = JsonValue::object();
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return result;
        }
        const StackMark<std::vector<JsonValue::Member>> mark{m_memberStack, m_memberStack.size()};
        MemberIndex index;
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
            // Like JSON.parse: a repeated key keeps its first position and takes the last value. Positions
            // are relative to this object's first member on the stack (the stack may move while a child
            // is parsed).
            const JsonValue::Member *members = m_memberStack.data() + mark.start;
            const std::size_t count = m_memberStack.size() - mark.start;
            std::size_t existing = count;
            if (count <= LinearLookupLimit) {
                for (std::size_t i = 0; i < count; ++i) {
                    if (members[i].key == key) {
                        existing = i;
                        break;
                    }
                }
            } else {
                if (index.empty())
                    index.rebuild(members, count);
                if (const std::size_t found = index.find(key, members); found != MemberIndex::npos)
                    existing = found;
            }
            if (existing < count) {
                m_memberStack[mark.start + existing].value = std::move(value);
            } else {
                m_memberStack.push_back({std::move(key), std::move(value)});
                if (!index.empty())
                    index.add(count, m_memberStack.data() + mark.start);
            }
            const Separator next = separator('}');
            if (next == Separator::More)
                continue;
            if (next != Separator::End)
                return {};
            auto &out = result.m_members;
            out.reserve(m_memberStack.size() - mark.start);
            std::move(m_memberStack.begin() + std::ptrdiff_t(mark.start), m_memberStack.end(),
                      std::back_inserter(out));
            return result;
        }
    }

    // One pair of stacks per thread, reused by every parse on it: fresh stacks for each LevelDB value would
    // cost more than its parse. They keep their largest capacity. Safe because a parse never calls out.
    static std::vector<JsonValue> &threadElementStack()
    {
        thread_local std::vector<JsonValue> stack;
        return stack;
    }
    static std::vector<JsonValue::Member> &threadMemberStack()
    {
        thread_local std::vector<JsonValue::Member> stack;
        return stack;
    }

    std::vector<JsonValue> &m_elementStack = threadElementStack();
    std::vector<JsonValue::Member> &m_memberStack = threadMemberStack();
    std::string_view m_text;
    JsonValue::ParseError *m_error;
    std::size_t m_pos = 0;
    bool m_failed = false;
};

} // namespace Cockpit
