// SPDX-License-Identifier: MIT
#pragma once

#include "json/json_value.h"

#include <QString>
#include <QtGlobal>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace Cockpit {

// One deployment record as the LookCoin deploy scripts store it in LevelDB (their `ContractType`):
// contractName, chainId, networkName, address, factoryByteCodeHash, implementationHash?, proxyAddress?,
// deploymentArgs?, timestamp.
//
// A record read from a store keeps its exact bytes plus the position of the known fields, and serialize()
// returns those bytes: fields this class does not know, BigInt decimal strings and integers beyond 64 bits
// come back out unchanged and in their original order, and reading 100,000 records costs no JSON trees (see
// the benchmark). The first change (setString, mutableJson, ...) turns it into a JsonValue tree, which keeps
// member order and number literals too.
//
// Threading: a value type; do not share one instance between threads while one of them changes it.
class ContractRecord
{
public:
    enum class Field
    {
        ContractName,
        ChainId,
        NetworkName,
        Address,
        FactoryByteCodeHash,
        ImplementationHash,
        ProxyAddress,
        Timestamp,
        Count
    };

    ContractRecord() = default;
    explicit ContractRecord(JsonValue json);
    ContractRecord(const ContractRecord &other);
    ContractRecord &operator=(const ContractRecord &other);
    ContractRecord(ContractRecord &&) noexcept = default;
    ContractRecord &operator=(ContractRecord &&) noexcept = default;
    ~ContractRecord();

    // Parses a LevelDB value. Returns nullopt and sets `error` when it is not a JSON object.
    static std::optional<ContractRecord> fromBytes(std::string_view bytes, std::string *error);
    // The same, taking over the bytes (no copy): the LevelDB scan hands over the value it copied out.
    static std::optional<ContractRecord> fromOwnedBytes(std::string &&bytes, std::string *error);

    // The record as a tree (parsed on demand when the record holds raw bytes).
    JsonValue json() const;
    JsonValue &mutableJson();

    std::string_view contractName() const { return field(Field::ContractName); }
    // The chainId member (a JSON number, or a decimal string); 0 when missing or not an integer.
    qint64 chainId() const;
    std::string_view networkName() const { return field(Field::NetworkName); }
    std::string_view address() const { return field(Field::Address); }
    std::string_view proxyAddress() const { return field(Field::ProxyAddress); }
    std::string_view implementationHash() const { return field(Field::ImplementationHash); }
    std::string_view factoryByteCodeHash() const { return field(Field::FactoryByteCodeHash); }
    bool has(Field f) const;
    bool hasProxy() const { return !proxyAddress().empty(); }
    // Milliseconds since the epoch; 0 when missing.
    qint64 timestampMs() const;

    void setString(std::string_view field, std::string_view value);
    void setNumber(std::string_view field, qint64 value);
    void remove(std::string_view field) { mutableJson().remove(field); }

    // "${chainId}-${contractName}", the LevelDB key of the npm deploy scripts.
    std::string key() const { return makeKey(chainId(), contractName()); }
    // The key the record was stored under (LevelDB), or key() when it was not read from a store. The chain
    // of the stored key wins over the chainId member when they disagree (that is a data-health finding).
    std::string storageKey() const { return m_storageKey.empty() ? key() : m_storageKey; }
    void setStorageKey(std::string key) { m_storageKey = std::move(key); }
    // The key the record was read under; empty when it was not read from a store.
    const std::string &storedKey() const { return m_storageKey; }
    qint64 keyChainId() const;
    static std::string makeKey(qint64 chainId, std::string_view contractName);
    // Splits a key at the FIRST '-': contract names may contain '-', '/', '.' and ':'.
    static bool splitKey(std::string_view key, qint64 *chainId, std::string *contractName);

    // JSON.stringify(record): the exact bytes the npm `level` package stores (the bytes read, when
    // unchanged).
    std::string serialize() const
    {
        return m_isRaw ? m_raw : m_json ? m_json->serialize() : std::string("{}");
    }

    bool operator==(const ContractRecord &other) const { return serialize() == other.serialize(); }

private:
    struct Span
    {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
    };

    std::string_view field(Field f) const;
    static const char *fieldName(Field f);

    // Small on purpose (about 150 bytes): a diff moves 100,000 of these from the scan into its entries, and
    // the fresh pages they fill were a visible share of its time (docs/performance.md). The tree form is
    // rare (a changed record, or a known field with escapes), so it lives on the heap, null when unused.
    bool m_isRaw = false;
    std::uint8_t m_present = 0; // bit f: m_spans[f] holds field f (raw form)
    std::array<Span, std::size_t(Field::Count)> m_spans{};
    std::string m_raw;
    std::unique_ptr<JsonValue> m_json; // the tree form; null means an empty object
    std::string m_storageKey;
};

QString toQString(std::string_view text);

} // namespace Cockpit
