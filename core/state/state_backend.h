// SPDX-License-Identifier: MIT
#pragma once

#include "state/contract_record.h"
#include "state/metrics_recorder.h"
#include "state/state_error.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Cockpit {

// Filters of queryContracts(); unset members do not filter.
struct StateQuery
{
    QList<qint64> chainIds;
    QString namePattern; // wildcard, e.g. "*Module"; case-sensitive
    std::optional<bool> hasProxy;
    std::optional<qint64> fromTimestampMs; // inclusive
    std::optional<qint64> toTimestampMs;   // inclusive
};

struct ExportOptions
{
    QList<qint64> chainIds; // empty: all chains
    bool indented = true;
};

struct ImportReport
{
    int imported = 0;
    int skippedExisting = 0; // present already and overwrite was off
};

// One record that breaks a data-health rule.
struct RecordIssue
{
    QString key;
    QStringList problems;
};

struct ValidationResult
{
    int checked = 0;
    int valid = 0;
    QList<RecordIssue> issues;
    QList<StateError> errors; // unreadable values or files
    bool ok() const { return issues.isEmpty() && errors.isEmpty(); }
};

// Every record of a store, plus the values or files that could not be read. A bad value never stops the
// scan: it is reported and the rest is returned.
struct ScanResult
{
    std::vector<ContractRecord> records;
    QList<StateError> errors;
};

// One store of deployment records keyed by (chainId, contractName): LevelDB, JSON files, or both behind
// MigrationStateManager.
//
// Threading contract: every method is thread-safe (each backend serialises access with its own mutex) and
// blocks on disk I/O, so the GUI calls them from a worker thread only. Errors never throw: a method returns
// a StateResult, whose error has the code and a message naming the file and key.
class StateBackend
{
public:
    virtual ~StateBackend();

    virtual QString backendType() const = 0; // "leveldb", "json", "migration"
    // The folder an error names as its file when no single file is concerned; empty for a combination.
    virtual QString location() const { return {}; }
    virtual StateResult<void> open() = 0;
    virtual bool isHealthy() = 0;

    // nullopt: the record does not exist.
    virtual StateResult<std::optional<ContractRecord>> getContract(qint64 chainId,
                                                                   const QString &contractName) = 0;
    // The record's chainId member must equal chainId (VALIDATION_FAILED otherwise).
    StateResult<void> putContract(qint64 chainId, const ContractRecord &record);
    // Writes many records as one atomic step per file or batch.
    virtual StateResult<void> putContracts(const std::vector<ContractRecord> &records) = 0;
    // false: there was nothing to delete.
    virtual StateResult<bool> deleteContract(qint64 chainId, const QString &contractName) = 0;
    virtual ScanResult scanAll() = 0;

    StateResult<std::vector<ContractRecord>> getAllContracts(qint64 chainId);
    StateResult<bool> hasContract(qint64 chainId, const QString &contractName);
    // Fails with the first record or file that cannot be read.
    StateResult<std::vector<ContractRecord>> queryContracts(const StateQuery &query);
    // {"format":"cockpit-state-export","version":1,"backend":...,"records":[...]} with raw records.
    StateResult<QByteArray> exportAll(const ExportOptions &options);
    // Validates the whole document first; a bad document changes nothing.
    StateResult<ImportReport> importAll(const QByteArray &data, bool overwrite);
    // Applies the data-health rules to every record; knownChains as for RecordValidator.
    ValidationResult validateIntegrity(const QSet<qint64> &knownChains);
    virtual BackendMetrics metrics() const { return m_metrics.snapshot(); }

    // Parses an export document into records (used by importAll and by the CLI).
    static StateResult<std::vector<ContractRecord>> parseExport(const QByteArray &data);

protected:
    MetricsRecorder m_metrics;
};

} // namespace Cockpit
