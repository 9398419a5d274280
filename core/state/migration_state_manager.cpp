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

bool MigrationStateManager::open(StateError *error)
{
    // Only the stores of the current phase must be reachable.
    if ((writesSource() || !readsTarget()) && !m_source->open(error))
        return false;
    if ((writesTarget() || readsTarget()) && !m_target->open(error))
        return false;
    return true;
}

bool MigrationStateManager::isHealthy()
{
    const bool source = !(writesSource() || !readsTarget()) || m_source->isHealthy();
    const bool target = !(writesTarget() || readsTarget()) || m_target->isHealthy();
    return source && target;
}

std::optional<ContractRecord> MigrationStateManager::getContract(qint64 chainId, const QString &contractName,
                                                                 StateError *error)
{
    if (!readsTarget())
        return m_source->getContract(chainId, contractName, error);
    StateError targetError;
    auto record = m_target->getContract(chainId, contractName, &targetError);
    if (record || mode() == Mode::JsonOnly) {
        if (error)
            *error = targetError;
        return record;
    }
    ++m_fallbackReads;
    if (targetError.isError())
        qCWarning(lcState) << "target read failed, falling back to source:" << targetError.describe();
    return m_source->getContract(chainId, contractName, error);
}

bool MigrationStateManager::write(const std::function<bool(StateBackend *, StateError *)> &op,
                                  StateError *error)
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
        StateError e;
        if (!op(backend, &e)) {
            ++failed;
            if (!first.isError())
                first = e;
            errors.append(backend->backendType() + QLatin1String(": ") + e.describe());
        }
    }
    {
        QMutexLocker lock(&m_mutex);
        m_lastErrors = errors;
    }
    if (failed == 0) {
        if (error)
            *error = {};
        return true;
    }
    if (error) {
        *error = first;
        if (attempted > 1) {
            error->code = failed == attempted ? StateErrorCode::MigrationFailed : StateErrorCode::WriteFailed;
            error->message = (failed == attempted ? QStringLiteral("both stores failed: ")
                                                  : QStringLiteral("the stores now disagree: "))
                             + errors.join(QLatin1String("; "));
        }
    }
    return false;
}

bool MigrationStateManager::putContract(qint64 chainId, const ContractRecord &record, StateError *error)
{
    return write([&](StateBackend *b, StateError *e) { return b->putContract(chainId, record, e); }, error);
}

bool MigrationStateManager::putContracts(const std::vector<ContractRecord> &records, StateError *error)
{
    return write([&](StateBackend *b, StateError *e) { return b->putContracts(records, e); }, error);
}

bool MigrationStateManager::deleteContract(qint64 chainId, const QString &contractName, StateError *error)
{
    bool removed = false;
    const bool ok = write(
        [&](StateBackend *b, StateError *e) {
            const bool r = b->deleteContract(chainId, contractName, e);
            removed |= r;
            return r || !e->isError();
        },
        error);
    return ok && removed;
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
