// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/money.h"

#include <QList>
#include <QMap>
#include <QString>

namespace Cockpit {

// Value types shared by the ledger store, the integration facade and the monitor. Plain data: copy freely
// between threads.
namespace LedgerAccountType {
inline QString usdcBalance()
{
    return QStringLiteral("usdc_balance");
}
inline QString fiatExposure()
{
    return QStringLiteral("fiat_exposure");
}
inline QString pendingInvestment()
{
    return QStringLiteral("pending_investment");
}
// System account that on-chain deposits come from; it goes negative by design (money owed to users).
inline QString onchainClearingKey()
{
    return QStringLiteral("onchain_clearing");
}
} // namespace LedgerAccountType

// A user's account (userId + accountType) or a system account (systemKey).
struct AccountRef
{
    QString userId;
    QString accountType;
    QString systemKey;

    static AccountRef user(const QString &userId, const QString &accountType)
    {
        return {userId, accountType, {}};
    }
    static AccountRef system(const QString &key) { return {{}, QStringLiteral("system"), key}; }
    bool isSystem() const { return !systemKey.isEmpty(); }
    QString label() const
    {
        return isSystem() ? QString(QLatin1String("system/") + systemKey)
                          : QString(userId + QLatin1Char('/') + accountType);
    }
};

struct EntryRequest
{
    AccountRef account;
    bool debit = false; // debit lowers the account's balance, credit raises it
    Money amount;       // > 0
};

struct TransactionRequest
{
    QString referenceType; // with referenceId: the idempotency key
    QString referenceId;
    QString description;
    QList<EntryRequest> entries;
};

struct PostResult
{
    enum class Status
    {
        Posted,
        Duplicate,
        Rejected,
        Error
    };
    Status status = Status::Error;
    QString message;
    qint64 transactionId = 0;
    bool ok() const { return status == Status::Posted || status == Status::Duplicate; }
};

struct HistoryEntry
{
    qint64 transactionId = 0;
    qint64 createdAtMs = 0;
    QString referenceType;
    QString referenceId;
    QString description;
    QString accountType;
    bool debit = false;
    Money amount;
};

// A legacy write that failed while the ledger write stood (shadow mode).
struct ShadowFailure
{
    qint64 id = 0;
    qint64 atMs = 0;
    QString userId;
    QString operation;
    QString referenceType;
    QString referenceId;
    QString error;
};

struct Discrepancy
{
    qint64 atMs = 0;
    QString userId;
    QString accountType;
    QString legacyColumn;
    Money ledger;
    Money legacy;
    QString source; // where it was seen: "read" or "strict_write"
};

// One flushed aggregate: `count` events of `metric`/`label` in the second starting at `second` (unix
// seconds); `histogram` is LatencyHistogram::serialize() for duration metrics, empty otherwise.
struct MetricRow
{
    qint64 second = 0;
    QString metric;
    QString label;
    qint64 count = 0;
    QString histogram;
};

// The outcome of one facade operation.
struct OperationResult
{
    enum class Status
    {
        Ok,        // posted (and, in shadow mode, the legacy write either done or recorded as failed)
        Duplicate, // the reference was posted before; nothing changed
        Rejected,  // bad input or insufficient funds; nothing changed
        Failed,    // a write failed (or strict mode saw a discrepancy); nothing changed
    };
    Status status = Status::Failed;
    QString message;
    qint64 transactionId = 0;
    bool shadowWriteFailed = false; // the ledger write stands, the legacy write was recorded as failed
    bool ok() const { return status == Status::Ok || status == Status::Duplicate; }
};

// A user's balances from both sides, as LedgerIntegration::getUserBalance() returns them.
struct UserBalanceView
{
    QString userId;
    QString source;              // "ledger" or "legacy": the side the phase reads from
    QMap<QString, Money> ledger; // by account type (all mapped types present, zero when no account)
    QMap<QString, Money> legacy; // by legacy column
    bool ledgerRead = false;
    bool legacyRead = false;
    QList<Discrepancy> discrepancies; // only when both sides were read
};

} // namespace Cockpit
