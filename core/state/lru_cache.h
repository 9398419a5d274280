// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <list>
#include <unordered_map>
#include <utility>

namespace Cockpit {

// A least-recently-used map with a hit counter. Threading: not synchronised; the owner locks.
template<typename Key, typename Value>
class LruCache
{
public:
    explicit LruCache(std::size_t capacity)
        : m_capacity(capacity)
    {}

    // The cached value, or nullptr; a hit makes the entry the most recent one.
    Value *find(const Key &key)
    {
        auto it = m_index.find(key);
        if (it == m_index.end()) {
            ++m_misses;
            return nullptr;
        }
        ++m_hits;
        m_order.splice(m_order.begin(), m_order, it->second);
        return &it->second->second;
    }

    void insert(const Key &key, Value value)
    {
        if (m_capacity == 0)
            return;
        auto it = m_index.find(key);
        if (it != m_index.end()) {
            it->second->second = std::move(value);
            m_order.splice(m_order.begin(), m_order, it->second);
            return;
        }
        m_order.emplace_front(key, std::move(value));
        m_index.emplace(key, m_order.begin());
        if (m_order.size() > m_capacity) {
            m_index.erase(m_order.back().first);
            m_order.pop_back();
        }
    }

    void erase(const Key &key)
    {
        auto it = m_index.find(key);
        if (it == m_index.end())
            return;
        m_order.erase(it->second);
        m_index.erase(it);
    }

    void clear()
    {
        m_order.clear();
        m_index.clear();
    }

    std::size_t size() const { return m_order.size(); }
    std::size_t capacity() const { return m_capacity; }
    double hitRate() const
    {
        const auto total = m_hits + m_misses;
        return total ? double(m_hits) / double(total) : 0.0;
    }

private:
    std::size_t m_capacity;
    std::list<std::pair<Key, Value>> m_order;
    std::unordered_map<Key, typename std::list<std::pair<Key, Value>>::iterator> m_index;
    std::size_t m_hits = 0;
    std::size_t m_misses = 0;
};

} // namespace Cockpit
