// SPDX-License-Identifier: MIT
#pragma once

#include "state/state_backend.h"

#include <QMutex>
#include <QStringList>

#include <atomic>

namespace Cockpit {

// Result of comparing both stores record by record through the integrity hash (SHA-256 of the canonical
// JSON of the fields both hold, RecordConverter::integrityHash).
struct CrossStoreIntegrity
{
    int matched = 0;
    QStringList differing;       // keys whose hashes differ
    QStringList missingInTarget; // keys only the source (LevelDB) has
    QStringList missingInSource; // keys only the target (JSON) has
    QList<StateError> errors;
    bool ok() const
    {
        return differing.isEmpty() && missingInTarget.isEmpty() && missingInSource.isEmpty()
               && errors.isEmpty();
    }
};

// The migration's state manager: one StateBackend in front of a source (LevelDB, today's store) and a
// target (JSON, the new one), behaving according to the migration phase:
//   leveldb_only              reads source, writes source
//   dual_write                reads source, writes target first then source
//   json_reads_with_fallback  reads target, falls back to source when the target lacks the record or fails;
//                             writes target first then source
//   json_only                 reads target, writes target
// A dual write attempts both stores even when the first fails and collects every error (lastErrors());
// it reports MIGRATION_FAILED when both failed and STATE_WRITE_FAILED naming the store when one did, since
// then the stores disagree until the next sync.
//
// Threading: thread-safe; the mode may change from any thread between calls (the lead wires it to the
// migration-control phase with forPhase()). The backends are not owned and must outlive the manager.
class MigrationStateManager : public StateBackend
{
public:
    enum class Mode
    {
        LevelDbOnly,
        DualWrite,
        JsonReadsWithFallback,
        JsonOnly
    };

    // "leveldb_only", "dual_write", "json_reads_with_fallback", "json_only"; nullopt for other ids.
    static std::optional<Mode> forPhase(const QString &phaseId);
    static QString phaseId(Mode mode);

    MigrationStateManager(StateBackend *source, StateBackend *target, Mode mode);

    Mode mode() const { return m_mode.load(); }
    void setMode(Mode mode) { m_mode.store(mode); }
    QStringList lastErrors() const;
    qint64 fallbackReads() const { return m_fallbackReads.load(); }

    QString backendType() const override { return QStringLiteral("migration"); }
    StateResult<void> open() override;
    bool isHealthy() override;
    StateResult<std::optional<ContractRecord>> getContract(qint64 chainId,
                                                           const QString &contractName) override;
    StateResult<void> putContracts(const std::vector<ContractRecord> &records) override;
    StateResult<bool> deleteContract(qint64 chainId, const QString &contractName) override;
    ScanResult scanAll() override;

    CrossStoreIntegrity validateAcrossStores();

private:
    bool readsTarget() const;
    bool writesSource() const;
    bool writesTarget() const;
    StateResult<void> write(const std::function<StateResult<void>(StateBackend *)> &op);

    StateBackend *m_source;
    StateBackend *m_target;
    std::atomic<Mode> m_mode;
    std::atomic<qint64> m_fallbackReads{0};
    mutable QMutex m_mutex;
    QStringList m_lastErrors;
};

} // namespace Cockpit
