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
// blocks on disk I/O, so the GUI calls them from a worker thread only. Errors never throw: methods report
// through the optional StateError out-parameter (code and a message naming the file and key).
class StateBackend
{
public:
    virtual ~StateBackend();

    virtual QString backendType() const = 0; // "leveldb", "json", "migration"
    virtual bool open(StateError *error) = 0;
    virtual bool isHealthy() = 0;

    // nullopt with no error set: the record does not exist.
    virtual std::optional<ContractRecord> getContract(qint64 chainId, const QString &contractName,
                                                      StateError *error) = 0;
    // The record's chainId member must equal chainId (VALIDATION_FAILED otherwise).
    virtual bool putContract(qint64 chainId, const ContractRecord &record, StateError *error) = 0;
    // Writes many records as one atomic step per file or batch.
    virtual bool putContracts(const std::vector<ContractRecord> &records, StateError *error) = 0;
    // Returns false with no error when there was nothing to delete.
    virtual bool deleteContract(qint64 chainId, const QString &contractName, StateError *error) = 0;
    virtual ScanResult scanAll() = 0;

    virtual std::vector<ContractRecord> getAllContracts(qint64 chainId, StateError *error);
    bool hasContract(qint64 chainId, const QString &contractName, StateError *error);
    std::vector<ContractRecord> queryContracts(const StateQuery &query, StateError *error);
    // {"format":"cockpit-state-export","version":1,"backend":...,"records":[...]} with raw records.
    QByteArray exportAll(const ExportOptions &options, StateError *error);
    // Validates the whole document first; a bad document changes nothing.
    bool importAll(const QByteArray &data, bool overwrite, ImportReport *report, StateError *error);
    // Applies the data-health rules to every record; knownChains as for RecordValidator.
    ValidationResult validateIntegrity(const QSet<qint64> &knownChains);
    virtual BackendMetrics metrics() const { return m_metrics.snapshot(); }

    // Parses an export document into records (used by importAll and by the CLI).
    static std::optional<std::vector<ContractRecord>> parseExport(const QByteArray &data, StateError *error);

protected:
    MetricsRecorder m_metrics;
};

} // namespace Cockpit
