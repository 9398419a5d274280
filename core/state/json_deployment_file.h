// SPDX-License-Identifier: MIT
#pragma once

#include "state/json_value.h"
#include "state/member_index.h"
#include "state/state_error.h"

#include <QString>
#include <QtGlobal>

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
// Threading: a value type.
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

    static std::optional<JsonDeploymentFile> parse(std::string_view bytes, const QString &path,
                                                   StateError *error);
    static JsonDeploymentFile create(const QString &path, const std::string &network, qint64 chainId);

    QString path() const { return m_path; }
    void setPath(const QString &path) { m_path = path; }
    std::string network() const { return std::string(m_root.stringMember("network")); }
    qint64 chainId() const;
    const JsonValue &root() const { return m_root; }
    // ISO date of lastDeployed (or timestamp) in ms since the epoch; 0 when absent.
    qint64 lastDeployedMs() const;

    std::vector<std::string> contractNames() const;
    int contractCount() const { return int(m_contractIndex.size()); }
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
    JsonValue *section(const char *name, bool create);
    const JsonValue::Member *sectionMember(const char *name, const MemberIndex &index,
                                           std::string_view key) const;
    std::size_t contractPosition(std::string_view name) const;
    void rebuildIndex();

    QString m_path;
    JsonValue m_root = JsonValue::object();
    bool m_trailingNewline = false;
    // Positions in contracts{} and implementationHashes{}: lookups by name for 100,000 records.
    MemberIndex m_contractIndex;
    MemberIndex m_hashIndex;
};

} // namespace Cockpit
