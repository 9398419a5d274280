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
    if (const JsonValue *contracts = m_root.find("contracts")) {
        for (std::size_t i = 0; i < contracts->members().size(); ++i)
            m_contractIndex.emplace(contracts->members()[i].key, i);
    }
    if (const JsonValue *hashes = m_root.find("implementationHashes")) {
        for (std::size_t i = 0; i < hashes->members().size(); ++i)
            m_hashIndex.emplace(hashes->members()[i].key, i);
    }
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
    auto it = m_contractIndex.find(name);
    if (it == m_contractIndex.end())
        return std::nullopt;
    const JsonValue &value = m_root.find("contracts")->members()[it->second].value;
    Entry e;
    e.proxy = std::string(value.stringMember("proxy"));
    e.implementation = std::string(value.stringMember("implementation"));
    auto h = m_hashIndex.find(name);
    if (h != m_hashIndex.end()) {
        const JsonValue &hash = m_root.find("implementationHashes")->members()[h->second].value;
        if (hash.isString())
            e.implementationHash = hash.text();
    }
    return e;
}

std::optional<JsonDeploymentFile::EntryView> JsonDeploymentFile::entryView(const std::string &name) const
{
    auto it = m_contractIndex.find(name);
    if (it == m_contractIndex.end())
        return std::nullopt;
    const JsonValue &value = m_root.find("contracts")->members()[it->second].value;
    EntryView e;
    e.position = it->second;
    e.proxy = value.stringMember("proxy");
    e.implementation = value.stringMember("implementation");
    auto h = m_hashIndex.find(name);
    if (h != m_hashIndex.end()) {
        const JsonValue &hash = m_root.find("implementationHashes")->members()[h->second].value;
        if (hash.isString())
            e.implementationHash = std::string_view(hash.text());
    }
    return e;
}

bool JsonDeploymentFile::setEntry(const std::string &name, const Entry &entry)
{
    if (const auto current = this->entry(name); current && *current == entry)
        return false;
    JsonValue *contracts = section("contracts", true);
    auto it = m_contractIndex.find(name);
    if (it == m_contractIndex.end()) {
        JsonValue value = JsonValue::object();
        value.set("proxy", JsonValue::string(entry.proxy));
        value.set("implementation", JsonValue::string(entry.implementation));
        m_contractIndex.emplace(name, contracts->members().size());
        contracts->members().push_back({name, std::move(value)});
    } else {
        JsonValue &value = contracts->members()[it->second].value;
        value.set("proxy", JsonValue::string(entry.proxy));
        value.set("implementation", JsonValue::string(entry.implementation));
    }
    if (entry.implementationHash) {
        JsonValue *hashes = section("implementationHashes", true);
        auto h = m_hashIndex.find(name);
        if (h == m_hashIndex.end()) {
            m_hashIndex.emplace(name, hashes->members().size());
            hashes->members().push_back({name, JsonValue::string(*entry.implementationHash)});
        } else {
            hashes->members()[h->second].value = JsonValue::string(*entry.implementationHash);
        }
    } else if (m_hashIndex.count(name)) {
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
