// SPDX-License-Identifier: MIT
#include "state/contract_record.h"

#include <charconv>

namespace Cockpit {

namespace {

qint64 parseInteger(std::string_view text)
{
    qint64 value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        return 0;
    return value;
}

} // namespace

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

ContractRecord::ContractRecord(JsonValue json)
    : m_json(std::make_unique<JsonValue>(std::move(json)))
{}

ContractRecord::ContractRecord(const ContractRecord &other)
    : m_isRaw(other.m_isRaw)
    , m_present(other.m_present)
    , m_spans(other.m_spans)
    , m_raw(other.m_raw)
    , m_json(other.m_json ? std::make_unique<JsonValue>(*other.m_json) : nullptr)
    , m_storageKey(other.m_storageKey)
{}

ContractRecord &ContractRecord::operator=(const ContractRecord &other)
{
    if (this != &other)
        *this = ContractRecord(other);
    return *this;
}

ContractRecord::~ContractRecord() = default;

namespace {

constexpr std::string_view FieldNames[] = {
    "contractName",       "chainId",      "networkName", "address", "factoryByteCodeHash",
    "implementationHash", "proxyAddress", "timestamp"};

// The field a member key names, or Field::Count. Compares the length first: this runs for every member of
// 100,000 records, and most keys differ in length from most names.
// Whether a member of this type is the field: the chain and the time may be numbers or decimal strings,
// every other field is a string. Both forms of a record (raw bytes, tree) judge by this one rule.
bool holdsField(ContractRecord::Field f, JsonValue::Type type)
{
    if (f == ContractRecord::Field::ChainId || f == ContractRecord::Field::Timestamp)
        return type == JsonValue::Type::Number || type == JsonValue::Type::String;
    return type == JsonValue::Type::String;
}

std::size_t fieldOf(std::string_view key)
{
    for (std::size_t f = 0; f < std::size(FieldNames); ++f) {
        if (key.size() == FieldNames[f].size() && key == FieldNames[f])
            return f;
    }
    return std::size(FieldNames);
}

} // namespace

const char *ContractRecord::fieldName(Field f)
{
    static_assert(std::size(FieldNames) == std::size_t(Field::Count));
    return FieldNames[std::size_t(f)].data();
}

std::optional<ContractRecord> ContractRecord::fromBytes(std::string_view bytes, std::string *error)
{
    return fromOwnedBytes(std::string(bytes), error);
}

std::optional<ContractRecord> ContractRecord::fromOwnedBytes(std::string &&owned, std::string *error)
{
    const std::string_view bytes(owned);
    JsonValue::ParseError parseError;
    ContractRecord record;
    bool escaped = false;
    std::array<Span, std::size_t(Field::Count)> spans{};
    std::uint8_t present = 0;
    const bool ok = JsonValue::scan(bytes, &parseError, [&](const JsonValue::Span &span) {
        const std::string_view key = bytes.substr(span.keyBegin, span.keyEnd - span.keyBegin);
        if (span.escaped && key.find('\\') != std::string_view::npos) {
            // "contract\u004eame" is contractName to JSON.parse: only the tree decodes such a key.
            escaped = true;
            return;
        }
        const std::size_t f = fieldOf(key);
        if (f == std::size_t(Field::Count))
            return;
        const bool wanted = holdsField(Field(f), span.type);
        // A repeated member takes the last value, as JSON.parse does.
        spans[f] = wanted ? Span{span.valueBegin, span.valueEnd} : Span{};
        present = wanted ? std::uint8_t(present | (1u << f)) : std::uint8_t(present & ~(1u << f));
        escaped |= span.escaped && wanted;
    });
    if (!ok) {
        if (error)
            *error = "value is not JSON: " + parseError.describe();
        return std::nullopt;
    }
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || bytes[first] != '{') {
        if (error)
            *error = "value is JSON but not an object";
        return std::nullopt;
    }
    if (escaped) {
        // Rare: a known field needs unescaping, so read this record through a tree.
        record.m_json = std::make_unique<JsonValue>(JsonValue::parse(bytes, nullptr));
        return record;
    }
    record.m_isRaw = true;
    record.m_raw = std::move(owned);
    record.m_spans = spans;
    record.m_present = present;
    return record;
}

std::string_view ContractRecord::field(Field f) const
{
    if (!m_isRaw) {
        const JsonValue *v = m_json ? m_json->find(fieldName(f)) : nullptr;
        return v && holdsField(f, v->type()) ? std::string_view(v->text()) : std::string_view();
    }
    const Span &s = m_spans[std::size_t(f)];
    return m_present & (1u << unsigned(f)) ? std::string_view(m_raw).substr(s.begin, s.end - s.begin)
                                           : std::string_view();
}

bool ContractRecord::has(Field f) const
{
    if (!m_isRaw) {
        const JsonValue *v = m_json ? m_json->find(fieldName(f)) : nullptr;
        return v && holdsField(f, v->type());
    }
    return (m_present & (1u << unsigned(f))) != 0;
}

JsonValue ContractRecord::json() const
{
    if (m_isRaw)
        return JsonValue::parse(m_raw, nullptr);
    return m_json ? *m_json : JsonValue::object();
}

JsonValue &ContractRecord::mutableJson()
{
    if (m_isRaw) {
        m_json = std::make_unique<JsonValue>(JsonValue::parse(m_raw, nullptr));
        m_isRaw = false;
        m_present = 0;
        m_raw.clear();
    } else if (!m_json) {
        m_json = std::make_unique<JsonValue>(JsonValue::object());
    }
    return *m_json;
}

qint64 ContractRecord::chainId() const
{
    return parseInteger(field(Field::ChainId));
}

qint64 ContractRecord::keyChainId() const
{
    if (m_storageKey.empty())
        return chainId();
    qint64 id = 0;
    return splitKey(m_storageKey, &id, nullptr) ? id : 0;
}

qint64 ContractRecord::timestampMs() const
{
    return parseInteger(field(Field::Timestamp));
}

void ContractRecord::setString(std::string_view field, std::string_view value)
{
    mutableJson().set(field, JsonValue::string(std::string(value)));
}

void ContractRecord::setNumber(std::string_view field, qint64 value)
{
    mutableJson().set(field, JsonValue::number(static_cast<long long>(value)));
}

std::string ContractRecord::makeKey(qint64 chainId, std::string_view contractName)
{
    std::string key = std::to_string(chainId);
    key += '-';
    key += contractName;
    return key;
}

bool ContractRecord::splitKey(std::string_view key, qint64 *chainId, std::string *contractName)
{
    const std::size_t dash = key.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 >= key.size())
        return false;
    const qint64 id = parseInteger(key.substr(0, dash));
    if (id <= 0)
        return false;
    if (chainId)
        *chainId = id;
    if (contractName)
        *contractName = std::string(key.substr(dash + 1));
    return true;
}

} // namespace Cockpit
