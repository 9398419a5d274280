// SPDX-License-Identifier: MIT
#include "ledger/ledger_integration.h"

#include "common/logging.h"
#include "ledger/ledger_store.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QUuid>

#include <algorithm>

namespace Cockpit {

namespace {

const QString opSavepoint = QStringLiteral("ledger_op");
const QString legacySavepoint = QStringLiteral("legacy_write");

QString reference(const QString &given)
{
    return given.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : given;
}

TransactionRequest transfer(const QString &type, const QString &id, const QString &description,
                            const AccountRef &from, const AccountRef &to, Money amount)
{
    return {type, id, description, {{from, true, amount}, {to, false, amount}}};
}

// A clean-up step after a failure that is already being reported (undoing a write, leaving a snapshot): the
// first failure stays the one the caller hears, and a failed clean-up goes to the log.
void logIfFailed(const Result<void> &result)
{
    if (!result)
        qCWarning(lcLedger).noquote() << result.error().message;
}

// A legacy fault injected by the demo or a test: its message, or success.
Result<void> injectedFault(const LedgerIntegration::LegacyFaultHook &hook, const QString &operation,
                           const QString &userId)
{
    if (!hook)
        return ok();
    return hook(operation, userId);
}

} // namespace

LedgerIntegration::LedgerIntegration(LedgerStore &store, const LedgerConfig &config, LedgerMode mode)
    : m_store(store)
    , m_config(config)
    , m_mode(mode)
    , m_tolerance(Money::parse(config.tolerance).value_or(Money()))
{}

LedgerIntegration::~LedgerIntegration()
{
    // Nobody is left to hear a failure here: it is logged.
    if (m_inBatch)
        logIfFailed(rollbackBatch());
    logIfFailed(flushMetrics());
}

QString LedgerIntegration::legacyColumnFor(const QString &accountType) const
{
    for (const AccountMapping &m : m_config.mapping) {
        if (m.accountType == accountType)
            return m.legacyColumn;
    }
    return {};
}

OperationResult LedgerIntegration::creditUserUsdc(const QString &userId, Money amount,
                                                  const QString &description, const QString &referenceId,
                                                  const QString &referenceType)
{
    return perform(QStringLiteral("CreditUserUSDC"), userId,
                   transfer(referenceType, reference(referenceId), description,
                            AccountRef::system(LedgerAccountType::onchainClearingKey()),
                            AccountRef::user(userId, LedgerAccountType::usdcBalance()), amount));
}

OperationResult LedgerIntegration::moveFundsToFiatExposure(const QString &userId, Money amount,
                                                           const QString &description,
                                                           const QString &referenceId)
{
    return perform(QStringLiteral("MoveFundsToFiatExposure"), userId,
                   transfer(QStringLiteral("fiat_exposure_move"), reference(referenceId), description,
                            AccountRef::user(userId, LedgerAccountType::usdcBalance()),
                            AccountRef::user(userId, LedgerAccountType::fiatExposure()), amount));
}

OperationResult LedgerIntegration::reserveForInvestment(const QString &userId, Money amount,
                                                        const QString &referenceId)
{
    return perform(QStringLiteral("ReserveForInvestment"), userId,
                   transfer(QStringLiteral("investment_reservation"), reference(referenceId),
                            QStringLiteral("Reserve for investment"),
                            AccountRef::user(userId, LedgerAccountType::usdcBalance()),
                            AccountRef::user(userId, LedgerAccountType::pendingInvestment()), amount));
}

OperationResult LedgerIntegration::releaseReservation(const QString &userId, Money amount,
                                                      const QString &referenceId)
{
    return perform(QStringLiteral("ReleaseReservation"), userId,
                   transfer(QStringLiteral("reservation_release"), reference(referenceId),
                            QStringLiteral("Release reservation"),
                            AccountRef::user(userId, LedgerAccountType::pendingInvestment()),
                            AccountRef::user(userId, LedgerAccountType::usdcBalance()), amount));
}

OperationResult LedgerIntegration::executeInvestment(const QString &userId, Money amount,
                                                     const QString &orderId)
{
    return perform(QStringLiteral("ExecuteInvestment"), userId,
                   transfer(QStringLiteral("investment_execution"), orderId,
                            QLatin1String("Order fill ") + orderId,
                            AccountRef::user(userId, LedgerAccountType::pendingInvestment()),
                            AccountRef::user(userId, LedgerAccountType::fiatExposure()), amount));
}

Result<QList<QPair<QString, Money>>> LedgerIntegration::legacyDeltas(const TransactionRequest &request) const
{
    QList<QPair<QString, Money>> deltas;
    deltas.reserve(request.entries.size());
    for (const EntryRequest &e : request.entries) {
        if (e.account.isSystem())
            continue;
        const QString column = legacyColumnFor(e.account.accountType);
        if (column.isEmpty())
            continue;
        const Money signedAmount = e.debit ? e.amount.negated() : e.amount;
        auto it =
            std::find_if(deltas.begin(), deltas.end(), [&](const auto &d) { return d.first == column; });
        if (it == deltas.end()) {
            deltas.append({column, signedAmount});
        } else if (const auto sum = it->second.plus(signedAmount)) {
            it->second = *sum;
        } else {
            return fail(QStringLiteral("legacy delta overflows"), ErrorKind::Invalid);
        }
    }
    deltas.removeIf([](const auto &d) { return d.second.isZero(); });
    return deltas;
}

bool LedgerIntegration::needsOperationSavepoint() const
{
    // A savepoint per operation costs a copy of every page the operation touches (SQLite's sub-journal),
    // more than the operation's own statements. It is needed only when a failure is expected after a
    // write: on PostgreSQL (a failed statement poisons the transaction), with a store whose post() may
    // write before refusing, and in strict mode (a legacy failure or a discrepancy undoes the ledger write).
    return m_store.failedStatementAbortsTransaction() || !m_store.refusesBeforeWriting()
           || (m_mode.shadowWrites && m_mode.strict);
}

Result<void> LedgerIntegration::open(const Scope &scope)
{
    if (scope.own)
        return m_store.begin();
    return scope.guarded ? m_store.savepoint(opSavepoint) : ok();
}

Result<void> LedgerIntegration::undo(const Scope &scope, const QString &reason)
{
    if (scope.own)
        return m_store.rollback();
    if (scope.guarded) {
        if (Result<void> undone = m_store.rollbackToSavepoint(opSavepoint); !undone)
            return undone;
        return m_store.releaseSavepoint(opSavepoint);
    }
    // Without a savepoint what this operation wrote cannot be undone alone: the whole batch goes, and
    // commitBatch() reports it. Only unexpected database errors get here (refusals write nothing).
    m_batchError = reason;
    return m_store.rollback();
}

Result<void> LedgerIntegration::finish(const Scope &scope)
{
    if (scope.own)
        return m_store.commit();
    return scope.guarded ? m_store.releaseSavepoint(opSavepoint) : ok();
}

OperationResult LedgerIntegration::performLegacyOnly(const QString &operation, const QString &userId,
                                                     const QList<QPair<QString, Money>> &deltas, qint64 nowMs)
{
    // Before the migration the legacy table is the only side, written as the legacy services did. The write
    // is one statement, so in a batch it needs a savepoint only where a failed statement poisons the
    // transaction.
    OperationResult result;
    const Scope scope{!m_inBatch, m_inBatch && m_store.failedStatementAbortsTransaction()};
    if (Result<void> opened = open(scope); !opened) {
        result.message = opened.error().message;
        return result;
    }
    Result<void> written = injectedFault(m_faultHook, operation, userId);
    if (written)
        written = m_store.applyLegacyDelta(userId, deltas, 0, nowMs);
    if (written)
        written = finish(scope);
    if (!written) {
        if (scope.own || scope.guarded)
            logIfFailed(undo(scope, written.error().message));
        result.message = operation + QLatin1String(": legacy write failed: ") + written.error().message;
        return result;
    }
    result.status = OperationResult::Status::Ok;
    return result;
}

OperationResult LedgerIntegration::perform(const QString &operation, const QString &userId,
                                           const TransactionRequest &request)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    OperationResult result;
    const Result<QList<QPair<QString, Money>>> found = legacyDeltas(request);
    if (!found) {
        result.status = OperationResult::Status::Rejected;
        result.message = operation + QLatin1String(": ") + found.error().message;
        return result;
    }
    const QList<QPair<QString, Money>> &deltas = *found;
    const auto fail = [&](const QString &message, bool rollBack, const Scope &scope) {
        result.status = OperationResult::Status::Failed;
        result.message = operation + QLatin1String(": ") + message;
        if (rollBack)
            logIfFailed(undo(scope, result.message));
        m_metrics.recordWrite(LedgerMetrics::Outcome::Failed, now);
        qCWarning(lcLedger).noquote() << result.message;
        return result;
    };
    if (m_inBatch && !m_batchError.isEmpty())
        return fail(QLatin1String("the batch was rolled back after an error: ") + m_batchError, false, {});
    if (!m_mode.ledgerWrites)
        return performLegacyOnly(operation, userId, deltas, now);

    const Scope scope{!m_inBatch, m_inBatch && needsOperationSavepoint()};
    if (Result<void> opened = open(scope); !opened)
        return fail(opened.error().message, false, scope);

    const std::optional<LedgerTransaction> transaction = m_store.openTransaction();
    const PostResult post = transaction
                                ? m_store.post(*transaction, request, now)
                                : PostResult{PostResult::Status::Error,
                                             m_store.describe() + QLatin1String(": no open transaction"), 0};
    if (post.status == PostResult::Status::Duplicate) {
        if (Result<void> finished = finish(scope); !finished)
            return fail(finished.error().message, true, scope);
        result.status = OperationResult::Status::Duplicate;
        result.message = post.message;
        return result;
    }
    if (post.status == PostResult::Status::Rejected) {
        // A store that refuses before writing left nothing to undo in a batch without a savepoint.
        if (scope.own || scope.guarded)
            logIfFailed(undo(scope, post.message));
        m_metrics.recordWrite(LedgerMetrics::Outcome::Rejected, now);
        result.status = OperationResult::Status::Rejected;
        result.message = operation + QLatin1String(": ") + post.message;
        return result;
    }
    if (post.status != PostResult::Status::Posted)
        return fail(post.message, true, scope);
    result.transactionId = post.transactionId;

    if (m_mode.shadowWrites) {
        QElapsedTimer lag;
        lag.start();
        Result<void> legacy = injectedFault(m_faultHook, operation, userId);
        if (legacy) {
            // On PostgreSQL a failed statement poisons the transaction; the savepoint keeps the ledger
            // write alive when the legacy one fails.
            bool saved = false;
            if (m_store.failedStatementAbortsTransaction()) {
                legacy = m_store.savepoint(legacySavepoint);
                saved = legacy.has_value();
            }
            if (legacy)
                legacy = m_store.applyLegacyDelta(userId, deltas, post.transactionId, now);
            if (saved) {
                // Back to before a failed legacy write, then the savepoint goes. If either step fails the
                // transaction is in doubt and the whole operation goes, the legacy write's failure named
                // first.
                Result<void> undone = legacy ? ok() : m_store.rollbackToSavepoint(legacySavepoint);
                if (undone)
                    undone = m_store.releaseSavepoint(legacySavepoint);
                if (!undone)
                    return fail(legacy ? undone.error().message
                                       : legacy.error().message + QLatin1String("; then ")
                                             + undone.error().message,
                                true, scope);
            }
        }
        if (!legacy) {
            const QString legacyError = legacy.error().message;
            if (m_mode.strict)
                return fail(QLatin1String("strict mode: legacy write failed, nothing written: ")
                                + legacyError,
                            true, scope);
            const ShadowFailure failure{
                0, now, userId, operation, request.referenceType, request.referenceId, legacyError};
            if (Result<void> recorded = m_store.recordShadowFailure(failure); !recorded)
                return fail(QLatin1String("legacy write failed and could not be recorded: ")
                                + recorded.error().message,
                            true, scope);
            m_metrics.recordShadowFailure(now);
            result.shadowWriteFailed = true;
            result.message = operation
                             + QLatin1String(": legacy write failed (recorded as shadow-write failure): ")
                             + legacyError;
            qCWarning(lcLedger).noquote() << result.message + QLatin1String(" | user_id=") + userId;
        } else {
            m_metrics.recordWriteLag(lag.nsecsElapsed(), now);
            if (m_mode.strict) {
                const auto ledger = m_store.ledgerBalances(userId);
                if (!ledger)
                    return fail(ledger.error().message, true, scope);
                const auto legacy = m_store.legacyBalances(userId);
                if (!legacy)
                    return fail(legacy.error().message, true, scope);
                const QList<Discrepancy> found =
                    compare(userId, *ledger, *legacy, QStringLiteral("strict_write"), now);
                if (!found.isEmpty()) {
                    logIfFailed(undo(scope, QStringLiteral("strict mode: balance discrepancy")));
                    for (const Discrepancy &d : found) {
                        logIfFailed(m_store.recordDiscrepancy(d));
                        m_metrics.recordDiscrepancy(d.accountType, now);
                    }
                    const Discrepancy &d = found.first();
                    return fail(
                        QStringLiteral("balance discrepancy detected (strict mode) | user_id=%1 | %2 ledger "
                                       "%3 vs legacy %4 %5; nothing written")
                            .arg(userId, d.accountType, d.ledger.toString(), d.legacyColumn,
                                 d.legacy.toString()),
                        false, scope);
                }
            }
        }
    }
    if (Result<void> finished = finish(scope); !finished)
        return fail(finished.error().message, !scope.own, scope);
    m_metrics.recordWrite(LedgerMetrics::Outcome::Ok, now);
    result.status = OperationResult::Status::Ok;
    if (scope.own)
        maybeFlush(now);
    return result;
}

QList<Discrepancy> LedgerIntegration::compare(const QString &userId, const QMap<QString, Money> &ledger,
                                              const QMap<QString, Money> &legacy, const QString &source,
                                              qint64 nowMs) const
{
    QList<Discrepancy> found;
    for (const AccountMapping &m : m_config.mapping) {
        const Money l = ledger.value(m.accountType);
        const Money g = legacy.value(m.legacyColumn);
        const std::optional<Money> diff = l.minus(g);
        if (!diff || diff->abs() > m_tolerance)
            found.append({nowMs, userId, m.accountType, m.legacyColumn, l, g, source});
    }
    return found;
}

Result<UserBalanceView> LedgerIntegration::getUserBalance(const QString &userId)
{
    QString error; // of a side's read, set by the lambdas below
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    UserBalanceView view;
    view.userId = userId;
    view.source = LedgerMode::readSourceName(m_mode.readSource);
    const bool readLedger =
        m_mode.ledgerWrites
        && (m_mode.readSource == LedgerMode::ReadSource::Ledger || m_mode.comparesOnRead());
    const bool readLegacy = m_mode.readSource == LedgerMode::ReadSource::Legacy || m_mode.comparesOnRead();
    // Both sides from one snapshot: a commit landing between the two reads (another writer) would otherwise
    // show as a discrepancy, and fail the read in strict mode. Inside the caller's transaction the
    // transaction is the snapshot. Ended before anything is recorded (the snapshot is read-only).
    bool inSnapshot = false;
    if (readLedger && readLegacy && !m_store.inTransaction()) {
        if (Result<void> snapshot = m_store.beginReadSnapshot(); !snapshot)
            return fail(snapshot.error());
        inSnapshot = true;
    }
    const auto readLedgerSide = [&]() -> bool {
        QElapsedTimer timer;
        timer.start();
        const auto ledger = m_store.ledgerBalances(userId);
        m_metrics.recordBalanceQuery(QStringLiteral("ledger"), timer.nsecsElapsed(), now);
        if (!ledger) {
            error = ledger.error().message;
            if (inSnapshot)
                logIfFailed(m_store.endReadSnapshot()); // the read's error is the one to report
            return false;
        }
        // The view holds exactly the mapped account types; the store's map usually is just that and is
        // shared instead of copied entry by entry.
        const bool exact =
            ledger->size() == m_config.mapping.size()
            && std::all_of(m_config.mapping.cbegin(), m_config.mapping.cend(),
                           [&](const AccountMapping &m) { return ledger->contains(m.accountType); });
        if (exact) {
            view.ledger = *ledger;
        } else {
            for (const AccountMapping &m : m_config.mapping)
                view.ledger.insert(m.accountType, ledger->value(m.accountType));
        }
        view.ledgerRead = true;
        return true;
    };
    const auto readLegacySide = [&]() -> bool {
        QElapsedTimer timer;
        timer.start();
        const auto legacy = m_store.legacyBalances(userId);
        m_metrics.recordBalanceQuery(QStringLiteral("legacy"), timer.nsecsElapsed(), now);
        if (!legacy) {
            error = legacy.error().message;
            if (inSnapshot)
                logIfFailed(m_store.endReadSnapshot());
            return false;
        }
        view.legacy = *legacy;
        view.legacyRead = true;
        return true;
    };
    // Which side is read first alternates: the first read of a snapshot or of a batch pays for warming
    // caches that the second one finds warm, and the PerformanceDegradation alert and the migration's
    // "within 10 % of legacy" gate compare the two sides' latencies.
    const bool legacyFirst = (m_readCount++ & 1) != 0;
    if (legacyFirst && readLegacy && !readLegacySide())
        return fail(std::move(error));
    if (readLedger && !readLedgerSide())
        return fail(std::move(error));
    if (!legacyFirst && readLegacy && !readLegacySide())
        return fail(std::move(error));
    if (inSnapshot) {
        if (Result<void> ended = m_store.endReadSnapshot(); !ended)
            return fail(ended.error());
    }
    if (readLedger && readLegacy) {
        view.discrepancies = compare(userId, view.ledger, view.legacy, QStringLiteral("read"), now);
        for (const Discrepancy &d : std::as_const(view.discrepancies)) {
            m_metrics.recordDiscrepancy(d.accountType, now);
            logIfFailed(m_store.recordDiscrepancy(d));
            qCWarning(lcLedger).noquote()
                << QStringLiteral("Shadow mode: balance discrepancy | user_id=%1 | %2 %3 vs %4 %5")
                       .arg(userId, d.accountType, d.ledger.toString(), d.legacyColumn, d.legacy.toString());
        }
        if (m_mode.strict && !view.discrepancies.isEmpty()) {
            const Discrepancy &d = view.discrepancies.first();
            if (!m_inBatch)
                maybeFlush(now);
            return fail(
                QStringLiteral("Balance discrepancy detected (strict mode) | user_id=%1 | %2 ledger %3 vs "
                               "legacy %4 %5")
                    .arg(userId, d.accountType, d.ledger.toString(), d.legacyColumn, d.legacy.toString()));
        }
    }
    if (!m_inBatch)
        maybeFlush(now);
    return view;
}

Result<bool> LedgerIntegration::checkAvailableBalance(const QString &userId, Money amount,
                                                      const QString &accountType)
{
    const Result<UserBalanceView> view = getUserBalance(userId);
    if (!view)
        return fail(view.error());
    if (view->source == QLatin1String("ledger"))
        return view->ledger.value(accountType) >= amount;
    const QString column = legacyColumnFor(accountType);
    if (column.isEmpty())
        return fail(QLatin1String("account type ") + accountType
                        + QLatin1String(" has no legacy column in ledger.mapping"),
                    ErrorKind::Invalid);
    return view->legacy.value(column) >= amount;
}

Result<void> LedgerIntegration::beginBatch()
{
    if (m_inBatch)
        return fail(QStringLiteral("a batch is already open"));
    if (Result<void> begun = m_store.begin(); !begun)
        return begun;
    m_inBatch = true;
    m_batchError.clear();
    return ok();
}

Result<void> LedgerIntegration::commitBatch()
{
    if (!m_inBatch)
        return fail(QStringLiteral("no batch is open"));
    if (!m_batchError.isEmpty()) {
        m_inBatch = false;
        return fail(QLatin1String("the batch was rolled back after an error: ") + m_batchError);
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastFlushMs >= 1000) {
        // Metrics of the batch commit together with it; a metrics problem must not cost the batch, so on
        // PostgreSQL (where a failed statement poisons the transaction) it runs behind a savepoint.
        const bool guard = m_store.failedStatementAbortsTransaction();
        const QString metricsSavepoint = QStringLiteral("ledger_metrics");
        const Result<void> saved = guard ? m_store.savepoint(metricsSavepoint) : ok();
        if (!saved) {
            logIfFailed(saved); // the batch commits without this second's metrics
        } else {
            const Result<void> written = m_store.writeMetrics(m_metrics.takeRows());
            logIfFailed(written);
            if (guard && !written)
                logIfFailed(m_store.rollbackToSavepoint(metricsSavepoint));
            if (guard)
                logIfFailed(m_store.releaseSavepoint(metricsSavepoint));
        }
        m_lastFlushMs = now;
    }
    m_inBatch = false;
    return m_store.commit();
}

Result<void> LedgerIntegration::rollbackBatch()
{
    if (!m_inBatch)
        return fail(QStringLiteral("no batch is open"));
    m_inBatch = false;
    if (!m_batchError.isEmpty())
        return ok(); // rolled back when the error happened
    return m_store.rollback();
}

void LedgerIntegration::maybeFlush(qint64 nowMs)
{
    // Metrics are telemetry: losing a second of them must not fail the operation that recorded them.
    if (nowMs - m_lastFlushMs >= 1000)
        logIfFailed(flushMetrics());
}

Result<void> LedgerIntegration::flushMetrics()
{
    m_lastFlushMs = QDateTime::currentMSecsSinceEpoch();
    if (!m_metrics.hasPending() || !m_store.isWritable())
        return ok();
    const QList<MetricRow> rows = m_metrics.takeRows();
    if (m_inBatch && m_store.inTransaction())
        return m_store.writeMetrics(rows);
    if (Result<void> begun = m_store.begin(); !begun)
        return begun;
    if (Result<void> written = m_store.writeMetrics(rows); !written) {
        logIfFailed(m_store.rollback());
        return written;
    }
    return m_store.commit();
}

} // namespace Cockpit
