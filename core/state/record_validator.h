// SPDX-License-Identifier: MIT
#pragma once

#include "state/contract_record.h"

#include <QSet>
#include <QStringList>

namespace Cockpit {

// The data-health rules: a record passes when its address (and proxy address, when present) is a 20-byte
// hex address, its factoryByteCodeHash is a non-empty 0x hex string, its chain is known (in the configured
// network map or named by a JSON file) and its chainId member agrees with its key. Threading: immutable
// after construction; const methods may run on any thread.
class RecordValidator
{
public:
    explicit RecordValidator(QSet<qint64> knownChains);

    // Empty when the record passes; otherwise one short reason per broken rule.
    QStringList problems(const ContractRecord &record, qint64 keyChainId) const;

    static bool isAddress(std::string_view text);
    static bool isHexHash(std::string_view text);

private:
    QSet<qint64> m_knownChains;
};

} // namespace Cockpit
