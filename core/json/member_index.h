// SPDX-License-Identifier: MIT
#pragma once

#include "json/json_value.h"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace Cockpit {

// A hash index of the keys of one JSON object's members: key -> position in the members vector.
//
// Why not std::unordered_map<std::string, std::size_t>: a deployment file has thousands of contracts, and
// allocating a map node plus a copy of the key per member dominates the cost of parsing it (see
// docs/performance.md). This table stores only positions (open addressing, linear probing) and compares
// against the members' own keys, so it allocates one array, stays valid when the owning JsonValue is copied
// or moved, and never holds a pointer into it. It must be told about every member added (add) and rebuilt
// after a removal.
//
// Threading: a value type; const lookups may run on several threads at once.
class MemberIndex
{
public:
    using Members = std::vector<JsonValue::Member>;
    static constexpr std::size_t npos = std::size_t(-1);

    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    void clear()
    {
        m_slots.clear();
        m_count = 0;
    }

    // Position of `key` in `members`, or npos.
    std::size_t find(std::string_view key, const Members &members) const { return find(key, members.data()); }
    std::size_t find(std::string_view key, const JsonValue::Member *members) const
    {
        return findKey(key, [members](std::size_t i) { return std::string_view(members[i].key); });
    }

    // Indexes members[position]; its key must not be in the index yet.
    void add(std::size_t position, const Members &members) { add(position, members.data()); }
    void add(std::size_t position, const JsonValue::Member *members)
    {
        addKey(position, [members](std::size_t i) { return std::string_view(members[i].key); });
    }

    // Indexes every member; a repeated key keeps its first position.
    void rebuild(const Members &members) { rebuild(members.data(), members.size()); }
    void rebuild(const JsonValue::Member *members, std::size_t count)
    {
        clear();
        std::size_t capacity = 16;
        while (capacity < count * 2)
            capacity *= 2;
        m_slots.assign(capacity, 0);
        const auto keyAt = [members](std::size_t i) {
            return std::string_view(members[i].key);
        };
        for (std::size_t i = 0; i < count; ++i) {
            if (findKey(members[i].key, keyAt) == npos) {
                place(i, keyAt);
                ++m_count;
            }
        }
    }

    // The same for keys that are not JsonValue members (JsonDeploymentFile's index of a file read without a
    // tree): `keyAt(position)` returns the key at a position.
    template<typename KeyAt>
    std::size_t findKey(std::string_view key, const KeyAt &keyAt) const
    {
        if (m_slots.empty())
            return npos;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
            const std::uint32_t slot = m_slots[i];
            if (slot == 0)
                return npos;
            if (keyAt(slot - 1) == key)
                return slot - 1;
        }
    }
    template<typename KeyAt>
    void addKey(std::size_t position, const KeyAt &keyAt)
    {
        // Keep the table at most half full so that probes stay short.
        if ((m_count + 1) * 2 > m_slots.size())
            grow(keyAt);
        place(position, keyAt);
        ++m_count;
    }

private:
    static std::size_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

    template<typename KeyAt>
    void place(std::size_t position, const KeyAt &keyAt)
    {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = hash(keyAt(position)) & mask;
        while (m_slots[i] != 0)
            i = (i + 1) & mask;
        m_slots[i] = std::uint32_t(position + 1);
    }

    template<typename KeyAt>
    void grow(const KeyAt &keyAt)
    {
        std::vector<std::uint32_t> old;
        old.swap(m_slots);
        m_slots.assign(old.empty() ? 16 : old.size() * 2, 0);
        for (std::uint32_t slot : old) {
            if (slot != 0)
                place(slot - 1, keyAt);
        }
    }

    std::vector<std::uint32_t> m_slots; // position + 1; 0 = free; the size is a power of two
    std::size_t m_count = 0;
};

} // namespace Cockpit
