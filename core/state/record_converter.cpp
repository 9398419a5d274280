// SPDX-License-Identifier: MIT
#include "state/record_converter.h"

#include <QCryptographicHash>

namespace Cockpit {

JsonDeploymentFile::Entry RecordConverter::toJsonEntry(const ContractRecord &record)
{
    JsonDeploymentFile::Entry e;
    e.implementation = std::string(record.address());
    e.proxy = record.hasProxy() ? std::string(record.proxyAddress()) : e.implementation;
    if (record.has(ContractRecord::Field::ImplementationHash))
        e.implementationHash = std::string(record.implementationHash());
    return e;
}

ContractRecord RecordConverter::fromJsonEntry(const JsonDeploymentFile &file, const std::string &contractName)
{
    const JsonDeploymentFile::Entry e = file.entry(contractName).value_or(JsonDeploymentFile::Entry{});
    ContractRecord r;
    r.setString("contractName", contractName);
    r.setNumber("chainId", file.chainId());
    r.setString("networkName", file.network());
    r.setString("address", e.implementation.empty() ? e.proxy : e.implementation);
    r.setString("factoryByteCodeHash", e.implementationHash.value_or(std::string()));
    if (e.implementationHash)
        r.setString("implementationHash", *e.implementationHash);
    if (!e.proxy.empty() && e.proxy != e.implementation)
        r.setString("proxyAddress", e.proxy);
    r.setNumber("timestamp", file.lastDeployedMs());
    return r;
}

namespace {

// Addresses and hashes compare without case: EIP-55 checksummed and lower-case spellings are the same value.
std::string lower(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return out;
}

} // namespace

std::string RecordConverter::canonicalProjection(qint64 chainId, std::string_view contractName,
                                                 const JsonDeploymentFile::Entry &entry)
{
    JsonValue v = JsonValue::object();
    v.set("chainId", JsonValue::number(static_cast<long long>(chainId)));
    v.set("contractName", JsonValue::string(std::string(contractName)));
    v.set("implementation", JsonValue::string(lower(entry.implementation)));
    v.set("implementationHash",
          entry.implementationHash ? JsonValue::string(lower(*entry.implementationHash)) : JsonValue());
    v.set("proxy", JsonValue::string(lower(entry.proxy)));
    return v.canonical();
}

QByteArray RecordConverter::integrityHash(qint64 chainId, std::string_view contractName,
                                          const JsonDeploymentFile::Entry &entry)
{
    const std::string text = canonicalProjection(chainId, contractName, entry);
    return QCryptographicHash::hash(QByteArrayView(text.data(), qsizetype(text.size())),
                                    QCryptographicHash::Sha256)
        .toHex();
}

} // namespace Cockpit
