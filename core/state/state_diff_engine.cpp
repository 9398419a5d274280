// SPDX-License-Identifier: MIT
#include "state/state_diff_engine.h"

#include "state/leveldb_state_backend.h"
#include "state/record_converter.h"
#include "state/record_validator.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <map>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace Cockpit {

namespace {

// Addresses and hashes compared without case. Both stores usually write the same case, so an exact memcmp
// settles most comparisons; the per-character loop runs only when the bytes differ.
bool sameText(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    if (a == b)
        return true;
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

constexpr std::uint32_t NoPosition = 0xFFFFFFFFu;
// Below this many records a second thread costs more than it saves.
constexpr std::size_t ParallelCheckMinimum = 4096;

// The per-record part of the comparison; reads only shared state, so it runs on several threads. Fills
// `e` (taking over the record) and returns the position of the record's JSON entry, or NoPosition.
std::uint32_t checkRecord(ContractRecord &record, const std::map<qint64, ChainFiles> &files,
                          const RecordValidator &validator, DiffEntry &e)
{
    e.chainId = record.keyChainId();
    if (record.storedKey().empty())
        ContractRecord::splitKey(record.key(), nullptr, &e.contractName);
    else
        ContractRecord::splitKey(record.storedKey(), nullptr, &e.contractName);
    const auto f = files.find(e.chainId);
    const ChainFiles *chainFiles = f != files.end() && f->second.file ? &f->second : nullptr;
    e.healthProblems = validator.problems(record, e.chainId);
    e.chainHasJsonFile = chainFiles != nullptr;
    std::uint32_t position = NoPosition;
    std::optional<JsonDeploymentFile::EntryView> json;
    if (chainFiles) {
        const std::string_view network = record.networkName();
        e.networkNameDrift = network != chainFiles->network;
        if (e.networkNameDrift)
            e.leveldbNetwork = toQString(network);
        json = chainFiles->file->entryView(e.contractName);
    }
    if (json) {
        e.jsonFile = chainFiles->file;
        position = std::uint32_t(json->position);
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
            if (m != chainFiles->mentionByAddress.end())
                e.mentionedAs = QString::fromStdString(m->second);
        }
    }
    e.leveldb = std::move(record);
    return position;
}

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

    // Each LevelDB record is checked on its own (key split, health rules, the JSON entry looked up and
    // compared): that is most of the comparison's time, mostly cache misses into the records and the JSON
    // files, so the records are split between two threads. Each thread constructs its own entries (a large
    // deploy project's entries are tens of megabytes of fresh pages: constructing them all here first, then
    // filling them, would fault every page in on one thread and then touch it a second time); the second
    // half is moved in after. The per-chain bookkeeping afterwards is one cheap pass here.
    const std::size_t recordCount = leveldb.records.size();
    std::size_t jsonContracts = 0;
    for (const auto &[chainId, chain] : files)
        jsonContracts += chain.file ? std::size_t(chain.file->contractCount()) : 0;
    // Room for the JSON-only entries too: growing the vector later would move every entry.
    result.entries.reserve(recordCount + jsonContracts);
    std::vector<std::uint32_t> jsonPosition(recordCount, NoPosition);
    // 1 where a record's networkName may differ from the previous record's: the pass below reads the
    // (by then cold) record only there.
    std::vector<std::uint8_t> newNetwork(recordCount, 0);
    auto checkRecords = [&](std::size_t from, std::size_t to, std::vector<DiffEntry> &out) {
        std::string_view previous;
        for (std::size_t i = from; i < to; ++i) {
            DiffEntry &e = out.emplace_back();
            jsonPosition[i] = checkRecord(leveldb.records[i], files, validator, e);
            // `out` never reallocates (reserved), so the view into the entry's record stays valid.
            const std::string_view network = e.leveldb->networkName();
            newNetwork[i] = i == from || network != previous;
            previous = network;
        }
    };
    std::vector<DiffEntry> secondHalf;
    std::thread second;
    if (recordCount >= ParallelCheckMinimum && std::thread::hardware_concurrency() > 1) {
        try {
            secondHalf.reserve(recordCount - recordCount / 2);
            second = std::thread(checkRecords, recordCount / 2, recordCount, std::ref(secondHalf));
        } catch (const std::system_error &) {
            // No thread to be had: check every record here.
        }
    }
    checkRecords(0, second.joinable() ? recordCount / 2 : recordCount, result.entries);
    if (second.joinable()) {
        second.join();
        std::move(secondHalf.begin(), secondHalf.end(), std::back_inserter(result.entries));
        secondHalf = {};
    }

    DiffSummary &s = result.summary;
    // The per-status and health counts; order does not matter, so each entry is counted where it is
    // handled anyway instead of in one more pass over all the entries.
    auto count = [&s](const DiffEntry &e, ChainSummary &chain) {
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
    };
    // LevelDB's per-chain runs (chain, first position) and whether each run is sorted by name, for the sort
    // below; found in this pass, which touches every entry anyway.
    std::vector<std::pair<qint64, std::size_t>> runs;
    bool runsSorted = true;
    // Records arrive grouped by chain (LevelDB key order), so the per-chain lookups are cached.
    qint64 lastChain = -1;
    ChainSummary *c = nullptr;
    ChainFiles *chainFiles = nullptr;
    std::vector<std::string_view> networkNames; // of the current chain, as seen in LevelDB
    auto flushNetworkNames = [&] {
        if (!c)
            return;
        for (const std::string_view n : networkNames) {
            const QString name = toQString(n);
            if (!c->leveldbNetworkNames.contains(name))
                c->leveldbNetworkNames.append(name);
        }
        networkNames.clear();
    };
    for (std::size_t i = 0; i < recordCount; ++i) {
        DiffEntry &e = result.entries[i];
        bool readNetwork = newNetwork[i];
        if (i == 0 || e.chainId != lastChain) {
            flushNetworkNames();
            lastChain = e.chainId;
            c = &chainSummary(e.chainId);
            auto f = files.find(e.chainId);
            chainFiles = f != files.end() && f->second.file ? &f->second : nullptr;
            readNetwork = true;
            runs.emplace_back(e.chainId, i);
        } else if (e.contractName < result.entries[i - 1].contractName) {
            runsSorted = false;
        }
        ++c->leveldbRecords;
        ++s.leveldbRecords;
        if (readNetwork || c->network.isEmpty()) {
            const std::string_view network = e.leveldb->networkName();
            if (std::find(networkNames.begin(), networkNames.end(), network) == networkNames.end())
                networkNames.push_back(network);
            if (c->network.isEmpty())
                c->network = toQString(network);
        }
        if (chainFiles)
            e.jsonNetwork = c->network;
        if (jsonPosition[i] != NoPosition) {
            if (chainFiles->seen.size() <= jsonPosition[i])
                chainFiles->seen.resize(std::size_t(chainFiles->file->contractCount()), 0);
            chainFiles->seen[jsonPosition[i]] = 1;
        }
        if (!e.mentionedAs.isEmpty())
            ++s.mentionedByProxy;
        count(e, *c);
    }
    flushNetworkNames();
    const std::size_t leveldbCount = result.entries.size();

    // Contracts of the JSON files that LevelDB does not have.
    for (auto &[chainId, chainFiles] : files) {
        if (!chainFiles.file)
            continue;
        ChainSummary &chain = chainSummary(chainId);
        const std::size_t contractCount = std::size_t(chainFiles.file->contractCount());
        for (std::size_t i = 0; i < contractCount; ++i) {
            const std::string_view name = chainFiles.file->contractName(i);
            ++chain.jsonRecords;
            ++s.jsonRecords;
            if (i < chainFiles.seen.size() && chainFiles.seen[i])
                continue;
            DiffEntry e;
            e.chainId = chainId;
            e.contractName = std::string(name);
            e.status = DiffStatus::OnlyInJson;
            e.jsonFile = chainFiles.file;
            e.jsonNetwork = chain.network;
            const ContractRecord converted = RecordConverter::fromJsonEntry(*chainFiles.file, e.contractName);
            e.healthProblems = validator.problems(converted, chainId);
            count(e, chain);
            result.entries.push_back(std::move(e));
        }
    }

    // Sort by chain, then name. LevelDB returns its records sorted by key bytes: each chain's records are
    // one run ("56-..." keys are contiguous) already sorted by name, and only the runs' order can differ
    // from the numeric one ("1000-" < "56-"). So the runs are ordered by chain, the JSON-only tail is sorted
    // and merged in; a full sort of 100,000 large entries is only the fallback. Positions are sorted and
    // each entry is moved at most once.
    const auto &entries = result.entries;
    std::vector<std::uint32_t> order;
    order.reserve(entries.size());
    std::vector<std::size_t> runOrder(runs.size());
    for (std::size_t r = 0; r < runs.size(); ++r)
        runOrder[r] = r;
    std::stable_sort(runOrder.begin(), runOrder.end(),
                     [&](std::size_t a, std::size_t b) { return runs[a].first < runs[b].first; });
    for (std::size_t r : runOrder) {
        const std::size_t end = r + 1 < runs.size() ? runs[r + 1].second : leveldbCount;
        for (std::size_t i = runs[r].second; i < end; ++i)
            order.push_back(std::uint32_t(i));
    }
    for (std::size_t i = leveldbCount; i < entries.size(); ++i)
        order.push_back(std::uint32_t(i));
    const std::size_t fromLeveldb = leveldbCount;
    const auto before = [&](std::uint32_t a, std::uint32_t b) {
        const DiffEntry &x = entries[a];
        const DiffEntry &y = entries[b];
        return x.chainId != y.chainId ? x.chainId < y.chainId : x.contractName < y.contractName;
    };
    const auto middle = order.begin() + std::ptrdiff_t(fromLeveldb);
    // Runs sorted by name and of distinct chains, ordered by chain, are sorted; otherwise check.
    bool distinctChains = true;
    for (std::size_t r = 1; r < runOrder.size(); ++r)
        distinctChains = distinctChains && runs[runOrder[r]].first != runs[runOrder[r - 1]].first;
    if (!(runsSorted && distinctChains) && !std::is_sorted(order.begin(), middle, before))
        std::sort(order.begin(), middle, before);
    std::sort(middle, order.end(), before);
    std::inplace_merge(order.begin(), middle, order.end(), before);
    bool identity = true;
    for (std::size_t i = 0; i < order.size() && identity; ++i)
        identity = order[i] == i;
    if (!identity) {
        std::vector<DiffEntry> sorted;
        sorted.reserve(order.size());
        for (std::uint32_t i : order)
            sorted.push_back(std::move(result.entries[i]));
        result.entries.swap(sorted);
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
    // The two stores are independent: the JSON files are read and parsed in a second thread while this one
    // reads LevelDB (docs/performance.md, "Deployment state").
    JsonStateBackend::FileSet files;
    auto readJson = [&files, &jsonDir, &networks] {
        JsonStateBackend::Options options;
        options.networks = networks;
        options.readOnly = true;
        JsonStateBackend jsonBackend(jsonDir, options);
        if (StateResult<void> opened = jsonBackend.open())
            files = jsonBackend.loadFiles();
        else
            files.errors.append(opened.error());
    };
    std::thread jsonReader;
    try {
        jsonReader = std::thread(readJson);
    } catch (const std::system_error &) {
        readJson(); // no thread to be had: read the files first
    }

    ScanResult leveldb;
    QStringList notes;
    std::unique_ptr<LevelDbStateBackend> backend;
    StateError error;
    if (!snapshot) {
        backend = std::make_unique<LevelDbStateBackend>(leveldbPath);
        if (StateResult<void> opened = backend->open(); !opened) {
            error = opened.error();
            if (backend->isLocked()) {
                notes.append(
                    QStringLiteral("LevelDB is locked by another process: compared a snapshot copy"));
                snapshot = true;
            }
            backend.reset();
        }
    }
    if (snapshot) {
        if (auto copy = LevelDbStateBackend::openSnapshot(leveldbPath))
            backend = std::move(*copy);
        else
            error = copy.error();
    }
    if (backend)
        leveldb = backend->scanAll();
    else
        leveldb.errors.append(error);
    if (jsonReader.joinable())
        jsonReader.join();

    StateDiffResult result = compute(std::move(leveldb), files, networks);
    result.notes += notes;
    return result;
}

} // namespace Cockpit
