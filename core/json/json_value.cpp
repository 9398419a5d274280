// SPDX-License-Identifier: MIT
#include "json/json_value.h"

#include "json/json_parser.h"

#include <algorithm>

namespace Cockpit {

namespace {

void writeString(std::string &out, const std::string &s)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t start = 0;
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const char *escape = nullptr;
        char buffer[8];
        if (c == '"') {
            escape = "\\\"";
        } else if (c == '\\') {
            escape = "\\\\";
        } else if (c < 0x20) {
            switch (c) {
            case '\b':
                escape = "\\b";
                break;
            case '\f':
                escape = "\\f";
                break;
            case '\n':
                escape = "\\n";
                break;
            case '\r':
                escape = "\\r";
                break;
            case '\t':
                escape = "\\t";
                break;
            default:
                buffer[0] = '\\';
                buffer[1] = 'u';
                buffer[2] = '0';
                buffer[3] = '0';
                buffer[4] = hex[c >> 4];
                buffer[5] = hex[c & 0xF];
                buffer[6] = 0;
                escape = buffer;
            }
        } else if (c == 0xED && i + 2 < n && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0) {
            // A lone surrogate kept from a \uD8xx escape: JSON.stringify writes it as an escape again.
            const unsigned cp = 0xD000 | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6)
                                | (static_cast<unsigned char>(s[i + 2]) & 0x3F);
            out.append(s, start, i - start);
            out += "\\u";
            out += hex[(cp >> 12) & 0xF];
            out += hex[(cp >> 8) & 0xF];
            out += hex[(cp >> 4) & 0xF];
            out += hex[cp & 0xF];
            i += 2;
            start = i + 1;
            continue;
        }
        if (escape) {
            out.append(s, start, i - start);
            out += escape;
            start = i + 1;
        }
    }
    out.append(s, start, n - start);
    out += '"';
}

void newline(std::string &out, int depth)
{
    out += '\n';
    out.append(std::size_t(depth) * 2, ' ');
}

} // namespace

std::string JsonValue::ParseError::describe() const
{
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}

JsonValue::JsonValue(bool value)
    : m_type(Type::Bool)
    , m_bool(value)
{}

JsonValue JsonValue::string(std::string text)
{
    JsonValue v;
    v.m_type = Type::String;
    v.m_text = std::move(text);
    return v;
}

JsonValue JsonValue::number(std::string token)
{
    JsonValue v;
    v.m_type = Type::Number;
    v.m_text = std::move(token);
    return v;
}

JsonValue JsonValue::number(long long value)
{
    return number(std::to_string(value));
}

JsonValue JsonValue::array()
{
    JsonValue v;
    v.m_type = Type::Array;
    return v;
}

JsonValue JsonValue::object()
{
    JsonValue v;
    v.m_type = Type::Object;
    return v;
}

void JsonValue::append(JsonValue value)
{
    m_elements.push_back(std::move(value));
}

const JsonValue *JsonValue::find(std::string_view key) const
{
    for (const Member &m : m_members) {
        if (m.key == key)
            return &m.value;
    }
    return nullptr;
}

JsonValue *JsonValue::find(std::string_view key)
{
    for (Member &m : m_members) {
        if (m.key == key)
            return &m.value;
    }
    return nullptr;
}

void JsonValue::set(std::string_view key, JsonValue value)
{
    if (JsonValue *existing = find(key)) {
        *existing = std::move(value);
        return;
    }
    m_members.push_back({std::string(key), std::move(value)});
}

bool JsonValue::remove(std::string_view key)
{
    auto it = std::find_if(m_members.begin(), m_members.end(), [&](const Member &m) { return m.key == key; });
    if (it == m_members.end())
        return false;
    m_members.erase(it);
    return true;
}

std::string_view JsonValue::stringMember(std::string_view key) const
{
    const JsonValue *v = find(key);
    return v && v->isString() ? std::string_view(v->m_text) : std::string_view();
}

bool JsonValue::operator==(const JsonValue &other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Null:
        return true;
    case Type::Bool:
        return m_bool == other.m_bool;
    case Type::Number:
    case Type::String:
        return m_text == other.m_text;
    case Type::Array:
        return m_elements == other.m_elements;
    case Type::Object:
        if (m_members.size() != other.m_members.size())
            return false;
        for (std::size_t i = 0; i < m_members.size(); ++i) {
            if (m_members[i].key != other.m_members[i].key
                || !(m_members[i].value == other.m_members[i].value))
                return false;
        }
        return true;
    }
    return false;
}

JsonValue JsonValue::parse(std::string_view text, ParseError *error)
{
    if (error)
        *error = ParseError{};
    JsonParser parser(text, error);
    return parser.run();
}

bool JsonValue::scan(std::string_view text, ParseError *error,
                     const std::function<void(const Span &)> &member)
{
    if (error)
        *error = ParseError{};
    if (text.size() >= 0xFFFFFFFFu) {
        if (error)
            error->message = "value too large";
        return false;
    }
    JsonParser parser(text, error);
    return parser.scanNested(0, [&member](int, const Span &span) { member(span); });
}

bool JsonValue::scanNested(std::string_view text, int levels, ParseError *error,
                           const std::function<void(int level, const Span &)> &member)
{
    if (error)
        *error = ParseError{};
    if (text.size() >= 0xFFFFFFFFu) {
        if (error)
            error->message = "text too large";
        return false;
    }
    JsonParser parser(text, error);
    return parser.scanNested(levels, member);
}

std::string JsonValue::serialize(Style style) const
{
    std::string out;
    out.reserve(256);
    serializeTo(out, style, 0);
    return out;
}

void JsonValue::serializeTo(std::string &out, Style style, int depth) const
{
    const bool indented = style == Style::Indented;
    switch (m_type) {
    case Type::Null:
        out += "null";
        return;
    case Type::Bool:
        out += m_bool ? "true" : "false";
        return;
    case Type::Number:
        out += m_text;
        return;
    case Type::String:
        writeString(out, m_text);
        return;
    case Type::Array:
        out += '[';
        for (std::size_t i = 0; i < m_elements.size(); ++i) {
            if (i)
                out += ',';
            if (indented)
                newline(out, depth + 1);
            m_elements[i].serializeTo(out, style, depth + 1);
        }
        if (indented && !m_elements.empty())
            newline(out, depth);
        out += ']';
        return;
    case Type::Object:
        out += '{';
        for (std::size_t i = 0; i < m_members.size(); ++i) {
            if (i)
                out += ',';
            if (indented)
                newline(out, depth + 1);
            writeString(out, m_members[i].key);
            out += indented ? ": " : ":";
            m_members[i].value.serializeTo(out, style, depth + 1);
        }
        if (indented && !m_members.empty())
            newline(out, depth);
        out += '}';
        return;
    }
}

std::string JsonValue::canonical() const
{
    if (m_type == Type::Array) {
        std::string out = "[";
        for (std::size_t i = 0; i < m_elements.size(); ++i) {
            if (i)
                out += ',';
            out += m_elements[i].canonical();
        }
        out += ']';
        return out;
    }
    if (m_type != Type::Object)
        return serialize();
    std::vector<const Member *> sorted;
    sorted.reserve(m_members.size());
    for (const Member &m : m_members)
        sorted.push_back(&m);
    std::sort(sorted.begin(), sorted.end(), [](const Member *a, const Member *b) { return a->key < b->key; });
    std::string out = "{";
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (i)
            out += ',';
        writeString(out, sorted[i]->key);
        out += ':';
        out += sorted[i]->value.canonical();
    }
    out += '}';
    return out;
}

} // namespace Cockpit
