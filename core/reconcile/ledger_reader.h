// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "ledger/decimal.h"
#include "reconcile/ledger_invariants.h"
#include "reconcile/reconcile_connection.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Cockpit {

class LedgerStore;

// One mapped pair of a user: the ledger account's balance and the legacy column, each at its column's own
// scale. A missing side is nullopt and counts as zero for the difference (DiscrepancyRule).
struct UserAccountLine
{
    QString accountType;
    QString legacyColumn;
    std::optional<Decimal> ledger;     // no such ledger account
    std::optional<Decimal> legacy;     // no legacy row, or NULL
    std::optional<Decimal> difference; // nullopt only beyond the amount range
    bool discrepancy = false;
};

// One ledger entry of a user's account, newest first.
struct UserHistoryLine
{
    QString transactionId;
    std::optional<qint64> atMs; // the entry's time, when the time column is a timestamp
    QString atText;             // otherwise that column's value as text (empty without a time column)
    QString kind;               // the transaction's type or reference
    QString description;
    QString accountType;
    bool debit = false;
    Decimal amount;
};

struct UserLedgerReport
{
    QString userId;
    QList<UserAccountLine> accounts; // one per mapped pair, in the mapping's order
    QList<UserHistoryLine> history;

    bool anyDiscrepancy() const;
    // Nothing on either side: no ledger account, no legacy row, no entry.
    bool isUnknown() const;
};

// Reads an environment's ledger the way it is owned, so that `ledger balance`, `ledger check` and the
// Ledger page's user lookup work alike on the demo and on a service's database:
// - owned (the demo): the cockpit's own ledger store;
// - observed: the service's tables through the configured names (ledger.service), SELECT only. It needs
//   neither the cockpit's schema nor any write, so a SELECT-only role in a read-only session can use it.
//   Every configured table and column is checked first; one that is missing is named with its config key.
// A user's balances are compared by the reconciler's rule (DiscrepancyRule) and the configured tolerance.
// Threading: the thread that called open(), like every QtSql connection.
class LedgerReader
{
public:
    LedgerReader(LedgerConfig ledger, QString configPath);
    ~LedgerReader();
    LedgerReader(const LedgerReader &) = delete;
    LedgerReader &operator=(const LedgerReader &) = delete;

    // A failure names the database, or the table or column and its config key.
    Result<void> open();
    bool isObserved() const { return m_config.ownership == LedgerOwnership::Observed; }
    QString describe() const;
    // The owned ledger's store (its shadow-write failures, schema version); nullptr when observed.
    LedgerStore *store() const { return m_store.get(); }

    // A user's pairs and up to historyLimit entries. A user id the id column's type cannot hold (not a
    // uuid for a uuid column...) is an error naming the column.
    Result<UserLedgerReport> user(const QString &userId, int historyLimit);
    Result<InvariantFindings> invariants(int maxListed);

private:
    Result<UserLedgerReport> ownedUser(const QString &userId, int historyLimit);
    Result<UserLedgerReport> observedUser(const QString &userId, int historyLimit);
    Result<void> checkUserId(const QString &userId) const; // Invalid: not of the id column's type
    void judge(UserLedgerReport *report) const;

    LedgerConfig m_config;
    QString m_configPath;
    std::unique_ptr<LedgerStore> m_store;
    std::unique_ptr<ReconcileConnection> m_connection;
    ReconcileSql::Names m_names;
};

} // namespace Cockpit
