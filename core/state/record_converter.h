// SPDX-License-Identifier: MIT
#pragma once

#include "state/contract_record.h"
#include "state/json_deployment_file.h"

namespace Cockpit {

// The mapping between a LevelDB record and a JSON file entry (docs/state.md):
//   LevelDB -> JSON: proxy = proxyAddress || address, implementation = address,
//                    implementationHashes[name] = implementationHash
//   JSON -> LevelDB: address = implementation || proxy, proxyAddress = proxy when it differs from
//                    implementation, implementationHash = factoryByteCodeHash = implementationHashes[name]
//                    (factoryByteCodeHash "" when absent), networkName = file network,
//                    timestamp = Date(lastDeployed || timestamp).getTime()
// Threading: stateless.
class RecordConverter
{
public:
    static JsonDeploymentFile::Entry toJsonEntry(const ContractRecord &record);
    static ContractRecord fromJsonEntry(const JsonDeploymentFile &file, const std::string &contractName);

    // The fields both stores hold, as canonical JSON (sorted keys): {chainId, contractName, implementation,
    // implementationHash, proxy}. Its SHA-256 is the integrity hash compared across stores.
    static std::string canonicalProjection(qint64 chainId, std::string_view contractName,
                                           const JsonDeploymentFile::Entry &entry);
    static QByteArray integrityHash(qint64 chainId, std::string_view contractName,
                                    const JsonDeploymentFile::Entry &entry);
};

} // namespace Cockpit
