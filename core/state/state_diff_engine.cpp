// SPDX-License-Identifier: MIT
#include "state/state_diff_engine.h"

#include "state/leveldb_state_backend.h"
#include "state/record_converter.h"
#include "state/record_validator.h"

#include <cmath>
#include <map>
#include <unordered_map>

namespace Cockpit {

namespace {

bool sameText(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return out;
}

struct ChainFiles
{
    const JsonDeploymentFile *file = nullptr;
    std::string network;
    std::unordered_map<std::string, std::string> mentionByAddress; // lower-case proxy -> "section.name"
    std::vector<char> seen; // by contract position: matched by a LevelDB record
};

} // namespace

QString diffStatusName(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Equal:
        return QStringLiteral("equal");
    case DiffStatus::OnlyInLeveldb:
        return QStringLiteral("only_in_leveldb");
    case DiffStatus::OnlyInJson:
        return QStringLiteral("only_in_json");
    case DiffStatus::Mismatch:
        return QStringLiteral("mismatch");
    }
    return QString();
}

double DiffSummary::dataHealthPercent() const
{
    if (checked == 0)
        return 100.0;
    return std::round(1000.0 * healthy / checked) / 10.0;
}

StateDiffResult StateDiffEngine::compute(ScanResult leveldb, const JsonStateBackend::FileSet &json,
                                         const QMap<qint64, QString> &networks)
{
    StateDiffResult result;
    result.errors = leveldb.errors + json.errors;

    std::map<qint64, ChainFiles> files;
    QSet<qint64> known;
    for (auto it = networks.begin(); it != networks.end(); ++it)
        known.insert(it.key());
    for (const auto &file : json.files) {
        ChainFiles &chain = files[file->chainId()];
        if (chain.file) {
            result.errors.append(
                StateError::make(StateErrorCode::ValidationFailed,
                                 QStringLiteral("a second file for chain %1 (first: %2); ignored")
                                     .arg(file->chainId())
                                     .arg(chain.file->path()),
                                 file->path()));
            continue;
        }
        chain.file = file.get();
        chain.network = file->network();
        result.files.push_back(file);
        known.insert(file->chainId());
        for (const JsonDeploymentFile::Mention &m : file->mentions())
            chain.mentionByAddress.emplace(lower(m.address), m.section + '.' + m.name);
    }
    const RecordValidator validator(known);
    std::map<qint64, ChainSummary> chains;
    auto chainSummary = [&](qint64 chainId) -> ChainSummary & {
        ChainSummary &c = chains[chainId];
        if (c.chainId == 0) {
            c.chainId = chainId;
            auto f = files.find(chainId);
            if (f != files.end() && f->second.file) {
                c.hasJsonFile = true;
                c.jsonFile = f->second.file->path();
                c.network = toQString(f->second.file->network());
            } else {
                c.network = networks.value(chainId);
            }
        }
        return c;
    };

    result.entries.reserve(leveldb.records.size());
    DiffSummary &s = result.summary;
    // Records arrive grouped by chain (LevelDB key order), so the per-chain lookups are cached.
    qint64 lastChain = -1;
    ChainSummary *c = nullptr;
    ChainFiles *chainFiles = nullptr;
    std::vector<std::string> networkNames; // of the current chain, as seen in LevelDB
    auto flushNetworkNames = [&] {
        if (!c)
            return;
        for (const std::string &n : networkNames) {
            const QString name = QString::fromStdString(n);
            if (!c->leveldbNetworkNames.contains(name))
                c->leveldbNetworkNames.append(name);
        }
        networkNames.clear();
    };
    for (ContractRecord &record : leveldb.records) {
        DiffEntry e;
        e.chainId = record.keyChainId();
        ContractRecord::splitKey(record.storageKey(), nullptr, &e.contractName);
        if (e.chainId != lastChain) {
            flushNetworkNames();
            lastChain = e.chainId;
            c = &chainSummary(e.chainId);
            auto f = files.find(e.chainId);
            chainFiles = f != files.end() && f->second.file ? &f->second : nullptr;
        }
        ++c->leveldbRecords;
        ++s.leveldbRecords;
        const std::string_view network = record.networkName();
        if (std::find(networkNames.begin(), networkNames.end(), network) == networkNames.end())
            networkNames.emplace_back(network);
        if (c->network.isEmpty())
            c->network = toQString(network);
        e.healthProblems = validator.problems(record, e.chainId);
        e.chainHasJsonFile = chainFiles != nullptr;
        std::optional<JsonDeploymentFile::EntryView> json;
        if (chainFiles) {
            e.jsonNetwork = c->network;
            const std::string &fileNetwork = chainFiles->network;
            e.networkNameDrift = network != fileNetwork;
            if (e.networkNameDrift)
                e.leveldbNetwork = toQString(network);
            json = chainFiles->file->entryView(e.contractName);
        }
        if (json) {
            e.jsonFile = chainFiles->file;
            if (chainFiles->seen.size() <= json->position)
                chainFiles->seen.resize(std::size_t(chainFiles->file->contractCount()), 0);
            chainFiles->seen[json->position] = 1;
            const std::string_view implementation = record.address();
            const std::string_view proxy = record.hasProxy() ? record.proxyAddress() : implementation;
            const bool hasHash = record.has(ContractRecord::Field::ImplementationHash);
            if (!sameText(implementation, json->implementation))
                e.fields.append(QStringLiteral("implementation"));
            if (!sameText(proxy, json->proxy))
                e.fields.append(QStringLiteral("proxy"));
            if (hasHash != json->implementationHash.has_value()
                || (hasHash && !sameText(record.implementationHash(), *json->implementationHash)))
                e.fields.append(QStringLiteral("implementationHash"));
            e.status = e.fields.isEmpty() ? DiffStatus::Equal : DiffStatus::Mismatch;
        } else {
            e.status = DiffStatus::OnlyInLeveldb;
            if (chainFiles && !chainFiles->mentionByAddress.empty()) {
                const std::string proxy = lower(record.hasProxy() ? record.proxyAddress() : record.address());
                auto m = chainFiles->mentionByAddress.find(proxy);
                if (m != chainFiles->mentionByAddress.end()) {
                    e.mentionedAs = QString::fromStdString(m->second);
                    ++s.mentionedByProxy;
                }
            }
        }
        e.leveldb = std::move(record);
        result.entries.push_back(std::move(e));
    }
    flushNetworkNames();

    // Contracts of the JSON files that LevelDB does not have.
    for (auto &[chainId, chainFiles] : files) {
        if (!chainFiles.file)
            continue;
        ChainSummary &chain = chainSummary(chainId);
        const std::vector<std::string> names = chainFiles.file->contractNames();
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string &name = names[i];
            ++chain.jsonRecords;
            ++s.jsonRecords;
            if (i < chainFiles.seen.size() && chainFiles.seen[i])
                continue;
            DiffEntry e;
            e.chainId = chainId;
            e.contractName = name;
            e.status = DiffStatus::OnlyInJson;
            e.jsonFile = chainFiles.file;
            e.jsonNetwork = chain.network;
            const ContractRecord converted = RecordConverter::fromJsonEntry(*chainFiles.file, name);
            e.healthProblems = validator.problems(converted, chainId);
            result.entries.push_back(std::move(e));
        }
    }

    // Sort by chain, then name. Entries are large, so sort positions and move each entry once.
    std::vector<std::uint32_t> order(result.entries.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = std::uint32_t(i);
    const auto &entries = result.entries;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const DiffEntry &x = entries[a];
        const DiffEntry &y = entries[b];
        return x.chainId != y.chainId ? x.chainId < y.chainId : x.contractName < y.contractName;
    });
    std::vector<DiffEntry> sorted;
    sorted.reserve(order.size());
    for (std::uint32_t i : order)
        sorted.push_back(std::move(result.entries[i]));
    result.entries.swap(sorted);
    for (const DiffEntry &e : result.entries) {
        ChainSummary &chain = chains[e.chainId];
        ++chain.checked;
        ++s.checked;
        if (e.healthProblems.isEmpty()) {
            ++chain.healthy;
            ++s.healthy;
        }
        if (e.networkNameDrift) {
            chain.networkNameDrift = true;
            ++s.networkNameDrifts;
        }
        switch (e.status) {
        case DiffStatus::Equal:
            ++chain.equal;
            ++s.equal;
            break;
        case DiffStatus::Mismatch:
            ++chain.mismatched;
            ++s.mismatched;
            break;
        case DiffStatus::OnlyInJson:
            ++chain.onlyInJson;
            ++s.onlyInJson;
            break;
        case DiffStatus::OnlyInLeveldb:
            ++chain.onlyInLeveldb;
            if (e.chainHasJsonFile)
                ++s.onlyInLeveldb;
            else
                ++s.onlyInLeveldbNoJsonFile;
            break;
        }
    }
    for (const auto &[chainId, c] : chains) {
        result.chains.append(c);
        if (!c.hasJsonFile)
            s.chainsWithoutJsonFile.append(chainId);
    }
    return result;
}

StateDiffResult StateDiffEngine::run(const QString &leveldbPath, const QString &jsonDir,
                                     const QMap<qint64, QString> &networks, bool snapshot)
{
    ScanResult leveldb;
    QStringList notes;
    std::unique_ptr<LevelDbStateBackend> backend;
    StateError error;
    if (!snapshot) {
        backend = std::make_unique<LevelDbStateBackend>(leveldbPath);
        if (!backend->open(&error)) {
            if (backend->isLocked()) {
                notes.append(
                    QStringLiteral("LevelDB is locked by another process: compared a snapshot copy"));
                snapshot = true;
            }
            backend.reset();
        }
    }
    if (snapshot)
        backend = LevelDbStateBackend::openSnapshot(leveldbPath, &error);
    if (backend)
        leveldb = backend->scanAll();
    else
        leveldb.errors.append(error);

    JsonStateBackend::Options options;
    options.networks = networks;
    options.readOnly = true;
    JsonStateBackend jsonBackend(jsonDir, options);
    JsonStateBackend::FileSet files;
    if (jsonBackend.open(&error))
        files = jsonBackend.loadFiles();
    else
        files.errors.append(error);
    StateDiffResult result = compute(std::move(leveldb), files, networks);
    result.notes += notes;
    return result;
}

} // namespace Cockpit
