// SPDX-License-Identifier: MIT
#include "state/json_deployment_file.h"

#include "state/contract_record.h"

#include <QDateTime>

#include <charconv>

namespace Cockpit {

std::optional<JsonDeploymentFile> JsonDeploymentFile::parse(std::string_view bytes, const QString &path,
                                                            StateError *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = StateError::make(StateErrorCode::ValidationFailed, message, path);
        return std::nullopt;
    };
    if (bytes.empty())
        return fail(QStringLiteral("file is empty (truncated?)"));
    JsonValue::ParseError parseError;
    JsonValue root = JsonValue::parse(bytes, &parseError);
    if (parseError.isError())
        return fail(QLatin1String("not valid JSON: ") + QString::fromStdString(parseError.describe()));
    if (!root.isObject())
        return fail(QStringLiteral("expected a JSON object at the top level"));
    const JsonValue *chain = root.find("chainId");
    if (!chain || !(chain->isNumber() || chain->isString()))
        return fail(QStringLiteral("/chainId: expected the chain id number"));
    const JsonValue *contracts = root.find("contracts");
    if (contracts && !contracts->isObject())
        return fail(QStringLiteral("/contracts: expected an object"));
    if (contracts) {
        for (const JsonValue::Member &m : contracts->members()) {
            if (!m.value.isObject())
                return fail(QLatin1String("/contracts/") + toQString(m.key)
                            + QLatin1String(": expected an object"));
        }
    }
    const JsonValue *hashes = root.find("implementationHashes");
    if (hashes && !hashes->isObject())
        return fail(QStringLiteral("/implementationHashes: expected an object"));
    JsonDeploymentFile file;
    file.m_path = path;
    file.m_root = std::move(root);
    file.m_trailingNewline = bytes.back() == '\n';
    file.rebuildIndex();
    if (file.chainId() <= 0)
        return fail(QStringLiteral("/chainId: expected a positive integer"));
    if (error)
        *error = {};
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

qint64 JsonDeploymentFile::chainId() const
{
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
    std::string_view text = m_root.stringMember("lastDeployed");
    if (text.empty())
        text = m_root.stringMember("timestamp");
    if (text.empty())
        return 0;
    const QDateTime when = QDateTime::fromString(toQString(text), Qt::ISODateWithMs);
    return when.isValid() ? when.toMSecsSinceEpoch() : 0;
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
    const JsonValue::Member *m = sectionMember("contracts", m_contractIndex, name);
    return m ? std::size_t(m - m_root.find("contracts")->members().data()) : MemberIndex::npos;
}

std::vector<std::string> JsonDeploymentFile::contractNames() const
{
    std::vector<std::string> names;
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
    section("contracts", false)->remove(name);
    if (JsonValue *hashes = section("implementationHashes", false))
        hashes->remove(name);
    rebuildIndex();
    return true;
}

std::vector<JsonDeploymentFile::Mention> JsonDeploymentFile::mentions() const
{
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
    std::string out = m_root.serialize(JsonValue::Style::Indented);
    if (m_trailingNewline)
        out += '\n';
    return out;
}

} // namespace Cockpit
