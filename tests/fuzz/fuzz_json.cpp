// SPDX-License-Identifier: MIT
// The deployment-state JSON reader and writer: never crashes; scan() and parse() agree on what is JSON;
// a parsed value survives serialize() and a second parse unchanged; and what it reads agrees event for
// event with nlohmann's SAX parser, which hands a number's literal text through for big numbers.
#include "json/json_value.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

using Cockpit::JsonValue;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort(); // libFuzzer saves the input that got here
}

// One event per value, key and container boundary, the same words for both parsers.
void events(const JsonValue &v, std::vector<std::string> &out)
{
    switch (v.type()) {
    case JsonValue::Type::Null:
        out.emplace_back("null");
        break;
    case JsonValue::Type::Bool:
        out.emplace_back(v.boolValue() ? "true" : "false");
        break;
    case JsonValue::Type::Number:
        out.push_back("n:" + v.text());
        break;
    case JsonValue::Type::String:
        out.push_back("s:" + v.text());
        break;
    case JsonValue::Type::Array:
        out.emplace_back("[");
        for (const JsonValue &e : v.elements())
            events(e, out);
        out.emplace_back("]");
        break;
    case JsonValue::Type::Object:
        out.emplace_back("{");
        for (const JsonValue::Member &m : v.members()) {
            out.push_back("k:" + m.key);
            events(m.value, out);
        }
        out.emplace_back("}");
        break;
    }
}

class Sax : public nlohmann::json_sax<nlohmann::json>
{
public:
    std::vector<std::string> out;
    // Where the two readers differ on purpose, as JavaScript's JSON.parse (the deploy scripts' reader):
    bool overflow = false;  // a number beyond a double: nlohmann refuses, the lossless reader keeps its text
    bool surrogate = false; // a lone \uD800 escape: nlohmann refuses, JSON.parse keeps it
    bool duplicate = false; // a key twice in one object: nlohmann reports both, JSON.parse keeps one

    bool null() override { return push("null"); }
    bool boolean(bool v) override { return push(v ? "true" : "false"); }
    bool number_integer(number_integer_t v) override { return push("n:" + std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return push("n:" + std::to_string(v)); }
    bool number_float(number_float_t, const string_t &s) override { return push("n:" + s); }
    bool string(string_t &v) override { return push("s:" + v); }
    bool binary(binary_t &) override { return false; }
    bool start_object(std::size_t) override
    {
        keys.emplace_back();
        return push("{");
    }
    bool key(string_t &v) override
    {
        duplicate = duplicate || !keys.back().insert(v).second;
        return push("k:" + v);
    }
    bool end_object() override
    {
        keys.pop_back();
        return push("}");
    }
    bool start_array(std::size_t) override { return push("["); }
    bool end_array() override { return push("]"); }
    bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &e) override
    {
        overflow = e.id == 406;
        surrogate = std::string_view(e.what()).find("surrogate") != std::string_view::npos;
        return false;
    }

private:
    std::vector<std::set<std::string>> keys; // of each open object
    bool push(std::string s)
    {
        out.push_back(std::move(s));
        return true;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    JsonValue::ParseError parseError;
    const JsonValue value = JsonValue::parse(text, &parseError);
    JsonValue::ParseError scanError;
    const bool scanned = JsonValue::scan(text, &scanError, [](const JsonValue::Span &) {});
    check(scanned == !parseError.isError());
    if (parseError.isError())
        check(parseError.offset <= size);

    Sax sax;
    const bool accepted = nlohmann::json::sax_parse(text.begin(), text.end(), &sax);
    if (!parseError.isError()) {
        // Integers nlohmann reads as numbers print back without "-0", a leading '+' never parses.
        std::vector<std::string> ours;
        events(value, ours);
        if (accepted && !sax.duplicate) {
            check(ours.size() == sax.out.size());
            for (std::size_t i = 0; i < ours.size(); ++i)
                check(ours[i] == sax.out[i] || (ours[i] == "n:-0" && sax.out[i] == "n:0"));
        } else if (!accepted) {
            check(sax.overflow || sax.surrogate);
        }
        // Writer round trip: the same value, and a fixed point from the first serialization on.
        for (const JsonValue::Style style : {JsonValue::Style::Compact, JsonValue::Style::Indented}) {
            const std::string written = value.serialize(style);
            JsonValue::ParseError again;
            const JsonValue reread = JsonValue::parse(written, &again);
            check(!again.isError());
            check(reread == value);
            check(reread.serialize(style) == written);
        }
    } else if (accepted) {
        // Only what the lossless reader refuses on purpose may be accepted by nlohmann: nesting beyond its
        // limit, and a byte order mark, which JSON.parse refuses too.
        check(parseError.message.find("nesting too deep") != std::string::npos
              || text.substr(0, 3) == "\xEF\xBB\xBF"
              // nlohmann also stops reading at a NUL byte, as at the end of the input.
              || text.find('\0') != std::string_view::npos);
    }
    return 0;
}
