// SPDX-License-Identifier: MIT
#include "reconcile/ledger_reader.h"

#include "db/sql_error_text.h"
#include "ledger/ledger_store.h"
#include "reconcile/discrepancy_rule.h"
#include "reconcile/service_schema_check.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

namespace Cockpit {

bool UserLedgerReport::anyDiscrepancy() const
{
    return std::any_of(accounts.cbegin(), accounts.cend(),
                       [](const UserAccountLine &a) { return a.discrepancy; });
}

bool UserLedgerReport::isUnknown() const
{
    return history.isEmpty() && std::all_of(accounts.cbegin(), accounts.cend(), [](const UserAccountLine &a) {
               return !a.ledger && (!a.legacy || a.legacy->isZero());
           });
}

LedgerReader::LedgerReader(LedgerConfig ledger, QString configPath)
    : m_config(std::move(ledger))
    , m_configPath(std::move(configPath))
{}

LedgerReader::~LedgerReader() = default;

QString LedgerReader::describe() const
{
    return m_config.database.describe();
}

Result<void> LedgerReader::open()
{
    if (!isObserved()) {
        auto store = LedgerStore::create(m_config.database, m_config.mapping);
        if (Result<void> opened = store->open(); !opened)
            return opened;
        m_store = std::move(store);
        return ok();
    }
    auto connection = std::make_unique<ReconcileConnection>(ReconcileStorage::of(m_config, m_configPath),
                                                            QStringLiteral("ledger-read"));
    if (Result<void> opened = connection->open(); !opened)
        return opened;
    // The history's own columns (type, description, time) are optional: without them the history shows
    // less, and balances and checks work all the same.
    Result<ReconcileSql::Names> names =
        ServiceSchemaCheck::run(connection->database(), connection->storage(), m_config.mapping, true);
    if (!names) {
        m_config.service.transactionsType.clear();
        m_config.service.transactionsDescription.clear();
        m_config.service.entriesCreatedAt.clear();
        names =
            ServiceSchemaCheck::run(connection->database(), connection->storage(), m_config.mapping, false);
        if (!names)
            return fail(names.error());
    }
    m_names = std::move(*names);
    m_connection = std::move(connection);
    return ok();
}

void LedgerReader::judge(UserLedgerReport *report) const
{
    const Decimal tolerance = Decimal::parse(m_config.tolerance).value_or(Decimal());
    for (UserAccountLine &a : report->accounts) {
        const std::optional<Decimal> ledger[] = {a.ledger};
        const std::optional<Decimal> legacy[] = {a.legacy};
        DiscrepancyRule::Findings findings;
        qsizetype overflow = -1;
        if (!DiscrepancyRule::evaluate(ledger, legacy, tolerance, &findings, &overflow)) {
            a.difference.reset();
            a.discrepancy = true; // a difference beyond the range is certainly not within the tolerance
            continue;
        }
        a.difference = a.ledger.value_or(Decimal()).minus(a.legacy.value_or(Decimal()));
        a.discrepancy = !findings.isEmpty();
    }
}

Result<UserLedgerReport> LedgerReader::user(const QString &userId, int historyLimit)
{
    Result<UserLedgerReport> report =
        isObserved() ? observedUser(userId, historyLimit) : ownedUser(userId, historyLimit);
    if (report)
        judge(&*report);
    return report;
}

Result<UserLedgerReport> LedgerReader::ownedUser(const QString &userId, int historyLimit)
{
    const auto ledger = m_store->ledgerBalances(userId);
    if (!ledger)
        return fail(ledger.error());
    const auto legacy = m_store->legacyBalances(userId);
    if (!legacy)
        return fail(legacy.error());
    const auto history = m_store->history(userId, historyLimit);
    if (!history)
        return fail(history.error());
    UserLedgerReport report;
    report.userId = userId;
    for (const AccountMapping &m : m_config.mapping) {
        UserAccountLine a{m.accountType, m.legacyColumn, {}, {}, {}, false};
        if (ledger->contains(m.accountType))
            a.ledger = Decimal(ledger->value(m.accountType));
        if (legacy->contains(m.legacyColumn))
            a.legacy = Decimal(legacy->value(m.legacyColumn));
        report.accounts.append(a);
    }
    for (const HistoryEntry &h : *history) {
        report.history.append({QString::number(h.transactionId), h.createdAtMs, QString(),
                               h.referenceType + QLatin1Char('/') + h.referenceId, h.description,
                               h.accountType, h.debit, Decimal(h.amount)});
    }
    return report;
}

Result<void> LedgerReader::checkUserId(const QString &userId) const
{
    const QString type = m_names.userIdType;
    const auto refuse = [&](const char *what) -> Result<void> {
        return fail(QLatin1String("user id \"") + userId + QLatin1String("\" is not ") + QLatin1String(what)
                        + QLatin1String(", as ") + m_names.table(m_config.service.accountsTable)
                        + QLatin1Char('.') + m_config.service.accountsUserId + QLatin1String(" (") + type
                        + QLatin1String(", ledger.service.accounts.userId) requires"),
                    ErrorKind::Invalid);
    };
    if (type == QLatin1String("uuid") && QUuid::fromString(userId).isNull())
        return refuse("a uuid");
    static const QRegularExpression integer(QStringLiteral("^-?[0-9]{1,18}$"));
    if ((type == QLatin1String("bigint") || type == QLatin1String("integer")
         || type == QLatin1String("smallint"))
        && !integer.match(userId).hasMatch())
        return refuse("an integer");
    return ok();
}

Result<UserLedgerReport> LedgerReader::observedUser(const QString &userId, int historyLimit)
{
    if (Result<void> valid = checkUserId(userId); !valid)
        return fail(valid.error());
    const ServiceSchema &s = m_config.service;
    const auto col = [](const char *alias, const QString &column) -> QString {
        return QLatin1String(alias) + QLatin1Char('.') + ReconcileSql::Names::quote(column);
    };
    const QString users = ReconcileSql::usersBinding(ReconcileSql::Dialect::Postgres, {userId});
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    const auto failed = [&](const char *step) -> Result<UserLedgerReport> {
        return fail(describe() + QLatin1String(": ") + QLatin1String(step) + QLatin1String(" of ") + userId
                    + QLatin1String(": ") + sqlErrorText(q.lastError()));
    };

    UserLedgerReport report;
    report.userId = userId;
    for (const AccountMapping &m : m_config.mapping)
        report.accounts.append({m.accountType, m.legacyColumn, {}, {}, {}, false});

    q.prepare(QLatin1String("SELECT CAST(") + col("a", s.accountsType) + QLatin1String(" AS text), CAST(")
              + col("a", s.accountsBalance) + QLatin1String(" AS text) FROM ")
              + m_names.table(s.accountsTable) + QLatin1String(" a WHERE ")
              + ReconcileSql::usersFilter(ReconcileSql::Dialect::Postgres, col("a", s.accountsUserId),
                                          m_names.userIdType));
    q.addBindValue(users);
    if (!q.exec())
        return failed("read the ledger accounts");
    while (q.next()) {
        for (UserAccountLine &a : report.accounts) {
            if (a.accountType == q.value(0).toString())
                a.ledger = ReconcileSql::readDecimal(q.value(1));
        }
    }

    QString legacyColumns;
    for (const AccountMapping &m : m_config.mapping)
        legacyColumns += QLatin1String(", CAST(") + col("b", m.legacyColumn) + QLatin1String(" AS text)");
    q.prepare(QLatin1String("SELECT 1") + legacyColumns + QLatin1String(" FROM ")
              + m_names.table(s.legacyTable) + QLatin1String(" b WHERE ")
              + ReconcileSql::usersFilter(ReconcileSql::Dialect::Postgres, col("b", s.legacyUserId),
                                          m_names.userIdType));
    q.addBindValue(users);
    if (!q.exec())
        return failed("read the legacy balances");
    if (q.next()) {
        for (qsizetype i = 0; i < report.accounts.size(); ++i)
            report.accounts[i].legacy = ReconcileSql::readDecimal(q.value(static_cast<int>(i) + 1));
    }

    if (historyLimit > 0) {
        const bool timestamp = m_names.historyTimeType.startsWith(QLatin1String("timestamp"));
        QString time = QStringLiteral("NULL");
        if (!s.entriesCreatedAt.isEmpty() && timestamp)
            time = QLatin1String("CAST(EXTRACT(EPOCH FROM ") + col("e", s.entriesCreatedAt)
                   + QLatin1String(") * 1000 AS bigint)");
        else if (!s.entriesCreatedAt.isEmpty())
            time = QLatin1String("CAST(") + col("e", s.entriesCreatedAt) + QLatin1String(" AS text)");
        const auto optionalText = [&](const QString &column) -> QString {
            if (column.isEmpty())
                return QStringLiteral("NULL");
            return QLatin1String("CAST(") + col("t", column) + QLatin1String(" AS text)");
        };
        q.prepare(QLatin1String("SELECT CAST(") + col("t", s.transactionsId) + QLatin1String(" AS text), ")
                  + time + QLatin1String(", ") + optionalText(s.transactionsType) + QLatin1String(", ")
                  + optionalText(s.transactionsDescription) + QLatin1String(", CAST(")
                  + col("a", s.accountsType) + QLatin1String(" AS text), CAST(") + col("e", s.entriesType)
                  + QLatin1String(" AS text), CAST(") + col("e", s.entriesAmount)
                  + QLatin1String(" AS text) FROM ") + m_names.table(s.entriesTable)
                  + QLatin1String(" e JOIN ") + m_names.table(s.accountsTable) + QLatin1String(" a ON ")
                  + col("a", s.accountsId) + QLatin1String(" = ") + col("e", s.entriesAccountId)
                  + QLatin1String(" JOIN ") + m_names.table(s.transactionsTable) + QLatin1String(" t ON ")
                  + col("t", s.transactionsId) + QLatin1String(" = ") + col("e", s.entriesTransactionId)
                  + QLatin1String(" WHERE ")
                  + ReconcileSql::usersFilter(ReconcileSql::Dialect::Postgres, col("a", s.accountsUserId),
                                              m_names.userIdType)
                  + QLatin1String(" ORDER BY ")
                  + (s.entriesCreatedAt.isEmpty() ? QString()
                                                  : col("e", s.entriesCreatedAt) + QLatin1String(" DESC, "))
                  + col("e", s.entriesId) + QLatin1String(" DESC LIMIT ?"));
        q.addBindValue(users);
        q.addBindValue(historyLimit);
        if (!q.exec())
            return failed("read the ledger history");
        while (q.next()) {
            UserHistoryLine h;
            h.transactionId = q.value(0).toString();
            if (timestamp && !q.value(1).isNull())
                h.atMs = q.value(1).toLongLong();
            else
                h.atText = q.value(1).toString();
            h.kind = q.value(2).toString();
            h.description = q.value(3).toString();
            h.accountType = q.value(4).toString();
            h.debit = q.value(5).toString() == QLatin1String("debit"); // as the invariant check reads it
            const std::optional<Decimal> amount = ReconcileSql::readDecimal(q.value(6));
            if (!amount)
                return fail(describe() + QLatin1String(": unreadable amount ") + q.value(6).toString()
                            + QLatin1String(" in transaction ") + h.transactionId);
            h.amount = *amount;
            report.history.append(h);
        }
    }
    return report;
}

Result<InvariantFindings> LedgerReader::invariants(int maxListed)
{
    InvariantFindings findings;
    if (!isObserved()) {
        const Result<QStringList> violations = m_store->checkInvariants();
        if (!violations)
            return fail(violations.error());
        findings.count = violations->size();
        findings.listed = violations->mid(0, maxListed);
        return findings;
    }
    if (Result<void> checked = LedgerInvariants::check(m_connection->database(), m_connection->dialect(),
                                                       m_names, describe(), maxListed, {}, &findings);
        !checked)
        return fail(checked.error());
    return findings;
}

} // namespace Cockpit
