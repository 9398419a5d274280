// SPDX-License-Identifier: MIT
#include "ledger/ledger_integration.h"

#include "common/logging.h"
#include "ledger/ledger_store.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QUuid>

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

} // namespace

LedgerIntegration::LedgerIntegration(LedgerStore &store, const LedgerConfig &config, LedgerMode mode)
    : m_store(store)
    , m_config(config)
    , m_mode(mode)
    , m_tolerance(Money::parse(config.tolerance).value_or(Money()))
{}

LedgerIntegration::~LedgerIntegration()
{
    if (m_inBatch)
        rollbackBatch();
    flushMetrics();
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

QList<QPair<QString, Money>> LedgerIntegration::legacyDeltas(const TransactionRequest &request,
                                                             QString *error) const
{
    QList<QPair<QString, Money>> deltas;
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
            *error = QStringLiteral("legacy delta overflows");
        }
    }
    deltas.removeIf([](const auto &d) { return d.second.isZero(); });
    return deltas;
}

QString LedgerIntegration::undo(bool ownTransaction)
{
    if (ownTransaction)
        return m_store.rollback();
    QString e = m_store.rollbackToSavepoint(opSavepoint);
    if (e.isEmpty())
        e = m_store.releaseSavepoint(opSavepoint);
    return e;
}

QString LedgerIntegration::finish(bool ownTransaction)
{
    return ownTransaction ? m_store.commit() : m_store.releaseSavepoint(opSavepoint);
}

OperationResult LedgerIntegration::performLegacyOnly(const QString &operation, const QString &userId,
                                                     const QList<QPair<QString, Money>> &deltas, qint64 nowMs)
{
    // Before the migration the legacy table is the only side, written as the legacy services did.
    OperationResult result;
    const bool own = !m_inBatch;
    if (QString e = own ? m_store.begin() : m_store.savepoint(opSavepoint); !e.isEmpty()) {
        result.message = e;
        return result;
    }
    QString e = m_faultHook ? m_faultHook(operation, userId) : QString();
    if (e.isEmpty())
        e = m_store.applyLegacyDelta(userId, deltas, 0, nowMs);
    if (e.isEmpty())
        e = finish(own);
    if (!e.isEmpty()) {
        undo(own);
        result.message = operation + QLatin1String(": legacy write failed: ") + e;
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
    QString error;
    const QList<QPair<QString, Money>> deltas = legacyDeltas(request, &error);
    if (!error.isEmpty()) {
        result.status = OperationResult::Status::Rejected;
        result.message = operation + QLatin1String(": ") + error;
        return result;
    }
    if (!m_mode.ledgerWrites)
        return performLegacyOnly(operation, userId, deltas, now);

    const bool own = !m_inBatch;
    const auto fail = [&](const QString &message, bool rollBack) {
        if (rollBack)
            undo(own);
        m_metrics.recordWrite(QStringLiteral("failed"), now);
        result.status = OperationResult::Status::Failed;
        result.message = operation + QLatin1String(": ") + message;
        qCWarning(lcLedger).noquote() << result.message;
        return result;
    };
    if (QString e = own ? m_store.begin() : m_store.savepoint(opSavepoint); !e.isEmpty())
        return fail(e, false);

    const PostResult post = m_store.post(request, now);
    if (post.status == PostResult::Status::Duplicate) {
        if (QString e = finish(own); !e.isEmpty())
            return fail(e, true);
        result.status = OperationResult::Status::Duplicate;
        result.message = post.message;
        return result;
    }
    if (post.status == PostResult::Status::Rejected) {
        undo(own);
        m_metrics.recordWrite(QStringLiteral("rejected"), now);
        result.status = OperationResult::Status::Rejected;
        result.message = operation + QLatin1String(": ") + post.message;
        return result;
    }
    if (post.status != PostResult::Status::Posted)
        return fail(post.message, true);
    result.transactionId = post.transactionId;

    if (m_mode.shadowWrites) {
        QElapsedTimer lag;
        lag.start();
        QString legacyError = m_faultHook ? m_faultHook(operation, userId) : QString();
        if (legacyError.isEmpty()) {
            // On PostgreSQL a failed statement poisons the transaction; the savepoint keeps the ledger
            // write alive when the legacy one fails.
            const bool guard = m_store.failedStatementAbortsTransaction();
            if (guard)
                legacyError = m_store.savepoint(legacySavepoint);
            if (legacyError.isEmpty())
                legacyError = m_store.applyLegacyDelta(userId, deltas, post.transactionId, now);
            if (guard && !legacyError.isEmpty())
                m_store.rollbackToSavepoint(legacySavepoint);
            if (guard)
                m_store.releaseSavepoint(legacySavepoint);
        }
        if (!legacyError.isEmpty()) {
            if (m_mode.strict)
                return fail(
                    QLatin1String("strict mode: legacy write failed, nothing written: ") + legacyError, true);
            const ShadowFailure failure{
                0, now, userId, operation, request.referenceType, request.referenceId, legacyError};
            if (QString e = m_store.recordShadowFailure(failure); !e.isEmpty())
                return fail(QLatin1String("legacy write failed and could not be recorded: ") + e, true);
            m_metrics.recordShadowFailure(now);
            result.shadowWriteFailed = true;
            result.message = operation
                             + QLatin1String(": legacy write failed (recorded as shadow-write failure): ")
                             + legacyError;
            qCWarning(lcLedger).noquote() << result.message + QLatin1String(" | user_id=") + userId;
        } else {
            m_metrics.recordWriteLag(lag.nsecsElapsed(), now);
            if (m_mode.strict) {
                QString readError;
                const auto ledger = m_store.ledgerBalances(userId, &readError);
                const auto legacy = ledger ? m_store.legacyBalances(userId, &readError) : std::nullopt;
                if (!ledger || !legacy)
                    return fail(readError, true);
                const QList<Discrepancy> found =
                    compare(userId, *ledger, *legacy, QStringLiteral("strict_write"), now);
                if (!found.isEmpty()) {
                    undo(own);
                    for (const Discrepancy &d : found) {
                        m_store.recordDiscrepancy(d);
                        m_metrics.recordDiscrepancy(d.accountType, now);
                    }
                    const Discrepancy &d = found.first();
                    return fail(
                        QStringLiteral("balance discrepancy detected (strict mode) | user_id=%1 | %2 ledger "
                                       "%3 vs legacy %4 %5; nothing written")
                            .arg(userId, d.accountType, d.ledger.toString(), d.legacyColumn,
                                 d.legacy.toString()),
                        false);
                }
            }
        }
    }
    if (QString e = finish(own); !e.isEmpty())
        return fail(e, !own);
    m_metrics.recordWrite(QStringLiteral("ok"), now);
    result.status = OperationResult::Status::Ok;
    if (own)
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

std::optional<UserBalanceView> LedgerIntegration::getUserBalance(const QString &userId, QString *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    UserBalanceView view;
    view.userId = userId;
    view.source = LedgerMode::readSourceName(m_mode.readSource);
    const bool readLedger =
        m_mode.ledgerWrites
        && (m_mode.readSource == LedgerMode::ReadSource::Ledger || m_mode.comparesOnRead());
    const bool readLegacy = m_mode.readSource == LedgerMode::ReadSource::Legacy || m_mode.comparesOnRead();
    QElapsedTimer timer;
    if (readLedger) {
        timer.start();
        const auto ledger = m_store.ledgerBalances(userId, error);
        m_metrics.recordBalanceQuery(QStringLiteral("ledger"), timer.nsecsElapsed(), now);
        if (!ledger)
            return std::nullopt;
        for (const AccountMapping &m : m_config.mapping)
            view.ledger.insert(m.accountType, ledger->value(m.accountType));
        view.ledgerRead = true;
    }
    if (readLegacy) {
        timer.start();
        const auto legacy = m_store.legacyBalances(userId, error);
        m_metrics.recordBalanceQuery(QStringLiteral("legacy"), timer.nsecsElapsed(), now);
        if (!legacy)
            return std::nullopt;
        view.legacy = *legacy;
        view.legacyRead = true;
    }
    if (readLedger && readLegacy) {
        view.discrepancies = compare(userId, view.ledger, view.legacy, QStringLiteral("read"), now);
        for (const Discrepancy &d : std::as_const(view.discrepancies)) {
            m_metrics.recordDiscrepancy(d.accountType, now);
            if (QString e = m_store.recordDiscrepancy(d); !e.isEmpty())
                qCWarning(lcLedger).noquote() << e;
            qCWarning(lcLedger).noquote()
                << QStringLiteral("Shadow mode: balance discrepancy | user_id=%1 | %2 %3 vs %4 %5")
                       .arg(userId, d.accountType, d.ledger.toString(), d.legacyColumn, d.legacy.toString());
        }
        if (m_mode.strict && !view.discrepancies.isEmpty()) {
            const Discrepancy &d = view.discrepancies.first();
            *error =
                QStringLiteral(
                    "Balance discrepancy detected (strict mode) | user_id=%1 | %2 ledger %3 vs legacy "
                    "%4 %5")
                    .arg(userId, d.accountType, d.ledger.toString(), d.legacyColumn, d.legacy.toString());
            if (!m_inBatch)
                maybeFlush(now);
            return std::nullopt;
        }
    }
    if (!m_inBatch)
        maybeFlush(now);
    return view;
}

std::optional<bool> LedgerIntegration::checkAvailableBalance(const QString &userId, Money amount,
                                                             const QString &accountType, QString *error)
{
    const std::optional<UserBalanceView> view = getUserBalance(userId, error);
    if (!view)
        return std::nullopt;
    if (view->source == QLatin1String("ledger"))
        return view->ledger.value(accountType) >= amount;
    const QString column = legacyColumnFor(accountType);
    if (column.isEmpty()) {
        *error = QLatin1String("account type ") + accountType
                 + QLatin1String(" has no legacy column in ledger.mapping");
        return std::nullopt;
    }
    return view->legacy.value(column) >= amount;
}

QString LedgerIntegration::beginBatch()
{
    if (m_inBatch)
        return QStringLiteral("a batch is already open");
    if (QString e = m_store.begin(); !e.isEmpty())
        return e;
    m_inBatch = true;
    return {};
}

QString LedgerIntegration::commitBatch()
{
    if (!m_inBatch)
        return QStringLiteral("no batch is open");
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastFlushMs >= 1000) {
        // Metrics of the batch commit together with it; a metrics problem must not cost the batch, so on
        // PostgreSQL (where a failed statement poisons the transaction) it runs behind a savepoint.
        const bool guard = m_store.failedStatementAbortsTransaction();
        const QString metricsSavepoint = QStringLiteral("ledger_metrics");
        if (guard)
            m_store.savepoint(metricsSavepoint);
        if (QString e = m_store.writeMetrics(m_metrics.takeRows()); !e.isEmpty()) {
            qCWarning(lcLedger).noquote() << e;
            if (guard)
                m_store.rollbackToSavepoint(metricsSavepoint);
        }
        if (guard)
            m_store.releaseSavepoint(metricsSavepoint);
        m_lastFlushMs = now;
    }
    m_inBatch = false;
    return m_store.commit();
}

QString LedgerIntegration::rollbackBatch()
{
    if (!m_inBatch)
        return QStringLiteral("no batch is open");
    m_inBatch = false;
    return m_store.rollback();
}

void LedgerIntegration::maybeFlush(qint64 nowMs)
{
    if (nowMs - m_lastFlushMs >= 1000)
        flushMetrics();
}

QString LedgerIntegration::flushMetrics()
{
    m_lastFlushMs = QDateTime::currentMSecsSinceEpoch();
    if (!m_metrics.hasPending() || !m_store.isWritable())
        return {};
    const QList<MetricRow> rows = m_metrics.takeRows();
    if (m_inBatch)
        return m_store.writeMetrics(rows);
    if (QString e = m_store.begin(); !e.isEmpty())
        return e;
    if (QString e = m_store.writeMetrics(rows); !e.isEmpty()) {
        m_store.rollback();
        return e;
    }
    return m_store.commit();
}

} // namespace Cockpit
