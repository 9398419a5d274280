// SPDX-License-Identifier: MIT
#pragma once

#include "state/contract_record.h"
#include "state/json_deployment_file.h"
#include "state/state_error.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace Cockpit {

enum class DiffStatus
{
    Equal,
    OnlyInLeveldb,
    OnlyInJson,
    Mismatch
};

// "equal", "only_in_leveldb", "only_in_json", "mismatch" (the CLI's JSON values).
QString diffStatusName(DiffStatus status);

// One (chainId, contractName) seen in either store.
struct DiffEntry
{
    qint64 chainId = 0;
    std::string contractName;
    DiffStatus status = DiffStatus::Equal;
    QStringList fields; // mismatch: "implementation", "proxy", "implementationHash"
    std::optional<ContractRecord> leveldb;
    // The chain's JSON file when it lists this contract (kept alive by StateDiffResult::files).
    const JsonDeploymentFile *jsonFile = nullptr;
    std::optional<JsonDeploymentFile::Entry> jsonEntry() const
    {
        return jsonFile ? jsonFile->entry(contractName) : std::nullopt;
    }
    // The JSON file names this contract only by proxy address: "infrastructureContracts.feeManager".
    QString mentionedAs;
    bool chainHasJsonFile = true;
    QString leveldbNetwork; // networkName of the LevelDB record, filled when it differs from jsonNetwork
    QString jsonNetwork;    // network of the chain's JSON file
    bool networkNameDrift = false;
    QStringList healthProblems; // empty: the record passes the data-health rules

    QString key() const { return QString::number(chainId) + QLatin1Char('-') + toQString(contractName); }
};

struct ChainSummary
{
    qint64 chainId = 0;
    QString network;  // JSON file's network, else the configured name, else the LevelDB networkName
    QString jsonFile; // empty when the chain has no file
    bool hasJsonFile = false;
    int leveldbRecords = 0;
    int jsonRecords = 0;
    int equal = 0;
    int onlyInLeveldb = 0;
    int onlyInJson = 0;
    int mismatched = 0;
    int checked = 0; // records checked for data health
    int healthy = 0;
    QStringList leveldbNetworkNames; // distinct networkName values of the chain's LevelDB records
    bool networkNameDrift = false;

    double healthPercent() const { return checked ? 100.0 * healthy / checked : 100.0; }
};

struct DiffSummary
{
    int leveldbRecords = 0;
    int jsonRecords = 0;
    int equal = 0;
    int onlyInLeveldb = 0;           // on chains that have a JSON file
    int onlyInLeveldbNoJsonFile = 0; // on chains without any JSON file (e.g. the local chain 31337)
    int onlyInJson = 0;
    int mismatched = 0;
    int mentionedByProxy = 0; // only_in_leveldb records a JSON file names in infrastructure/protocolContracts
    int networkNameDrifts = 0;
    int checked = 0;
    int healthy = 0;
    QList<qint64> chainsWithoutJsonFile;

    // healthy / checked in percent, rounded to one decimal (92.857 -> 92.9).
    double dataHealthPercent() const;
    bool storesAgree() const
    {
        return onlyInLeveldb + onlyInLeveldbNoJsonFile + onlyInJson + mismatched == 0;
    }
};

struct StateDiffResult
{
    DiffSummary summary;
    std::vector<DiffEntry> entries; // sorted by chain, then name
    QList<ChainSummary> chains;     // sorted by chain id
    QList<StateError> errors;       // unreadable values and files; the diff covers everything else
    QStringList notes;              // e.g. "LevelDB was locked by another process: compared a snapshot copy"
    std::vector<std::shared_ptr<const JsonDeploymentFile>>
        files; // the parsed JSON files the entries point into
};

} // namespace Cockpit
