// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace Cockpit {

// A lossless JSON document tree for deployment records.
//
// Why not nlohmann::json: it turns integers beyond 64 bits into doubles and sorts object keys, so a record
// rewritten through it would change digits and key order. Here a number keeps its literal token
// ("20000000000000000000000000" stays exactly that), object members keep their order, and unknown fields are
// kept untouched. serialize() writes the same bytes as JavaScript's JSON.stringify (compact, or with an
// indent of 2), so values written by the npm `level` package with valueEncoding "json" and the LookCoin
// deployment files survive a read/write cycle byte for byte. The benchmark compares this parser with
// nlohmann::json on the same data (docs/performance.md).
//
// Threading: a value type; distinct instances may be used from different threads, one instance is not
// synchronised.
class JsonValue
{
public:
    enum class Type
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };
    struct Member;

    struct ParseError
    {
        std::size_t offset = 0; // byte offset of the problem
        int line = 1;
        int column = 1;
        std::string message; // e.g. "expected ',' or '}'"
        bool isError() const { return !message.empty(); }
        std::string describe() const; // "line 3, column 7: expected ..."
    };

    JsonValue() = default;
    explicit JsonValue(bool value);
    static JsonValue string(std::string text);
    // `token` must be a JSON number literal; it is kept verbatim.
    static JsonValue number(std::string token);
    static JsonValue number(long long value);
    static JsonValue array();
    static JsonValue object();

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    bool boolValue() const { return m_bool; }
    // The string's UTF-8 text, or a number's literal token.
    const std::string &text() const { return m_text; }

    const std::vector<JsonValue> &elements() const { return m_elements; }
    void append(JsonValue value);

    const std::vector<Member> &members() const { return m_members; }
    std::vector<Member> &members() { return m_members; }
    const JsonValue *find(std::string_view key) const;
    JsonValue *find(std::string_view key);
    // Replaces the value in place when the key exists (its position is kept), appends it otherwise.
    void set(std::string_view key, JsonValue value);
    bool remove(std::string_view key);

    // Text of a string member, or empty when absent or not a string.
    std::string_view stringMember(std::string_view key) const;

    bool operator==(const JsonValue &other) const;

    static JsonValue parse(std::string_view text, ParseError *error);

    // Where one member of a top-level object sits in the source text (string values without their quotes).
    struct Span
    {
        std::uint32_t keyBegin = 0;
        std::uint32_t keyEnd = 0;
        std::uint32_t valueBegin = 0;
        std::uint32_t valueEnd = 0;
        Type type = Type::Null;
        bool escaped = false; // the key or a string value contains escapes: read it through parse()
    };
    // Validates `text` with the same rules as parse() without building a tree, and reports each member of a
    // top-level object. Lets ContractRecord read a few fields of 100,000 records without allocating trees.
    // Returns false (error set) when the text is not JSON; a non-object top level reports no members.
    static bool scan(std::string_view text, ParseError *error,
                     const std::function<void(const Span &)> &member);
    // The same, also reporting the members of objects nested in reported members, down to `levels` below the
    // top level, each with its level (0: top level) and after its value: an inner object's members come
    // before the member that holds it. Lets JsonDeploymentFile index contracts{Name:{proxy, implementation}}
    // of a 9,000-contract file without building a tree.
    static bool scanNested(std::string_view text, int levels, ParseError *error,
                           const std::function<void(int level, const Span &)> &member);

    enum class Style
    {
        Compact,
        Indented
    };
    // JSON.stringify(value) or JSON.stringify(value, null, 2).
    std::string serialize(Style style = Style::Compact) const;
    void serializeTo(std::string &out, Style style, int depth = 0) const;
    // Compact, with object keys sorted by code point: the form hashed for integrity checks.
    std::string canonical() const;

private:
    friend class JsonParser; // builds trees without per-member reallocation

    Type m_type = Type::Null;
    bool m_bool = false;
    std::string m_text;
    std::vector<JsonValue> m_elements;
    std::vector<Member> m_members;
};

struct JsonValue::Member
{
    std::string key;
    JsonValue value;
};

} // namespace Cockpit
