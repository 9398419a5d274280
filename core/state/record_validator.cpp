// SPDX-License-Identifier: MIT
#include "state/record_validator.h"

#include <array>

namespace Cockpit {

namespace {

bool isHexDigits(std::string_view text)
{
    // A table lookup per character: the diff checks three of these strings for each of 100,000 records.
    static const auto table = [] {
        std::array<bool, 256> t{};
        for (unsigned char c = '0'; c <= '9'; ++c)
            t[std::size_t(c)] = true;
        for (unsigned char c = 'a'; c <= 'f'; ++c)
            t[std::size_t(c)] = true;
        for (unsigned char c = 'A'; c <= 'F'; ++c)
            t[std::size_t(c)] = true;
        return t;
    }();
    bool ok = true;
    for (char c : text)
        ok &= table[static_cast<unsigned char>(c)];
    return ok;
}

} // namespace

RecordValidator::RecordValidator(QSet<qint64> knownChains)
    : m_knownChains(std::move(knownChains))
{}

bool RecordValidator::isAddress(std::string_view text)
{
    return text.size() == 42 && text.substr(0, 2) == "0x" && isHexDigits(text.substr(2));
}

bool RecordValidator::isHexHash(std::string_view text)
{
    return text.size() > 2 && text.substr(0, 2) == "0x" && isHexDigits(text.substr(2));
}

QStringList RecordValidator::problems(const ContractRecord &record, qint64 keyChainId) const
{
    QStringList out;
    if (record.contractName().empty())
        out.append(QStringLiteral("contractName is missing"));
    if (!isAddress(record.address()))
        out.append(QLatin1String("address \"") + toQString(record.address())
                   + QLatin1String("\" is not a 20-byte hex address"));
    if (record.has(ContractRecord::Field::ProxyAddress) && !isAddress(record.proxyAddress()))
        out.append(QLatin1String("proxyAddress \"") + toQString(record.proxyAddress())
                   + QLatin1String("\" is not a 20-byte hex address"));
    if (record.factoryByteCodeHash().empty())
        out.append(QStringLiteral("factoryByteCodeHash is empty"));
    else if (!isHexHash(record.factoryByteCodeHash()))
        out.append(QStringLiteral("factoryByteCodeHash is not a 0x hex string"));
    if (record.chainId() != keyChainId)
        out.append(QStringLiteral("chainId %1 disagrees with the key's chain %2")
                       .arg(record.chainId())
                       .arg(keyChainId));
    if (!m_knownChains.contains(keyChainId))
        out.append(
            QStringLiteral("chain %1 is unknown (no network name configured, no JSON file)").arg(keyChainId));
    return out;
}

} // namespace Cockpit
