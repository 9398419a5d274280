// SPDX-License-Identifier: MIT
#pragma once

#include "state/state_error.h"
#include "json/json_value.h"
#include "json/member_index.h"

#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace Cockpit {

// One LookCoin deployment file, deployments/<network>.json:
// {network, chainId, deployer, timestamp, deploymentMode, protocolsDeployed, contracts{Name:{proxy,
// implementation}}, config, implementationHashes{Name: hash}, lastDeployed, protocolContracts{camelName:
// proxy}, infrastructureContracts{camelName: proxy}}. Only `contracts` and `implementationHashes` are
// modelled; every other member (and unknown members inside a contract entry) is kept as read, in its order,
// so a rewrite changes only the lines of the contracts that changed.
//
// Two forms. parse() indexes the file with the scanning reader (JsonValue::scanNested): it keeps the bytes
// and, per contract, where its name, proxy, implementation and hash sit in them, and builds no tree. That is
// all a diff or a read needs, and several times cheaper than a tree (docs/performance.md, "Deployment
// state"). The first change (setEntry, removeEntry) turns the file into a JsonValue tree,
// which keeps every member for the rewrite. A file the index cannot represent exactly (escapes in a
// modelled name or value, a repeated top-level member, a syntax error) is parsed as a tree at once, which
// also words the errors.
//
// Threading: a value type; const methods may run on several threads at once.
class JsonDeploymentFile
{
public:
    struct Entry
    {
        std::string proxy;
        std::string implementation;
        std::optional<std::string> implementationHash;
        bool operator==(const Entry &) const = default;
    };

    // A contract the file names only by its proxy address in protocolContracts/infrastructureContracts.
    struct Mention
    {
        std::string section; // "infrastructureContracts" or "protocolContracts"
        std::string name;    // camelCase name, e.g. "feeManager"
        std::string address;
    };

    static StateResult<JsonDeploymentFile> parse(std::string_view bytes, const QString &path);
    static JsonDeploymentFile create(const QString &path, const std::string &network, qint64 chainId);

    QString path() const { return m_path; }
    void setPath(const QString &path) { m_path = path; }
    std::string network() const;
    qint64 chainId() const;
    // ISO date of lastDeployed (or timestamp) in ms since the epoch; 0 when absent.
    qint64 lastDeployedMs() const;
    // True while the file is read from its bytes without a tree (see the class comment).
    bool isIndexed() const { return m_indexed; }

    std::vector<std::string> contractNames() const;
    int contractCount() const { return int(m_contractIndex.size()); }
    // The name at a position of contractNames(), without a copy.
    std::string_view contractName(std::size_t position) const;
    bool hasContract(std::string_view name) const { return contractPosition(name) != MemberIndex::npos; }
    std::optional<Entry> entry(const std::string &name) const;
    // The same without copies, for comparing 100,000 entries; views into this file.
    struct EntryView
    {
        std::string_view proxy;
        std::string_view implementation;
        std::optional<std::string_view> implementationHash;
        std::size_t position = 0; // index in contractNames()
    };
    std::optional<EntryView> entryView(std::string_view name) const;
    // Sets contracts[name] (other members of that entry kept) and implementationHashes[name] (removed when
    // the entry has no hash). Returns false when nothing changed.
    bool setEntry(const std::string &name, const Entry &entry);
    bool removeEntry(const std::string &name);
    std::vector<Mention> mentions() const;

    // JSON.stringify(file, null, 2), with the final newline kept as the file had it.
    std::string serialize() const;

private:
    // Where a string sits in m_bytes; {0, 0} is "absent" (no string of the file starts at offset 0).
    struct Slot
    {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
        bool present() const { return end != 0; }
    };
    struct IndexedContract
    {
        Slot name;
        Slot proxy;
        Slot implementation;
        Slot hash;
    };
    struct IndexedMember; // used while indexing (json_deployment_file.cpp)

    static std::optional<JsonDeploymentFile> index(std::string_view bytes, const QString &path);
    std::string_view text(Slot slot) const
    {
        return std::string_view(m_bytes).substr(slot.begin, slot.end - slot.begin);
    }
    // Builds the tree from the bytes (before a change) and drops the index.
    void ensureTree();
    JsonValue *section(const char *name, bool create);
    const JsonValue::Member *sectionMember(const char *name, const MemberIndex &index,
                                           std::string_view key) const;
    std::size_t contractPosition(std::string_view name) const;
    void rebuildIndex();

    QString m_path;
    bool m_trailingNewline = false;
    // Positions in contracts{} (m_indexedContracts when indexed) and implementationHashes{} (tree only):
    // lookups by name for 100,000 records.
    MemberIndex m_contractIndex;
    MemberIndex m_hashIndex;

    // The tree form.
    JsonValue m_root = JsonValue::object();

    // The indexed form (m_indexed): the file's bytes and what the reading methods need from them.
    bool m_indexed = false;
    std::string m_bytes;
    std::vector<IndexedContract> m_indexedContracts; // in the file's order; a repeated name once
    std::string m_network;
    qint64 m_chainId = 0;
    std::string m_lastDeployed; // lastDeployed, else timestamp
    std::vector<Mention> m_mentions;
};

} // namespace Cockpit
