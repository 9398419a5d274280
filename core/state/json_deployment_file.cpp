// SPDX-License-Identifier: MIT
#include "state/json_deployment_file.h"

#include "state/contract_record.h"

#include <QDateTime>

#include <algorithm>
#include <charconv>
#include <iterator>

namespace Cockpit {

StateResult<JsonDeploymentFile> JsonDeploymentFile::parse(std::string_view bytes, const QString &path)
{
    auto invalid = [&](const QString &message) {
        return fail(StateErrorCode::ValidationFailed, message, path);
    };
    if (bytes.empty())
        return invalid(QStringLiteral("file is empty (truncated?)"));
    if (std::optional<JsonDeploymentFile> indexed = index(bytes, path))
        return std::move(*indexed);
    // Not indexable (rare, see the class comment) or not valid: the tree parser reads it, or words the error.
    JsonValue::ParseError parseError;
    JsonValue root = JsonValue::parse(bytes, &parseError);
    if (parseError.isError())
        return invalid(QLatin1String("not valid JSON: ") + QString::fromStdString(parseError.describe()));
    if (!root.isObject())
        return invalid(QStringLiteral("expected a JSON object at the top level"));
    const JsonValue *chain = root.find("chainId");
    if (!chain || !(chain->isNumber() || chain->isString()))
        return invalid(QStringLiteral("/chainId: expected the chain id number"));
    const JsonValue *contracts = root.find("contracts");
    if (contracts && !contracts->isObject())
        return invalid(QStringLiteral("/contracts: expected an object"));
    if (contracts) {
        for (const JsonValue::Member &m : contracts->members()) {
            if (!m.value.isObject())
                return invalid(QLatin1String("/contracts/") + toQString(m.key)
                               + QLatin1String(": expected an object"));
        }
    }
    const JsonValue *hashes = root.find("implementationHashes");
    if (hashes && !hashes->isObject())
        return invalid(QStringLiteral("/implementationHashes: expected an object"));
    JsonDeploymentFile file;
    file.m_path = path;
    file.m_root = std::move(root);
    file.m_trailingNewline = bytes.back() == '\n';
    file.rebuildIndex();
    if (file.chainId() <= 0)
        return invalid(QStringLiteral("/chainId: expected a positive integer"));
    return file;
}

namespace {

// The top-level members the index reads; each may appear once (a repeated one is read through the tree).
enum TopMember : unsigned
{
    Network,
    ChainId,
    Contracts,
    ImplementationHashes,
    LastDeployed,
    Timestamp,
    InfrastructureContracts,
    ProtocolContracts,
    TopMemberCount
};
constexpr std::string_view TopMemberNames[] = {"network",
                                               "chainId",
                                               "contracts",
                                               "implementationHashes",
                                               "lastDeployed",
                                               "timestamp",
                                               "infrastructureContracts",
                                               "protocolContracts"};
static_assert(std::size(TopMemberNames) == TopMemberCount);

// A mention section larger than this is read through the tree: repeated keys are found by a linear search.
constexpr std::size_t MentionSectionLimit = 256;

} // namespace

// A member one level below the top, collected until the top-level member holding it is known (scanNested
// reports inner members first), with the proxy and implementation members of its object.
struct JsonDeploymentFile::IndexedMember
{
    Slot key;
    Slot value; // string values only
    JsonValue::Type type = JsonValue::Type::Null;
    bool escaped = false; // an escape in its key, or in any member of its object
    Slot proxy;
    Slot implementation;
};

std::optional<JsonDeploymentFile> JsonDeploymentFile::index(std::string_view bytes, const QString &path)
{
    JsonDeploymentFile file;
    file.m_path = path;
    file.m_indexed = true;
    file.m_bytes.assign(bytes);
    file.m_trailingNewline = bytes.back() == '\n';
    const std::string_view text(file.m_bytes);
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || text[first] != '{')
        return std::nullopt;
    const auto keyOf = [text](const JsonValue::Span &s) {
        return text.substr(s.keyBegin, s.keyEnd - s.keyBegin);
    };
    const auto stringSlot = [](const JsonValue::Span &s) {
        return s.type == JsonValue::Type::String ? Slot{s.valueBegin, s.valueEnd} : Slot{};
    };
    const auto contractKey = [&file](std::size_t i) {
        return file.text(file.m_indexedContracts[i].name);
    };

    std::vector<IndexedMember> inner; // members of the current top-level member's object
    IndexedMember entry;              // proxy and implementation of the current inner object
    std::vector<IndexedMember> hashes;
    std::vector<Mention> protocolMentions; // listed after the infrastructure ones, as in the tree form
    Slot chainId;
    Slot lastDeployed;
    Slot timestamp;
    unsigned seen = 0;
    bool usable = true;
    const bool valid = JsonValue::scanNested(text, 2, nullptr, [&](int level, const JsonValue::Span &s) {
        if (!usable)
            return;
        if (level == 2) { // a member of contracts.<Name> (or of any other object two levels down)
            entry.escaped |= s.escaped;
            const std::string_view key = keyOf(s);
            if (key == "proxy")
                entry.proxy = stringSlot(s);
            else if (key == "implementation")
                entry.implementation = stringSlot(s);
            return;
        }
        if (level == 1) {
            entry.key = {s.keyBegin, s.keyEnd};
            entry.value = stringSlot(s);
            entry.type = s.type;
            entry.escaped |= s.escaped;
            inner.push_back(entry);
            entry = {};
            return;
        }
        if (s.escaped) {
            // An escaped key could spell a modelled member's name; an escaped value needs unescaping.
            usable = false;
            return;
        }
        const std::string_view key = keyOf(s);
        unsigned which = 0;
        while (which < TopMemberCount && TopMemberNames[which] != key)
            ++which;
        if (which < TopMemberCount) {
            usable = usable && !(seen & (1u << which));
            seen |= 1u << which;
        }
        const bool object = s.type == JsonValue::Type::Object;
        switch (which) {
        case Network:
            file.m_network = std::string(file.text(stringSlot(s)));
            break;
        case ChainId:
            // The tree accepts a number or a (decimal) string here and refuses the file otherwise.
            usable = usable && (s.type == JsonValue::Type::Number || s.type == JsonValue::Type::String);
            chainId = {s.valueBegin, s.valueEnd};
            break;
        case Contracts:
            usable = usable && object;
            for (const IndexedMember &m : inner) {
                // Every contract entry must be an object (the tree refuses the file otherwise).
                usable = usable && m.type == JsonValue::Type::Object && !m.escaped;
                if (!usable)
                    break;
                IndexedContract c{m.key, m.proxy, m.implementation, Slot{}};
                const std::size_t position = file.m_contractIndex.findKey(file.text(m.key), contractKey);
                if (position == MemberIndex::npos) {
                    // Like JSON.parse: a repeated name keeps its first position and takes the last value.
                    file.m_indexedContracts.push_back(c);
                    file.m_contractIndex.addKey(file.m_indexedContracts.size() - 1, contractKey);
                } else {
                    file.m_indexedContracts[position] = c;
                }
            }
            break;
        case ImplementationHashes:
            usable = usable && object;
            hashes = std::move(inner);
            break;
        case LastDeployed:
            lastDeployed = stringSlot(s);
            break;
        case Timestamp:
            timestamp = stringSlot(s);
            break;
        case InfrastructureContracts:
        case ProtocolContracts: {
            if (!object)
                break;
            usable = usable && inner.size() <= MentionSectionLimit;
            std::vector<std::pair<std::string_view, Slot>> members; // first position, last value
            for (const IndexedMember &m : inner) {
                usable = usable && !m.escaped;
                const std::string_view name = file.text(m.key);
                auto same = std::find_if(members.begin(), members.end(),
                                         [name](const auto &other) { return other.first == name; });
                if (same == members.end())
                    members.emplace_back(name, m.value);
                else
                    same->second = m.value;
            }
            for (const auto &[name, value] : members) {
                if (value.present()) // only string values name a contract
                    (which == InfrastructureContracts ? file.m_mentions : protocolMentions)
                        .push_back({std::string(TopMemberNames[which]), std::string(name),
                                    std::string(file.text(value))});
            }
            break;
        }
        default:
            break;
        }
        inner.clear();
    });
    if (!valid || !usable || !(seen & (1u << ChainId)))
        return std::nullopt;
    std::move(protocolMentions.begin(), protocolMentions.end(), std::back_inserter(file.m_mentions));
    for (const IndexedMember &h : hashes) {
        if (h.escaped)
            return std::nullopt;
        const std::size_t position = file.m_contractIndex.findKey(file.text(h.key), contractKey);
        // A repeated name takes the last value; a value that is not a string is no hash.
        if (position != MemberIndex::npos)
            file.m_indexedContracts[position].hash = h.value;
    }
    const std::string_view chainText = file.text(chainId);
    const auto r = std::from_chars(chainText.data(), chainText.data() + chainText.size(), file.m_chainId);
    if (r.ec != std::errc() || r.ptr != chainText.data() + chainText.size() || file.m_chainId <= 0)
        return std::nullopt;
    // As the tree reads it: an empty lastDeployed falls back to timestamp.
    const Slot when = file.text(lastDeployed).empty() ? timestamp : lastDeployed;
    file.m_lastDeployed = std::string(file.text(when));
    return file;
}

JsonDeploymentFile JsonDeploymentFile::create(const QString &path, const std::string &network, qint64 chainId)
{
    JsonDeploymentFile file;
    file.m_path = path;
    file.m_root.set("network", JsonValue::string(network));
    file.m_root.set("chainId", JsonValue::number(static_cast<long long>(chainId)));
    file.m_root.set("contracts", JsonValue::object());
    file.m_root.set("implementationHashes", JsonValue::object());
    return file;
}

std::string JsonDeploymentFile::network() const
{
    return m_indexed ? m_network : std::string(m_root.stringMember("network"));
}

qint64 JsonDeploymentFile::chainId() const
{
    if (m_indexed)
        return m_chainId;
    const JsonValue *chain = m_root.find("chainId");
    if (!chain)
        return 0;
    qint64 value = 0;
    const std::string &t = chain->text();
    const auto r = std::from_chars(t.data(), t.data() + t.size(), value);
    return r.ec == std::errc() && r.ptr == t.data() + t.size() ? value : 0;
}

qint64 JsonDeploymentFile::lastDeployedMs() const
{
    std::string_view text =
        m_indexed ? std::string_view(m_lastDeployed) : m_root.stringMember("lastDeployed");
    if (text.empty() && !m_indexed)
        text = m_root.stringMember("timestamp");
    if (text.empty())
        return 0;
    const QDateTime when = QDateTime::fromString(toQString(text), Qt::ISODateWithMs);
    return when.isValid() ? when.toMSecsSinceEpoch() : 0;
}

void JsonDeploymentFile::ensureTree()
{
    if (!m_indexed)
        return;
    // The bytes were validated when the file was indexed, so this parse cannot fail.
    m_root = JsonValue::parse(m_bytes, nullptr);
    m_indexed = false;
    m_bytes = std::string();
    m_indexedContracts = {};
    m_mentions = {};
    rebuildIndex();
}

void JsonDeploymentFile::rebuildIndex()
{
    m_contractIndex.clear();
    m_hashIndex.clear();
    if (const JsonValue *contracts = m_root.find("contracts"))
        m_contractIndex.rebuild(contracts->members());
    if (const JsonValue *hashes = m_root.find("implementationHashes"))
        m_hashIndex.rebuild(hashes->members());
}

JsonValue *JsonDeploymentFile::section(const char *name, bool create)
{
    ensureTree();
    JsonValue *s = m_root.find(name);
    if (!s && create) {
        m_root.set(name, JsonValue::object());
        s = m_root.find(name);
    }
    return s;
}

const JsonValue::Member *JsonDeploymentFile::sectionMember(const char *name, const MemberIndex &index,
                                                           std::string_view key) const
{
    if (index.empty())
        return nullptr;
    const JsonValue *s = m_root.find(name);
    if (!s)
        return nullptr;
    const std::size_t position = index.find(key, s->members());
    return position == MemberIndex::npos ? nullptr : &s->members()[position];
}

std::size_t JsonDeploymentFile::contractPosition(std::string_view name) const
{
    if (m_indexed)
        return m_contractIndex.findKey(name,
                                       [this](std::size_t i) { return text(m_indexedContracts[i].name); });
    const JsonValue::Member *m = sectionMember("contracts", m_contractIndex, name);
    return m ? std::size_t(m - m_root.find("contracts")->members().data()) : MemberIndex::npos;
}

std::string_view JsonDeploymentFile::contractName(std::size_t position) const
{
    if (m_indexed)
        return text(m_indexedContracts[position].name);
    return m_root.find("contracts")->members()[position].key;
}

std::vector<std::string> JsonDeploymentFile::contractNames() const
{
    std::vector<std::string> names;
    if (m_indexed) {
        names.reserve(m_indexedContracts.size());
        for (const IndexedContract &c : m_indexedContracts)
            names.emplace_back(text(c.name));
        return names;
    }
    if (const JsonValue *contracts = m_root.find("contracts")) {
        names.reserve(contracts->members().size());
        for (const JsonValue::Member &m : contracts->members())
            names.push_back(m.key);
    }
    return names;
}

std::optional<JsonDeploymentFile::Entry> JsonDeploymentFile::entry(const std::string &name) const
{
    const std::optional<EntryView> view = entryView(name);
    if (!view)
        return std::nullopt;
    Entry e;
    e.proxy = std::string(view->proxy);
    e.implementation = std::string(view->implementation);
    if (view->implementationHash)
        e.implementationHash = std::string(*view->implementationHash);
    return e;
}

std::optional<JsonDeploymentFile::EntryView> JsonDeploymentFile::entryView(std::string_view name) const
{
    if (m_indexed) {
        const std::size_t position = contractPosition(name);
        if (position == MemberIndex::npos)
            return std::nullopt;
        const IndexedContract &c = m_indexedContracts[position];
        EntryView e;
        e.position = position;
        e.proxy = text(c.proxy);
        e.implementation = text(c.implementation);
        if (c.hash.present())
            e.implementationHash = text(c.hash);
        return e;
    }
    const JsonValue *contracts = m_root.find("contracts");
    if (!contracts || m_contractIndex.empty())
        return std::nullopt;
    const std::size_t position = m_contractIndex.find(name, contracts->members());
    if (position == MemberIndex::npos)
        return std::nullopt;
    const JsonValue &value = contracts->members()[position].value;
    EntryView e;
    e.position = position;
    e.proxy = value.stringMember("proxy");
    e.implementation = value.stringMember("implementation");
    if (const JsonValue::Member *hash = sectionMember("implementationHashes", m_hashIndex, name);
        hash && hash->value.isString())
        e.implementationHash = std::string_view(hash->value.text());
    return e;
}

bool JsonDeploymentFile::setEntry(const std::string &name, const Entry &entry)
{
    if (const auto current = this->entry(name); current && *current == entry)
        return false;
    ensureTree();
    JsonValue *contracts = section("contracts", true);
    const std::size_t position = m_contractIndex.find(name, contracts->members());
    if (position == MemberIndex::npos) {
        JsonValue value = JsonValue::object();
        value.set("proxy", JsonValue::string(entry.proxy));
        value.set("implementation", JsonValue::string(entry.implementation));
        contracts->members().push_back({name, std::move(value)});
        m_contractIndex.add(contracts->members().size() - 1, contracts->members());
    } else {
        JsonValue &value = contracts->members()[position].value;
        value.set("proxy", JsonValue::string(entry.proxy));
        value.set("implementation", JsonValue::string(entry.implementation));
    }
    if (entry.implementationHash) {
        JsonValue *hashes = section("implementationHashes", true);
        const std::size_t h = m_hashIndex.find(name, hashes->members());
        if (h == MemberIndex::npos) {
            hashes->members().push_back({name, JsonValue::string(*entry.implementationHash)});
            m_hashIndex.add(hashes->members().size() - 1, hashes->members());
        } else {
            hashes->members()[h].value = JsonValue::string(*entry.implementationHash);
        }
    } else if (sectionMember("implementationHashes", m_hashIndex, name)) {
        section("implementationHashes", false)->remove(name);
        rebuildIndex();
    }
    return true;
}

bool JsonDeploymentFile::removeEntry(const std::string &name)
{
    if (!hasContract(name))
        return false;
    ensureTree();
    section("contracts", false)->remove(name);
    if (JsonValue *hashes = section("implementationHashes", false))
        hashes->remove(name);
    rebuildIndex();
    return true;
}

std::vector<JsonDeploymentFile::Mention> JsonDeploymentFile::mentions() const
{
    if (m_indexed)
        return m_mentions;
    std::vector<Mention> out;
    for (const char *name : {"infrastructureContracts", "protocolContracts"}) {
        const JsonValue *s = m_root.find(name);
        if (!s || !s->isObject())
            continue;
        for (const JsonValue::Member &m : s->members()) {
            if (m.value.isString())
                out.push_back({name, m.key, m.value.text()});
        }
    }
    return out;
}

std::string JsonDeploymentFile::serialize() const
{
    // Always through a tree: the bytes read may be spaced differently from JSON.stringify(file, null, 2).
    std::string out = m_indexed ? JsonValue::parse(m_bytes, nullptr).serialize(JsonValue::Style::Indented)
                                : m_root.serialize(JsonValue::Style::Indented);
    if (m_trailingNewline)
        out += '\n';
    return out;
}

} // namespace Cockpit
