// SPDX-License-Identifier: MIT
#include "reconcile/reconcile_sql.h"

#include "ledger/ledger_schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

namespace Cockpit {

bool ReconcileSql::Statement::prepare(QSqlQuery &q) const
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : binds)
        q.addBindValue(v);
    return true;
}

bool ReconcileSql::Statement::exec(QSqlQuery &q) const
{
    return prepare(q) && q.exec();
}

namespace {

using Dialect = ReconcileSql::Dialect;

bool isIdentifier(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    return re.match(name).hasMatch();
}

QString subsetFilter(Dialect dialect, const QString &column)
{
    return QLatin1String(" AND ") + ReconcileSql::usersFilter(dialect, column);
}

QString toleranceParam(Dialect dialect)
{
    return dialect == Dialect::Sqlite ? QStringLiteral("?") : QStringLiteral("CAST(? AS NUMERIC)");
}

QString nullMoney(Dialect dialect)
{
    return dialect == Dialect::Sqlite ? QStringLiteral("NULL") : QStringLiteral("CAST(NULL AS TEXT)");
}

QString signedEntryAmount()
{
    return QStringLiteral("CASE WHEN e.entry_type = 'debit' THEN -e.amount ELSE e.amount END");
}

} // namespace

Result<void> ReconcileSql::validateMapping(const QList<AccountMapping> &mapping)
{
    if (mapping.isEmpty())
        return fail(QStringLiteral("ledger.mapping is empty: nothing to reconcile"), ErrorKind::Invalid);
    QSet<QString> types;
    QSet<QString> columns;
    for (const AccountMapping &m : mapping) {
        const QString pair = QLatin1String("ledger.mapping: \"") + m.accountType + QLatin1String("\" -> \"")
                             + m.legacyColumn + QLatin1String("\"");
        if (!isIdentifier(m.accountType) || !isIdentifier(m.legacyColumn))
            return fail(pair + QLatin1String(" is not a plain lower-case identifier pair"),
                        ErrorKind::Invalid);
        if (types.contains(m.accountType) || columns.contains(m.legacyColumn))
            return fail(pair + QLatin1String(" repeats an account type or legacy column"),
                        ErrorKind::Invalid);
        types.insert(m.accountType);
        columns.insert(m.legacyColumn);
    }
    return ok();
}

QString ReconcileSql::rangeFilter(const QString &column, const KeyRange &range, QVariantList *binds)
{
    QString sql;
    if (range.from) {
        sql += QLatin1String(" AND ") + column + QLatin1String(" >= ?");
        binds->append(*range.from);
    }
    if (range.to) {
        sql += QLatin1String(" AND ") + column + QLatin1String(" < ?");
        binds->append(*range.to);
    }
    return sql;
}

QString ReconcileNames::quote(const QString &identifier)
{
    // Identifiers are checked by the config loader (letters, digits, _); doubling quotes keeps even an
    // unchecked one from ending the identifier.
    QString q = identifier;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString ReconcileNames::table(const QString &name) const
{
    return service.schema.isEmpty() ? quote(name) : quote(service.schema) + QLatin1Char('.') + quote(name);
}

ReconcileSql::Statement ReconcileSql::splitKeys(int parts, const Names &names)
{
    // histogram_bounds holds ~100 quantiles of a sample ANALYZE (or autovacuum) took; picking every
    // (n-1)/parts-th costs a catalog lookup. The anyarray goes through text to become a text[]. Only a good
    // split depends on these statistics, never a right result: the parts partition the key space whatever
    // the keys are.
    return {QStringLiteral("SELECT s.est, s.h[1 + (array_length(s.h, 1) - 1) * k / CAST(? AS integer)]"
                           " FROM (SELECT CAST(c.reltuples AS bigint) AS est,"
                           " CAST(CAST(st.histogram_bounds AS text) AS text[]) AS h"
                           " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                           " LEFT JOIN pg_stats st ON st.schemaname = n.nspname AND st.tablename = c.relname"
                           " AND st.attname = ?"
                           " WHERE c.oid = CAST(CAST(? AS text) AS regclass)) AS s,"
                           " generate_series(1, CAST(? AS integer) - 1) AS k ORDER BY k"),
            {parts, names.service.legacyUserId, names.table(names.service.legacyTable), parts}};
}

namespace {

// PostgreSQL: the pivot of the service's accounts (one row per user, one column per mapped type), FULL
// JOINed with its legacy rows. A missing account or legacy row counts as zero, as in the service's own
// comparison; users without a legacy row still come out (flagged), so that the run can count them.
ReconcileSql::Statement postgresDiscrepancyQuery(const QList<AccountMapping> &mapping, Money tolerance,
                                                 const std::optional<QStringList> &users,
                                                 const ReconcileSql::KeyRange &range,
                                                 const ReconcileSql::Names &names)
{
    using Names = ReconcileSql::Names;
    const ServiceSchema &s = names.service;
    ReconcileSql::Statement st;
    const QString usersBound = users ? ReconcileSql::usersBinding(Dialect::Postgres, *users) : QString();
    const QString uid = Names::quote(s.accountsUserId);
    const QString type = Names::quote(s.accountsType);
    const QString luid = Names::quote(s.legacyUserId);
    QStringList typePlaceholders;
    for (qsizetype i = 0; i < mapping.size(); ++i)
        typePlaceholders.append(QStringLiteral("?"));

    // GROUP BY the user walks the service's (user, account type) unique index in order, no sort needed.
    QString sql = QLatin1String("WITH l AS (SELECT ") + uid + QLatin1String(" AS uid");
    for (qsizetype i = 0; i < mapping.size(); ++i) {
        sql += QLatin1String(", MAX(CASE WHEN ") + type + QLatin1String(" = ? THEN ")
               + Names::quote(s.accountsBalance) + QLatin1String(" END) AS l") + QString::number(i);
        st.binds.append(mapping.at(i).accountType);
    }
    sql += QLatin1String(" FROM ") + names.table(s.accountsTable) + QLatin1String(" WHERE ") + uid
           + QLatin1String(" IS NOT NULL AND ") + type + QLatin1String(" IN (")
           + typePlaceholders.join(QLatin1String(", ")) + QLatin1Char(')');
    for (const AccountMapping &m : mapping)
        st.binds.append(m.accountType);
    if (users) {
        sql += QLatin1String(" AND ") + ReconcileSql::usersFilter(Dialect::Postgres, uid, names.userIdType);
        st.binds.append(usersBound);
    }
    sql += ReconcileSql::rangeFilter(uid, range, &st.binds);
    sql += QLatin1String(" GROUP BY ") + uid + QLatin1Char(')');

    // Both sides come sorted by user from their indexes: the FULL JOIN is one merge join over both, cheaper
    // than a LEFT JOIN plus an anti-join.
    sql += QLatin1String(" SELECT CAST(COALESCE(l.uid, b.") + luid
           + QLatin1String(") AS text), CASE WHEN l.uid IS NULL THEN 0 ELSE 1 END, CASE WHEN b.") + luid
           + QLatin1String(" IS NULL THEN 0 ELSE 1 END");
    for (qsizetype i = 0; i < mapping.size(); ++i)
        sql += QLatin1String(", CAST(l.l") + QString::number(i) + QLatin1String(" AS text)");
    for (qsizetype i = 0; i < mapping.size(); ++i)
        sql += QLatin1String(", CAST(b.v") + QString::number(i) + QLatin1String(" AS text)");
    sql += QLatin1String(" FROM l FULL JOIN (SELECT ") + luid;
    for (qsizetype i = 0; i < mapping.size(); ++i)
        sql += QLatin1String(", ") + Names::quote(mapping.at(i).legacyColumn) + QLatin1String(" AS v")
               + QString::number(i);
    sql += QLatin1String(" FROM ") + names.table(s.legacyTable) + QLatin1String(" WHERE ") + luid
           + QLatin1String(" IS NOT NULL");
    if (users) {
        sql += QLatin1String(" AND ") + ReconcileSql::usersFilter(Dialect::Postgres, luid, names.userIdType);
        st.binds.append(usersBound);
    }
    sql += ReconcileSql::rangeFilter(luid, range, &st.binds);
    sql += QLatin1String(") AS b ON b.") + luid + QLatin1String(" = l.uid WHERE b.") + luid
           + QLatin1String(" IS NULL");
    for (qsizetype i = 0; i < mapping.size(); ++i) {
        const QString n = QString::number(i);
        sql += QLatin1String(" OR ABS(COALESCE(l.l") + n + QLatin1String(", 0) - COALESCE(b.v") + n
               + QLatin1String(", 0)) > CAST(? AS NUMERIC)");
        st.binds.append(ReconcileSql::bindMoney(Dialect::Postgres, tolerance));
    }
    st.sql = sql;
    return st;
}

} // namespace

ReconcileSql::Statement ReconcileSql::discrepancyQuery(Dialect dialect, const QList<AccountMapping> &mapping,
                                                       Money tolerance,
                                                       const std::optional<QStringList> &users,
                                                       const KeyRange &range, const Names &names)
{
    if (dialect == Dialect::Postgres)
        return postgresDiscrepancyQuery(mapping, tolerance, users, range, names);

    // SQLite compares with SqliteMergeScan; this single statement is the benchmark's point of comparison.
    Statement st;
    const QString usersBound = users ? usersBinding(dialect, *users) : QString();
    QStringList typePlaceholders;
    for (qsizetype i = 0; i < mapping.size(); ++i)
        typePlaceholders.append(QStringLiteral("?"));
    const QString typeList = QLatin1Char('(') + typePlaceholders.join(QLatin1String(", ")) + QLatin1Char(')');

    QString sql = QStringLiteral("WITH l AS (SELECT user_id AS uid");
    for (qsizetype i = 0; i < mapping.size(); ++i) {
        sql += QLatin1String(", MAX(CASE WHEN account_type = ? THEN balance END) AS l") + QString::number(i);
        st.binds.append(mapping.at(i).accountType);
    }
    sql += QLatin1String(" FROM ledger_accounts WHERE user_id IS NOT NULL AND account_type IN ") + typeList;
    for (const AccountMapping &m : mapping)
        st.binds.append(m.accountType);
    if (users) {
        sql += subsetFilter(dialect, QStringLiteral("user_id"));
        st.binds.append(usersBound);
    }
    sql += QLatin1String(" GROUP BY user_id)");

    // Users in the ledger (with or without a legacy row).
    sql += QLatin1String(" SELECT l.uid, 1, CASE WHEN b.user_id IS NULL THEN 0 ELSE 1 END");
    for (qsizetype i = 0; i < mapping.size(); ++i)
        sql += QLatin1String(", ") + moneySelect(dialect, QLatin1String("l.l") + QString::number(i));
    for (const AccountMapping &m : mapping)
        sql += QLatin1String(", ") + moneySelect(dialect, QLatin1String("b.") + m.legacyColumn);
    sql += QLatin1String(" FROM l LEFT JOIN balances b ON b.user_id = l.uid WHERE b.user_id IS NULL");
    for (qsizetype i = 0; i < mapping.size(); ++i) {
        sql += QLatin1String(" OR ABS(COALESCE(l.l") + QString::number(i) + QLatin1String(", 0) - b.")
               + mapping.at(i).legacyColumn + QLatin1String(") > ") + toleranceParam(dialect);
        st.binds.append(bindMoney(dialect, tolerance));
    }

    // Users only in the legacy table.
    sql += QLatin1String(" UNION ALL SELECT b.user_id, 0, 1");
    for (qsizetype i = 0; i < mapping.size(); ++i)
        sql += QLatin1String(", ") + nullMoney(dialect);
    for (const AccountMapping &m : mapping)
        sql += QLatin1String(", ") + moneySelect(dialect, QLatin1String("b.") + m.legacyColumn);
    sql += QLatin1String(" FROM balances b WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a"
                         " WHERE a.user_id = b.user_id AND a.account_type IN ")
           + typeList + QLatin1Char(')');
    for (const AccountMapping &m : mapping)
        st.binds.append(m.accountType);
    if (users) {
        sql += subsetFilter(dialect, QStringLiteral("b.user_id"));
        st.binds.append(usersBound);
    }
    st.sql = sql;
    return st;
}

ReconcileSql::Statement
ReconcileSql::legacyUserCount(Dialect dialect, const std::optional<QStringList> &users, const Names &names)
{
    const bool pg = dialect == Dialect::Postgres;
    const QString uid = pg ? Names::quote(names.service.legacyUserId) : QStringLiteral("user_id");
    Statement st{QLatin1String("SELECT COUNT(*) FROM ")
                     + (pg ? names.table(names.service.legacyTable) : QStringLiteral("balances"))
                     + QLatin1String(" WHERE ") + uid + QLatin1String(" IS NOT NULL"),
                 {}};
    if (users) {
        st.sql += QLatin1String(" AND ") + usersFilter(dialect, uid, names.userIdType);
        st.binds.append(usersBinding(dialect, *users));
    }
    return st;
}

ReconcileSql::Statement ReconcileSql::observedChangedUsers(const Names &names,
                                                           const std::optional<QString> &entriesMark,
                                                           const std::optional<QString> &legacyMark)
{
    const ServiceSchema &s = names.service;
    QStringList parts;
    Statement st;
    if (entriesMark && !s.entriesChangeMark.isEmpty()) {
        // The mark is compared in the column's own type (a timestamp or a sequence), bound as its text.
        // A null mark: the table was empty at that poll, so every row it has now is new.
        QString after;
        if (!entriesMark->isNull()) {
            after = QLatin1String(" AND e.") + Names::quote(s.entriesChangeMark) + QLatin1String(" > ?");
            st.binds.append(*entriesMark);
        }
        parts.append(QLatin1String("SELECT CAST(a.") + Names::quote(s.accountsUserId)
                     + QLatin1String(" AS text) FROM ") + names.table(s.entriesTable)
                     + QLatin1String(" e JOIN ") + names.table(s.accountsTable) + QLatin1String(" a ON a.")
                     + Names::quote(s.accountsId) + QLatin1String(" = e.") + Names::quote(s.entriesAccountId)
                     + QLatin1String(" WHERE a.") + Names::quote(s.accountsUserId)
                     + QLatin1String(" IS NOT NULL") + after);
    }
    if (legacyMark && !s.legacyChangeMark.isEmpty()) {
        QString after;
        if (!legacyMark->isNull()) {
            after = QLatin1String(" WHERE ") + Names::quote(s.legacyChangeMark) + QLatin1String(" > ?");
            st.binds.append(*legacyMark);
        }
        parts.append(QLatin1String("SELECT CAST(") + Names::quote(s.legacyUserId)
                     + QLatin1String(" AS text) FROM ") + names.table(s.legacyTable) + after);
    }
    st.sql = parts.isEmpty() ? QStringLiteral("SELECT CAST(NULL AS text) WHERE false")
                             : parts.join(QLatin1String(" UNION "));
    return st;
}

ReconcileSql::Statement ReconcileSql::observedHighWaterMarks(const Names &names)
{
    const ServiceSchema &s = names.service;
    const auto mark = [&](const QString &column, const QString &table) {
        return column.isEmpty()
                   ? QStringLiteral("CAST(NULL AS text)")
                   : QLatin1String("(SELECT CAST(MAX(") + Names::quote(column)
                         + QLatin1String(") AS text) FROM ") + names.table(table) + QLatin1Char(')');
    };
    return {QLatin1String("SELECT ") + mark(s.entriesChangeMark, s.entriesTable) + QLatin1String(", ")
                + mark(s.legacyChangeMark, s.legacyTable),
            {}};
}

ReconcileSql::Statement ReconcileSql::changedUsers(qint64 afterEntry)
{
    // Every balance change of the ledger is an entry, and every legacy write of the cockpit shadows a
    // transaction of the same user, so the entries after the mark name every user whose balances the
    // cockpit changed since (docs/reconciler.md). Entry ids are the table's own key: a range, no index.
    return {QStringLiteral("SELECT DISTINCT a.user_id FROM ledger_entries e"
                           " JOIN ledger_accounts a ON a.id = e.account_id"
                           " WHERE e.id > ? AND a.user_id IS NOT NULL"),
            {afterEntry}};
}

ReconcileSql::Statement ReconcileSql::highWaterMark()
{
    return {QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM ledger_entries"), {}};
}

ReconcileSql::Statement ReconcileSql::danglingReferences()
{
    return {LedgerSchema::danglingReferencesQuery(), {}};
}

ReconcileSql::Statement ReconcileSql::unbalancedTransactions(Dialect dialect, const Names &names)
{
    if (dialect == Dialect::Sqlite) {
        const QString sum = QLatin1String("COALESCE(SUM(") + signedEntryAmount() + QLatin1String("), 0)");
        return {QLatin1String("SELECT t.id, COUNT(e.id), ") + moneySelect(dialect, sum)
                    + QLatin1String(
                        " FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id"
                        " GROUP BY t.id HAVING COUNT(e.id) < 2 OR ")
                    + sum + QLatin1String(" <> 0"),
                {}};
    }
    const ServiceSchema &s = names.service;
    const QString sum = QLatin1String("COALESCE(SUM(CASE WHEN e.") + Names::quote(s.entriesType)
                        + QLatin1String(" = 'debit' THEN -e.") + Names::quote(s.entriesAmount)
                        + QLatin1String(" ELSE e.") + Names::quote(s.entriesAmount)
                        + QLatin1String(" END), 0)");
    const QString tid = QLatin1String("t.") + Names::quote(s.transactionsId);
    return {QLatin1String("SELECT CAST(") + tid + QLatin1String(" AS text), COUNT(e.")
                + Names::quote(s.entriesId) + QLatin1String("), CAST(") + sum
                + QLatin1String(" AS text) FROM ") + names.table(s.transactionsTable)
                + QLatin1String(" t LEFT JOIN ") + names.table(s.entriesTable) + QLatin1String(" e ON e.")
                + Names::quote(s.entriesTransactionId) + QLatin1String(" = ") + tid
                + QLatin1String(" GROUP BY ") + tid + QLatin1String(" HAVING COUNT(e.")
                + Names::quote(s.entriesId) + QLatin1String(") < 2 OR ") + sum + QLatin1String(" <> 0"),
            {}};
}

ReconcileSql::Statement ReconcileSql::accountBalanceMismatches(Dialect dialect, const Names &names)
{
    if (dialect == Dialect::Sqlite || !names.observed) {
        const QString sum = QLatin1String("COALESCE(SUM(") + signedEntryAmount() + QLatin1String("), 0)");
        return {
            QLatin1String("SELECT a.id, COALESCE(a.user_id, a.system_key), a.account_type, ")
                + moneySelect(dialect, QStringLiteral("a.balance")) + QLatin1String(", ")
                + moneySelect(dialect, sum)
                + QLatin1String(" FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id"
                                " GROUP BY a.id, a.user_id, a.system_key, a.account_type, a.balance"
                                " HAVING a.balance <> ")
                + sum,
            {}};
    }
    const ServiceSchema &s = names.service;
    const QString amount = QLatin1String("e.") + Names::quote(s.entriesAmount);
    const QString sum = QLatin1String("COALESCE(SUM(CASE WHEN e.") + Names::quote(s.entriesType)
                        + QLatin1String(" = 'debit' THEN -") + amount + QLatin1String(" ELSE ") + amount
                        + QLatin1String(" END), 0)");
    const QString id = QLatin1String("a.") + Names::quote(s.accountsId);
    const QString user = QLatin1String("a.") + Names::quote(s.accountsUserId);
    const QString type = QLatin1String("a.") + Names::quote(s.accountsType);
    const QString balance = QLatin1String("a.") + Names::quote(s.accountsBalance);
    return {QLatin1String("SELECT CAST(") + id + QLatin1String(" AS text), COALESCE(CAST(") + user
                + QLatin1String(" AS text), 'system'), ") + type + QLatin1String(", CAST(") + balance
                + QLatin1String(" AS text), CAST(") + sum + QLatin1String(" AS text) FROM ")
                + names.table(s.accountsTable) + QLatin1String(" a LEFT JOIN ") + names.table(s.entriesTable)
                + QLatin1String(" e ON e.") + Names::quote(s.entriesAccountId) + QLatin1String(" = ") + id
                + QLatin1String(" GROUP BY ") + id + QLatin1String(", ") + user + QLatin1String(", ") + type
                + QLatin1String(", ") + balance + QLatin1String(" HAVING ") + balance + QLatin1String(" <> ")
                + sum,
            {}};
}

QVariant ReconcileSql::bindMoney(Dialect dialect, Money amount)
{
    if (dialect == Dialect::Sqlite) {
        if (const std::optional<qint64> micros = amount.toMicros64())
            return QVariant(*micros);
    }
    return QVariant(amount.toString());
}

std::optional<Decimal> ReconcileSql::readDecimal(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    if (value.typeId() == QMetaType::QString)
        return valueOf(Decimal::parse(value.toString()));
    const std::optional<Money> money = readMoney(value);
    return money ? std::optional<Decimal>(*money) : std::nullopt;
}

QVariant ReconcileSql::bindDecimal(Dialect dialect, const Decimal &amount)
{
    if (dialect == Dialect::Sqlite) {
        // The cockpit's own SQLite ledger holds micro-units; a value it cannot hold exactly goes as text,
        // which the caller's exact read gives back unchanged.
        if (const std::optional<Money> money = amount.toMoney())
            return bindMoney(dialect, *money);
    }
    return QVariant(amount.toString());
}

std::optional<Money> ReconcileSql::readMoney(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    switch (value.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt:
        return Money::fromMicros(value.toLongLong());
    case QMetaType::QString:
        return valueOf(Money::parse(value.toString()));
    default:
        return std::nullopt; // a REAL: never produced by the cockpit, refuse to guess
    }
}

QString ReconcileSql::moneySelect(Dialect dialect, const QString &expression)
{
    return dialect == Dialect::Sqlite ? expression
                                      : QString(QLatin1String("(") + expression + QLatin1String(")::text"));
}

QString ReconcileSql::usersFilter(Dialect dialect, const QString &column, const QString &userIdType)
{
    // PostgreSQL: = ANY of one array parameter is planned as index lookups with a row estimate from the
    // array's length (jsonb_array_elements_text was estimated at 100 rows and hashed). The array has the
    // column's own type (uuid, bigint...), so that the comparison can use the column's index.
    if (dialect == Dialect::Sqlite)
        return column + QLatin1String(" IN (SELECT value FROM json_each(?))");
    const QString type = userIdType.isEmpty() ? QStringLiteral("text") : userIdType;
    return column + QLatin1String(" = ANY(CAST(? AS ") + type + QLatin1String("[]))");
}

QString ReconcileSql::usersBinding(Dialect dialect, const QStringList &users)
{
    if (dialect == Dialect::Sqlite)
        return usersJson(users);
    // A PostgreSQL array literal: every element double-quoted, with " and \ escaped by a backslash.
    QString literal = QStringLiteral("{");
    for (qsizetype i = 0; i < users.size(); ++i) {
        if (i > 0)
            literal += QLatin1Char(',');
        literal += QLatin1Char('"');
        for (const QChar c : users.at(i)) {
            if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                literal += QLatin1Char('\\');
            literal += c;
        }
        literal += QLatin1Char('"');
    }
    return literal + QLatin1Char('}');
}

QString ReconcileSql::usersJson(const QStringList &users)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(users)).toJson(QJsonDocument::Compact));
}

} // namespace Cockpit
