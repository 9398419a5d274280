// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "ledger/ledger_metrics.h"
#include "ledger/ledger_mode.h"
#include "ledger/ledger_types.h"

#include <functional>
#include <optional>

namespace Cockpit {

class LedgerStore;

// The ledger migration's integration facade (Phase 4): the operations the funding, investing and balance
// services call, writing the ledger and, per the migration phase (LedgerMode), the legacy `balances`
// table.
//
// Shadow mode: the ledger is written first; the legacy write follows inside the same database
// transaction but behind a savepoint, so a legacy write that fails never rolls back the ledger write:
// it is recorded as a shadow-write failure in that same transaction (counted, listed, reconciled later).
// Strict mode: a failed legacy write or a discrepancy after the write fails the operation and rolls both
// sides back. Reads come from mode().readSource; when both sides are written, a read compares them and
// records each discrepancy beyond the configured tolerance.
//
// Batches: between beginBatch() and commitBatch() the operations share one database transaction (one
// commit for many operations). A refused or failed operation changes nothing and the batch goes on: each
// operation runs in a savepoint, except where the store finds every refusal before writing (SQLite) and
// nothing else is expected to fail after a write (not strict mode); there an unexpected database error
// rolls the whole batch back, later operations of the batch fail and commitBatch() reports it. Metrics are
// aggregated in memory and written with the next commit that is at least a second after the previous
// flush, and by flushMetrics().
//
// Threading: uses the store, so it lives in the store's thread. The fault hook runs in that thread.
class LedgerIntegration
{
public:
    // A failure makes the legacy write fail with its message, as if the database had refused it.
    using LegacyFaultHook = std::function<Result<void>(const QString &operation, const QString &userId)>;

    LedgerIntegration(LedgerStore &store, const LedgerConfig &config, LedgerMode mode);
    ~LedgerIntegration();

    LedgerMode mode() const { return m_mode; }
    void setMode(const LedgerMode &mode) { m_mode = mode; }
    void setLegacyFaultHook(LegacyFaultHook hook) { m_faultHook = std::move(hook); }

    // Deposit from the on-chain clearing account to the user's usdc_balance; idempotent by reference.
    OperationResult creditUserUsdc(const QString &userId, Money amount, const QString &description,
                                   const QString &referenceId,
                                   const QString &referenceType = QStringLiteral("deposit"));
    OperationResult moveFundsToFiatExposure(const QString &userId, Money amount, const QString &description,
                                            const QString &referenceId);
    // usdc_balance -> pending_investment; an empty reference makes a fresh one (not idempotent).
    OperationResult reserveForInvestment(const QString &userId, Money amount,
                                         const QString &referenceId = {});
    // pending_investment -> usdc_balance
    OperationResult releaseReservation(const QString &userId, Money amount, const QString &referenceId = {});
    // pending_investment -> fiat_exposure, on an order fill; idempotent by order id.
    OperationResult executeInvestment(const QString &userId, Money amount, const QString &orderId);

    Result<UserBalanceView> getUserBalance(const QString &userId);
    // Whether the read source's balance of `accountType` covers `amount`.
    Result<bool> checkAvailableBalance(const QString &userId, Money amount, const QString &accountType);

    Result<void> beginBatch();
    Result<void> commitBatch();
    Result<void> rollbackBatch();
    bool inBatch() const { return m_inBatch; }
    Result<void> flushMetrics();

    // Legacy column mapped to an account type, empty when unmapped.
    QString legacyColumnFor(const QString &accountType) const;
    LedgerStore &store() { return m_store; }

private:
    OperationResult perform(const QString &operation, const QString &userId,
                            const TransactionRequest &request);
    OperationResult performLegacyOnly(const QString &operation, const QString &userId,
                                      const QList<QPair<QString, Money>> &deltas, qint64 nowMs);
    Result<QList<QPair<QString, Money>>> legacyDeltas(const TransactionRequest &request) const;
    QList<Discrepancy> compare(const QString &userId, const QMap<QString, Money> &ledger,
                               const QMap<QString, Money> &legacy, const QString &source, qint64 nowMs) const;
    // How an operation is undone: its own database transaction (outside a batch), a savepoint inside the
    // batch, or neither (a batch operation of a store that refuses before writing, see
    // needsOperationSavepoint()).
    struct Scope
    {
        bool own = false;
        bool guarded = false;
    };
    bool needsOperationSavepoint() const;
    Result<void> open(const Scope &scope);
    Result<void> undo(const Scope &scope, const QString &reason);
    Result<void> finish(const Scope &scope);
    void maybeFlush(qint64 nowMs);

    LedgerStore &m_store;
    LedgerConfig m_config;
    LedgerMode m_mode;
    Money m_tolerance;
    LegacyFaultHook m_faultHook;
    LedgerMetrics m_metrics;
    bool m_inBatch = false;
    quint64 m_readCount = 0; // getUserBalance() calls: which side is read first alternates
    // Why the open batch was rolled back (an unexpected error in an operation without a savepoint).
    QString m_batchError;
    qint64 m_lastFlushMs = 0;
    quint64 m_generatedReference = 0;
};

} // namespace Cockpit
