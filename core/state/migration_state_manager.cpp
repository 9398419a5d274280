// SPDX-License-Identifier: MIT
#include "state/migration_state_manager.h"

#include "common/logging.h"
#include "state/record_converter.h"

#include <map>

namespace Cockpit {

std::optional<MigrationStateManager::Mode> MigrationStateManager::forPhase(const QString &phaseId)
{
    if (phaseId == QLatin1String("leveldb_only"))
        return Mode::LevelDbOnly;
    if (phaseId == QLatin1String("dual_write"))
        return Mode::DualWrite;
    if (phaseId == QLatin1String("json_reads_with_fallback"))
        return Mode::JsonReadsWithFallback;
    if (phaseId == QLatin1String("json_only"))
        return Mode::JsonOnly;
    return std::nullopt;
}

QString MigrationStateManager::phaseId(Mode mode)
{
    switch (mode) {
    case Mode::LevelDbOnly:
        return QStringLiteral("leveldb_only");
    case Mode::DualWrite:
        return QStringLiteral("dual_write");
    case Mode::JsonReadsWithFallback:
        return QStringLiteral("json_reads_with_fallback");
    case Mode::JsonOnly:
        return QStringLiteral("json_only");
    }
    return QString();
}

MigrationStateManager::MigrationStateManager(StateBackend *source, StateBackend *target, Mode mode)
    : m_source(source)
    , m_target(target)
    , m_mode(mode)
{}

bool MigrationStateManager::readsTarget() const
{
    const Mode m = mode();
    return m == Mode::JsonReadsWithFallback || m == Mode::JsonOnly;
}

bool MigrationStateManager::writesSource() const
{
    return mode() != Mode::JsonOnly;
}

bool MigrationStateManager::writesTarget() const
{
    return mode() != Mode::LevelDbOnly;
}

QStringList MigrationStateManager::lastErrors() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastErrors;
}

StateResult<void> MigrationStateManager::open()
{
    // Only the stores of the current phase must be reachable.
    if (writesSource() || !readsTarget()) {
        if (StateResult<void> opened = m_source->open(); !opened)
            return opened;
    }
    if (writesTarget() || readsTarget())
        return m_target->open();
    return {};
}

bool MigrationStateManager::isHealthy()
{
    const bool source = !(writesSource() || !readsTarget()) || m_source->isHealthy();
    const bool target = !(writesTarget() || readsTarget()) || m_target->isHealthy();
    return source && target;
}

StateResult<std::optional<ContractRecord>> MigrationStateManager::getContract(qint64 chainId,
                                                                              const QString &contractName)
{
    if (!readsTarget())
        return m_source->getContract(chainId, contractName);
    StateResult<std::optional<ContractRecord>> record = m_target->getContract(chainId, contractName);
    if ((record && record->has_value()) || mode() == Mode::JsonOnly)
        return record;
    ++m_fallbackReads;
    if (!record)
        qCWarning(lcState) << "target read failed, falling back to source:" << record.error().describe();
    return m_source->getContract(chainId, contractName);
}

StateResult<void> MigrationStateManager::write(const std::function<StateResult<void>(StateBackend *)> &op)
{
    QStringList errors;
    int attempted = 0;
    int failed = 0;
    StateError first;
    // Target first: the new store must never miss a write the old one has.
    for (StateBackend *backend : {m_target, m_source}) {
        if ((backend == m_target && !writesTarget()) || (backend == m_source && !writesSource()))
            continue;
        ++attempted;
        if (StateResult<void> done = op(backend); !done) {
            ++failed;
            if (!first.isError())
                first = done.error();
            errors.append(backend->backendType() + QLatin1String(": ") + done.error().describe());
        }
    }
    {
        QMutexLocker lock(&m_mutex);
        m_lastErrors = errors;
    }
    if (failed == 0)
        return {};
    if (attempted > 1) {
        first.code = failed == attempted ? StateErrorCode::MigrationFailed : StateErrorCode::WriteFailed;
        first.message = (failed == attempted ? QStringLiteral("both stores failed: ")
                                             : QStringLiteral("the stores now disagree: "))
                        + errors.join(QLatin1String("; "));
    }
    return fail(first);
}

StateResult<void> MigrationStateManager::putContracts(const std::vector<ContractRecord> &records)
{
    return write([&](StateBackend *b) { return b->putContracts(records); });
}

StateResult<bool> MigrationStateManager::deleteContract(qint64 chainId, const QString &contractName)
{
    bool removed = false;
    return write([&](StateBackend *b) {
               return b->deleteContract(chainId, contractName).map([&](bool r) { removed |= r; });
           })
        .map([&] { return removed; });
}

ScanResult MigrationStateManager::scanAll()
{
    if (!readsTarget())
        return m_source->scanAll();
    ScanResult target = m_target->scanAll();
    if (mode() == Mode::JsonOnly)
        return target;
    // With fallback, a record the target lacks is served from the source, as getContract() does.
    std::map<std::string, bool> present;
    for (const ContractRecord &r : target.records)
        present.emplace(r.key(), true);
    ScanResult source = m_source->scanAll();
    for (ContractRecord &r : source.records) {
        if (!present.count(r.storageKey()))
            target.records.push_back(std::move(r));
    }
    target.errors += source.errors;
    return target;
}

CrossStoreIntegrity MigrationStateManager::validateAcrossStores()
{
    CrossStoreIntegrity result;
    ScanResult source = m_source->scanAll();
    ScanResult target = m_target->scanAll();
    result.errors = source.errors + target.errors;
    std::map<std::string, QByteArray> sourceHashes;
    for (const ContractRecord &r : source.records) {
        std::string name;
        ContractRecord::splitKey(r.storageKey(), nullptr, &name);
        sourceHashes[r.storageKey()] =
            RecordConverter::integrityHash(r.keyChainId(), name, RecordConverter::toJsonEntry(r));
    }
    for (const ContractRecord &r : target.records) {
        const std::string key = r.key();
        const QByteArray hash =
            RecordConverter::integrityHash(r.chainId(), r.contractName(), RecordConverter::toJsonEntry(r));
        auto it = sourceHashes.find(key);
        if (it == sourceHashes.end()) {
            result.missingInSource.append(QString::fromStdString(key));
            continue;
        }
        if (it->second == hash)
            ++result.matched;
        else
            result.differing.append(QString::fromStdString(key));
        sourceHashes.erase(it);
    }
    for (const auto &[key, hash] : sourceHashes)
        result.missingInTarget.append(QString::fromStdString(key));
    return result;
}

} // namespace Cockpit
