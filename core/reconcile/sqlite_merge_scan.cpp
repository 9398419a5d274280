// SPDX-License-Identifier: MIT
#include "reconcile/sqlite_merge_scan.h"

#include "reconcile/reconcile_sql.h"

#include <algorithm>
#include <cstring>

namespace Cockpit {

namespace {

std::string_view bytes(const SqliteStatement &st, int column)
{
    const QByteArray view = st.textView(column);
    return {view.constData(), size_t(view.size())};
}

// std::string::assign goes through a general replace; a key is a dozen bytes copied a million times.
void copyKey(std::string *to, std::string_view from)
{
    to->resize(from.size());
    std::memcpy(to->data(), from.data(), from.size());
}

} // namespace

SqliteMergeScan::SqliteMergeScan(QList<AccountMapping> mapping, std::optional<QStringList> users,
                                 const ReconcileSql::KeyRange &range)
    : m_mapping(std::move(mapping))
    , m_users(std::move(users))
{
    for (const AccountMapping &m : m_mapping)
        m_types.append(m.accountType.toUtf8());
    if (m_users)
        m_usersJson = ReconcileSql::usersBinding(ReconcileSql::Dialect::Sqlite, *m_users).toUtf8();
    if (range.from)
        m_from = range.from->toUtf8();
    if (range.to)
        m_to = range.to->toUtf8();
}

QString SqliteMergeScan::filter() const
{
    QString sql;
    if (m_users)
        sql += QLatin1String(" AND ")
               + ReconcileSql::usersFilter(ReconcileSql::Dialect::Sqlite, QStringLiteral("user_id"));
    if (m_from)
        sql += QLatin1String(" AND user_id >= ?");
    if (m_to)
        sql += QLatin1String(" AND user_id < ?");
    return sql;
}

void SqliteMergeScan::bind(SqliteStatement &st) const
{
    // The order of filter(). Static: the byte arrays live as long as this scan, longer than its steps.
    int position = 0;
    if (m_users)
        st.bindStaticText(++position, m_usersJson);
    if (m_from)
        st.bindStaticText(++position, *m_from);
    if (m_to)
        st.bindStaticText(++position, *m_to);
}

QString SqliteMergeScan::legacyIndexSql(const QList<AccountMapping> &mapping)
{
    // The names are identifiers checked by ReconcileSql::validateMapping, so they may be spliced in.
    QString name = QStringLiteral("balances_reconcile");
    QString columns = QStringLiteral("user_id");
    for (const AccountMapping &m : mapping) {
        name += QLatin1Char('_') + m.legacyColumn;
        columns += QLatin1String(", ") + m.legacyColumn;
    }
    return QLatin1String("CREATE INDEX IF NOT EXISTS ") + name + QLatin1String(" ON balances (") + columns
           + QLatin1Char(')');
}

QString SqliteMergeScan::ledgerSql() const
{
    // Every account type comes out and the mapped ones are picked here: an IN list or a CASE on the
    // account type costs SQLite's generic comparison per row, a byte compare in C++ costs next to nothing.
    // Without a condition on account_type the planner takes the ordered covering scan of (user_id,
    // account_type, balance), the plan this merge is built for.
    return QLatin1String(
               "SELECT user_id, account_type, balance FROM ledger_accounts WHERE user_id IS NOT NULL")
           + filter() + QLatin1String(" ORDER BY user_id");
}

QString SqliteMergeScan::legacySql() const
{
    QString sql = QStringLiteral("SELECT user_id");
    for (const AccountMapping &m : m_mapping)
        sql += QLatin1String(", ") + m.legacyColumn;
    sql += QLatin1String(" FROM balances");
    // A constant first term so that filter()'s conditions can all start with AND.
    if (const QString f = filter(); !f.isEmpty())
        sql += QLatin1String(" WHERE 1 = 1") + f;
    return sql + QLatin1String(" ORDER BY user_id");
}

Result<void> SqliteMergeScan::prepare(sqlite3 *db)
{
    if (!m_ledger.prepare(db, ledgerSql()))
        return fail(m_ledger.error());
    if (!m_legacy.prepare(db, legacySql()))
        return fail(m_legacy.error());
    bind(m_ledger);
    bind(m_legacy);
    return ok();
}

Result<std::optional<Money>> SqliteMergeScan::readMoney(const SqliteStatement &st, int column) const
{
    const SqliteStatement::Type type = st.type(column);
    if (type == SqliteStatement::Type::Integer)
        return std::optional<Money>(Money::fromMicros(st.int64(column)));
    if (type == SqliteStatement::Type::Null)
        return std::optional<Money>();
    // TEXT holds amounts beyond 64 bits of micro-units; a REAL is never written by the cockpit: refuse
    // to guess what it means rather than compare a rounded value.
    if (type == SqliteStatement::Type::Text) {
        if (const Result<Money> m = Money::parse(st.text(column)))
            return std::optional<Money>(*m);
    }
    return fail(QStringLiteral("an amount is not an exact value (written outside the cockpit?)"),
                ErrorKind::Invalid);
}

qsizetype SqliteMergeScan::typeIndex(std::string_view type) const
{
    for (qsizetype i = 0; i < m_types.size(); ++i) {
        const QByteArray &t = m_types.at(i);
        if (size_t(t.size()) == type.size() && std::memcmp(t.constData(), type.data(), type.size()) == 0)
            return i;
    }
    return -1;
}

Result<void> SqliteMergeScan::run(const UserSink &sink, const std::function<bool()> &cancelled,
                                  Counts *counts)
{
    const qsizetype n = m_mapping.size();
    QVarLengthArray<std::optional<Money>, 8> ledger(n);
    QVarLengthArray<std::optional<Money>, 8> legacy(n);
    QString error;
    const auto advance = [&error](SqliteStatement &st, bool *has) {
        const SqliteStatement::Step s = st.step();
        *has = s == SqliteStatement::Step::Row;
        if (s == SqliteStatement::Step::Error)
            error = st.error();
        return s != SqliteStatement::Step::Error;
    };
    const auto failAt = [this](std::string_view user, const QString &what) {
        const QString message = QLatin1String("user ")
                                + QString::fromUtf8(user.data(), qsizetype(user.size())) + QLatin1String(": ")
                                + what;
        m_ledger.reset(); // user may point into a row of either statement: read it first
        m_legacy.reset();
        return fail(message);
    };
    bool hasLedger = false;
    bool hasLegacy = false;
    // The key of the ledger row under the cursor, read once per row right after each step; it points
    // into SQLite's row, valid until the next step. Keys are copied once per user, not per row.
    std::string_view ledgerKey;
    const auto advanceLedger = [&] {
        if (!advance(m_ledger, &hasLedger))
            return false;
        if (hasLedger)
            ledgerKey = bytes(m_ledger, 0);
        return true;
    };
    if (!advanceLedger() || !advance(m_legacy, &hasLegacy))
        return fail(error);
    // The merge is only right if both sides come in the same strict order; checked, not assumed (a
    // legacy database could hold ids of another type or collation).
    std::string previousLedger;
    std::string previousLegacy;
    bool anyLedger = false;
    bool anyLegacy = false;
    for (quint32 user = 0; hasLedger || hasLegacy; ++user) {
        if ((user & 1023) == 0 && cancelled && cancelled()) {
            m_ledger.reset();
            m_legacy.reset();
            return fail(QStringLiteral("cancelled by the operator"));
        }
        const std::string_view legacyKey = hasLegacy ? bytes(m_legacy, 0) : std::string_view();
        if (hasLegacy && anyLegacy && legacyKey <= previousLegacy)
            return failAt(legacyKey, QStringLiteral("balances are not in user_id order"));
        if (hasLedger && anyLedger && ledgerKey <= previousLedger)
            return failAt(ledgerKey, QStringLiteral("ledger accounts are not in user_id order"));
        const int order = !hasLedger ? 1 : !hasLegacy ? -1 : ledgerKey.compare(legacyKey);
        bool inLedger = order <= 0;
        const bool inLegacy = order >= 0;
        std::fill(ledger.begin(), ledger.end(), std::nullopt);
        if (inLegacy) {
            for (qsizetype i = 0; i < n; ++i) {
                const Result<std::optional<Money>> m = readMoney(m_legacy, int(1 + i));
                if (!m)
                    return failAt(legacyKey,
                                  m_mapping.at(i).legacyColumn + QLatin1String(": ") + m.error().message);
                legacy[i] = *m;
            }
            ++counts->legacyUsers;
        } else {
            std::fill(legacy.begin(), legacy.end(), std::nullopt);
            ++counts->ledgerOnlyUsers;
        }
        if (inLedger) {
            // All rows of this user: one per mapped account type, consecutive in the index.
            copyKey(&previousLedger, ledgerKey);
            anyLedger = true;
            bool mapped = false;
            do {
                const qsizetype i = typeIndex(bytes(m_ledger, 1));
                if (i >= 0) {
                    mapped = true;
                    const Result<std::optional<Money>> m = readMoney(m_ledger, 2);
                    if (!m)
                        return failAt(previousLedger,
                                      m_mapping.at(i).accountType + QLatin1String(": ") + m.error().message);
                    ledger[i] = *m;
                }
                if (!advanceLedger())
                    return failAt(previousLedger, error);
            } while (hasLedger && ledgerKey == previousLedger);
            if (!mapped) {
                // Only accounts of unmapped types: not a ledger user for this comparison. The legacy row,
                // if any, was the same key (order == 0); otherwise there is nothing to report.
                if (!inLegacy) {
                    --counts->ledgerOnlyUsers;
                    continue;
                }
                inLedger = false;
            }
        }
        if (Result<void> taken = sink(inLedger ? std::string_view(previousLedger) : legacyKey, inLedger,
                                      inLegacy, ledger, legacy);
            !taken) {
            m_ledger.reset();
            m_legacy.reset();
            return taken;
        }
        if (inLegacy) {
            copyKey(&previousLegacy, legacyKey);
            anyLegacy = true;
            if (!advance(m_legacy, &hasLegacy))
                return failAt(previousLegacy, error);
        }
    }
    m_ledger.reset();
    m_legacy.reset();
    return ok();
}

Result<void> SqliteMergeScan::stepOnly(bool readValues, qint64 *rows, std::int64_t *checksum)
{
    for (SqliteStatement *st : {&m_ledger, &m_legacy}) {
        // The columns the merge reads, read the same way: the key's bytes, then integers.
        const int columns = st == &m_ledger ? 3 : int(1 + m_mapping.size());
        SqliteStatement::Step s = st->step();
        for (; s == SqliteStatement::Step::Row; s = st->step()) {
            ++*rows;
            if (!readValues)
                continue;
            *checksum += std::int64_t(bytes(*st, 0).size());
            for (int c = 1; c < columns; ++c) {
                if (st == &m_ledger && c == 1) {
                    *checksum += std::int64_t(bytes(*st, c).size());
                    continue;
                }
                *checksum += std::int64_t(st->type(c));
                *checksum += st->int64(c);
            }
        }
        if (s == SqliteStatement::Step::Error)
            return fail(st->error());
        st->reset();
    }
    return ok();
}

} // namespace Cockpit
