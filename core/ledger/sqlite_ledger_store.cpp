// SPDX-License-Identifier: MIT
#include "ledger/sqlite_ledger_store.h"

#include "common/atomic_file.h"

#include <QDir>
#include <QFileInfo>
#include <QVarLengthArray>

#include <sqlite3.h>

#include <algorithm>
#include <tuple>
#include <utility>

namespace Cockpit {

SqliteLedgerStore::SqliteLedgerStore(DatabaseConfig config, QList<AccountMapping> mapping)
    : SqlLedgerStore(config, std::move(mapping), LedgerSchema::Dialect::Sqlite)
    , m_sqliteConfig(std::move(config))
{}

// The statements are members of this class, so they are finalized here, before the base class closes
// the connection (sqlite3_close refuses a connection with live statements).
SqliteLedgerStore::~SqliteLedgerStore() = default;

Result<void> SqliteLedgerStore::configureConnection(QSqlDatabase &db)
{
    if (m_sqliteConfig.readOnly) {
        // A read-only session leaves the disk as it found it: a missing file is reported, not created.
        if (!QFileInfo::exists(m_sqliteConfig.sqlitePath))
            return fail(
                describe()
                    + QLatin1String(": the ledger database does not exist, and a read-only session does"
                                    " not create it; open the environment once without read-only"),
                ErrorKind::NotSetUp);
        db.setDatabaseName(m_sqliteConfig.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"));
        return ok();
    }
    const QString folder = QFileInfo(m_sqliteConfig.sqlitePath).absolutePath();
    if (!QDir().mkpath(folder))
        return fail(describe() + QLatin1String(": cannot create the folder ") + folder);
    if (Result<void> created = AtomicFile::createPrivate(m_sqliteConfig.sqlitePath); !created)
        return created;
    db.setDatabaseName(m_sqliteConfig.sqlitePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    return ok();
}

Result<void> SqliteLedgerStore::afterOpen(QSqlDatabase &db)
{
    m_handle = SqliteStatement::handle(db);
    if (!m_handle)
        return fail(describe() + QLatin1String(": the QSQLITE driver gives no SQLite handle"));
    // temp_store=MEMORY: the statement and savepoint journals stay in memory instead of temporary files
    // written page by page. foreign_keys=ON: the declared references are enforced as on PostgreSQL (the
    // schema's triggers enforce them on every other connection too).
    // The journal mode is stored in the file, so only a session that may write sets it.
    if (!m_sqliteConfig.readOnly) {
        if (Result<void> set =
                exec(QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("set WAL mode"));
            !set)
            return set;
    }
    for (const QString &pragma :
         {QStringLiteral("PRAGMA synchronous=FULL"), QStringLiteral("PRAGMA foreign_keys=ON"),
          QStringLiteral("PRAGMA temp_store=MEMORY"), QStringLiteral("PRAGMA cache_size=-32768")}) {
        if (Result<void> set = exec(pragma, pragma); !set)
            return set;
    }
    return ok();
}

Result<QVariant> SqliteLedgerStore::bindMoney(Money amount) const
{
    const std::optional<qint64> micros = amount.toMicros64();
    if (!micros)
        return fail(amount.toString()
                        + QLatin1String(" exceeds the SQLite ledger's range (64-bit micro-units)"),
                    ErrorKind::Invalid);
    return QVariant(*micros);
}

std::optional<Money> SqliteLedgerStore::readMoney(const QVariant &value) const
{
    if (value.typeId() != QMetaType::LongLong && value.typeId() != QMetaType::Int)
        return std::nullopt; // a REAL or TEXT here means someone wrote the column outside the cockpit
    return Money::fromMicros(value.toLongLong());
}

QString SqliteLedgerStore::statementError(const SqliteStatement &statement, const QString &step) const
{
    return describe() + QLatin1String(": ") + step + QLatin1String(": ") + statement.error();
}

Result<void> SqliteLedgerStore::control(const QString &sql, const QString &step)
{
    auto it = m_control.find(sql);
    if (it == m_control.end()) {
        SqliteStatement statement;
        if (!statement.prepare(m_handle, sql))
            return fail(statementError(statement, step));
        it = m_control.emplace(sql, std::move(statement)).first;
    }
    if (!it->second.execute())
        return fail(statementError(it->second, step));
    return ok();
}

Result<void> SqliteLedgerStore::prepareStatements()
{
    struct Statement
    {
        SqliteStatement *statement;
        QString sql;
    };
    // The legacy write: ?1 the user, ?2.. one delta per mapped column, then change_seq and updated_at.
    QStringList columns;
    QStringList placeholders{QStringLiteral("?1")};
    QStringList updates;
    QStringList guards;
    int position = 2;
    m_accountTypes.clear();
    for (const AccountMapping &m : mapping()) {
        m_accountTypes.append({m.accountType.toUtf8(), m.accountType});
        const QString &c = m.legacyColumn;
        const QString parameter = QLatin1Char('?') + QString::number(position++);
        columns.append(c);
        placeholders.append(parameter);
        const QString sum = c + QLatin1String(" + ") + parameter;
        updates.append(c + QLatin1String(" = ") + sum);
        guards.append(overflowGuard(sum));
    }
    const QString changeSeq = QLatin1Char('?') + QString::number(position++);
    const QString updatedAt = QLatin1Char('?') + QString::number(position);
    placeholders << changeSeq << updatedAt;
    const Statement statements[] = {
        {&m_insertTransaction,
         QStringLiteral(
             "INSERT INTO ledger_transactions (reference_type, reference_id, description, created_at)"
             " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (reference_type, reference_id) DO NOTHING")},
        {&m_insertEntryPair,
         QStringLiteral(
             // Plain INSERT (OR ABORT): a failing row undoes the whole statement, so no leg is left alone.
             "INSERT INTO ledger_entries (transaction_id, account_id, entry_type, amount, created_at)"
             " VALUES (?1, ?2, ?3, ?4, ?5), (?1, ?6, ?7, ?8, ?5)")},
        {&m_insertEntry,
         QStringLiteral(
             "INSERT INTO ledger_entries (transaction_id, account_id, entry_type, amount, created_at)"
             " VALUES (?1, ?2, ?3, ?4, ?5)")},
        {&m_selectUserAccount,
         QStringLiteral("SELECT id, balance FROM ledger_accounts WHERE user_id = ?1 AND account_type = ?2")},
        {&m_selectSystemAccount,
         QStringLiteral("SELECT id, balance FROM ledger_accounts WHERE system_key = ?1")},
        {&m_selectBalance, QStringLiteral("SELECT id, balance FROM ledger_accounts WHERE id = ?1")},
        {&m_dataVersion, QStringLiteral("PRAGMA data_version")},
        {&m_selectTransaction,
         QStringLiteral(
             "SELECT id FROM ledger_transactions WHERE reference_type = ?1 AND reference_id = ?2")},
        {&m_insertUser,
         QStringLiteral("INSERT INTO users (id, created_at) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING")},
        {&m_insertAccount,
         QStringLiteral("INSERT INTO ledger_accounts (user_id, system_key, account_type, balance, change_seq,"
                        " created_at, updated_at) VALUES (?1, ?2, ?3, 0, 0, ?4, ?4)")},
        {&m_selectLedgerBalances,
         // The id is the rowid, part of every index entry: still answered from the covering index.
         QStringLiteral("SELECT account_type, balance, id FROM ledger_accounts WHERE user_id = ?1")},
        {&m_selectLegacyBalances, QLatin1String("SELECT ") + columns.join(QLatin1String(", "))
                                      + QLatin1String(" FROM balances WHERE user_id = ?1")},
        // Update first, insert when the user has no row yet: an upsert (INSERT ... ON CONFLICT DO UPDATE)
        // attempts the insert first, work wasted in the common case of an existing row.
        {&m_legacyUpdate,
         QLatin1String("UPDATE balances SET ") + updates.join(QLatin1String(", "))
             + QLatin1String(", change_seq = ") + changeSeq + QLatin1String(", updated_at = ") + updatedAt
             + QLatin1String(" WHERE user_id = ?1 AND ") + guards.join(QLatin1String(" AND "))},
        {&m_legacyInsert, QLatin1String("INSERT INTO balances (user_id, ") + columns.join(QLatin1String(", "))
                              + QLatin1String(", change_seq, updated_at) VALUES (")
                              + placeholders.join(QLatin1String(", "))
                              + QLatin1String(") ON CONFLICT (user_id) DO NOTHING")},
    };
    for (const Statement &s : statements) {
        if (!s.statement->prepare(m_handle, s.sql))
            return fail(statementError(*s.statement, QStringLiteral("prepare")));
    }
    if (Result<void> prepared = m_cache.prepare(m_handle); !prepared)
        return fail(describe() + QLatin1String(": ") + prepared.error().message);
    return ok();
}

Result<void> SqliteLedgerStore::begin()
{
    if (Result<void> begun = SqlLedgerStore::begin(); !begun)
        return begun;
    m_rolledBack.clear();
    // BEGIN IMMEDIATE holds the write lock now: nobody else can commit until this transaction ends, so the
    // version read here covers everything the cached balances could have missed.
    if (!m_dataVersion.isPrepared())
        return ok(); // migrating: the statements come after the schema
    qint64 version = -1;
    if (m_dataVersion.step() == SqliteStatement::Step::Row)
        version = m_dataVersion.int64(0);
    m_dataVersion.reset();
    if (version < 0 || version != m_dataVersionSeen)
        m_cache.clear();
    m_dataVersionSeen = version;
    return ok();
}

Result<void> SqliteLedgerStore::writeDeferred()
{
    if (!m_cache.hasPending())
        return ok();
    const Result<void> written = m_cache.writePending();
    if (written)
        return ok();
    // Part of the writes may have run: the whole transaction goes, and the write's failure is the news.
    std::ignore = rollback();
    m_rolledBack = describe() + QLatin1String(": ") + written.error().message
                   + QLatin1String("; the transaction was rolled back");
    return fail(m_rolledBack);
}

Result<void> SqliteLedgerStore::commit()
{
    if (!inTransaction() && !m_rolledBack.isEmpty())
        return fail(std::exchange(m_rolledBack, QString()));
    if (Result<void> written = writeDeferred(); !written)
        return fail(std::exchange(m_rolledBack, QString()));
    return SqlLedgerStore::commit();
}

Result<void> SqliteLedgerStore::rollback()
{
    m_cache.clear();
    return SqlLedgerStore::rollback();
}

// A savepoint must see every earlier write of the transaction, so that rolling back to it undoes exactly
// what follows it (and rollbackToSavepoint() may then drop the whole cache, deferred writes included).
Result<void> SqliteLedgerStore::savepoint(const QString &name)
{
    // Outside a transaction SAVEPOINT would open one of its own; after a failed deferred write the batch is
    // gone and must stay so until commit() reported it.
    if (!inTransaction() && !m_rolledBack.isEmpty())
        return fail(m_rolledBack);
    if (Result<void> written = writeDeferred(); !written)
        return written;
    return SqlLedgerStore::savepoint(name);
}

Result<void> SqliteLedgerStore::rollbackToSavepoint(const QString &name)
{
    m_cache.clear();
    return SqlLedgerStore::rollbackToSavepoint(name);
}

Result<SqliteLedgerStore::AccountState> SqliteLedgerStore::accountState(const AccountRef &ref,
                                                                        const QString &key)
{
    AccountState state;
    state.id = cachedAccountId(key);
    if (state.id != 0) {
        if (const std::optional<qint64> cached = m_cache.account(state.id)) {
            state.balance = *cached;
            return state;
        }
    }
    SqliteStatement &select = state.id != 0    ? m_selectBalance
                              : ref.isSystem() ? m_selectSystemAccount
                                               : m_selectUserAccount;
    if (state.id != 0) {
        select.bindInt64(1, state.id);
    } else if (ref.isSystem()) {
        select.bindText(1, ref.systemKey);
    } else {
        select.bindText(1, ref.userId);
        select.bindText(2, ref.accountType);
    }
    const SqliteStatement::Step found = select.step();
    if (found == SqliteStatement::Step::Error)
        return fail(statementError(select, QLatin1String("look up account ") + ref.label()));
    if (found == SqliteStatement::Step::Row) {
        // A REAL or TEXT balance means someone wrote the column outside the cockpit.
        if (!select.isInteger(1)) {
            QString message = describe() + QLatin1String(": unreadable balance of ") + ref.label()
                              + QLatin1String(": ") + select.text(1);
            select.reset();
            return fail(std::move(message));
        }
        state.id = select.int64(0);
        state.balance = select.int64(1);
        if (state.id != cachedAccountId(key))
            rememberAccountId(key, state.id);
        m_cache.rememberAccount(state.id, state.balance);
    } else if (state.id != 0) {
        QString message =
            describe() + QLatin1String(": account ") + ref.label() + QLatin1String(" disappeared");
        select.reset();
        return fail(std::move(message));
    }
    select.reset();
    return state;
}

Result<qint64> SqliteLedgerStore::createAccount(const AccountRef &ref, const QString &key, qint64 nowMs)
{
    if (!ref.isSystem()) {
        m_insertUser.bindText(1, ref.userId);
        m_insertUser.bindInt64(2, nowMs);
        if (!m_insertUser.execute())
            return fail(statementError(m_insertUser, QLatin1String("create user ") + ref.userId));
    }
    if (ref.isSystem()) {
        m_insertAccount.bindNull(1);
        m_insertAccount.bindText(2, ref.systemKey);
    } else {
        m_insertAccount.bindText(1, ref.userId);
        m_insertAccount.bindNull(2);
    }
    m_insertAccount.bindText(3, ref.accountType);
    m_insertAccount.bindInt64(4, nowMs);
    if (!m_insertAccount.execute())
        return fail(statementError(m_insertAccount, QLatin1String("create account ") + ref.label()));
    const qint64 id = sqlite3_last_insert_rowid(m_handle);
    rememberAccountId(key, id);
    m_cache.rememberAccount(id, 0);
    return id;
}

PostResult SqliteLedgerStore::refuse(const TransactionRequest &request, const QString &message)
{
    // A replayed request is a duplicate even when it could not be posted any more (the reservation it
    // made was spent since): the idempotency check comes first, as on PostgreSQL.
    PostResult result;
    m_selectTransaction.bindText(1, request.referenceType);
    m_selectTransaction.bindText(2, request.referenceId);
    const SqliteStatement::Step found = m_selectTransaction.step();
    m_selectTransaction.reset();
    if (found == SqliteStatement::Step::Error) {
        result.message = statementError(m_selectTransaction, QStringLiteral("look up transaction"));
    } else if (found == SqliteStatement::Step::Row) {
        result.status = PostResult::Status::Duplicate;
        result.message = QLatin1String("already posted: ") + request.referenceType + QLatin1Char('/')
                         + request.referenceId;
    } else {
        result.status = PostResult::Status::Rejected;
        result.message = message;
    }
    return result;
}

PostResult SqliteLedgerStore::post(const LedgerTransaction &transaction, const TransactionRequest &request,
                                   qint64 nowMs)
{
    if (Result<void> current = checkTransaction(transaction); !current)
        return {PostResult::Status::Error, current.error().message, 0};
    if (std::optional<PostResult> refused = checkRequest(request))
        return *refused;
    PostResult result;
    // Every refusal (duplicate, insufficient funds, overflow) is found by reads before the first write, so
    // a refused post leaves nothing behind and the caller needs no savepoint around it (see
    // refusesBeforeWriting()). Debits first, as on PostgreSQL.
    struct Step
    {
        const EntryRequest *entry;
        QString key;
        qint64 delta = 0;
        qint64 accountId = 0;
        qint64 balanceAfter = 0;
    };
    QVarLengthArray<Step, 4> steps;
    for (const bool debits : {true, false}) {
        for (const EntryRequest &entry : request.entries) {
            if (entry.debit != debits)
                continue;
            const std::optional<qint64> micros = entry.amount.toMicros64();
            if (!micros)
                return refuse(request,
                              entry.account.label() + QLatin1String(": ") + entry.amount.toString()
                                  + QLatin1String(" exceeds the SQLite ledger's range (64-bit micro-units)"));
            steps.append({&entry, accountKey(entry.account), debits ? -*micros : *micros});
        }
    }
    for (qsizetype i = 0; i < steps.size(); ++i) {
        Step &s = steps[i];
        const AccountRef &ref = s.entry->account;
        qint64 balance = 0;
        const Step *earlier = nullptr;
        for (qsizetype j = 0; j < i && !earlier; ++j)
            earlier = steps[j].key == s.key ? &steps[j] : nullptr;
        if (earlier) {
            s.accountId = earlier->accountId;
            balance = earlier->balanceAfter;
        } else {
            const Result<AccountState> state = accountState(ref, s.key);
            if (!state) {
                result.message = state.error().message;
                return result;
            }
            s.accountId = state->id; // 0: created below, once nothing can refuse the post any more
            balance = state->balance;
        }
        const Money current = Money::fromMicros(balance);
        const Money delta = Money::fromMicros(s.delta);
        const std::optional<qint64> after = current.plus(delta).value_or(Money()).toMicros64();
        if (!after)
            return refuse(request, ref.label() + QLatin1String(": balance ") + current.toString()
                                       + QLatin1String(" + ") + delta.toString()
                                       + QLatin1String(" overflows the amount column"));
        if (!ref.isSystem() && *after < 0)
            return refuse(request, QLatin1String("insufficient funds: ") + ref.label()
                                       + QLatin1String(" has ") + current.toString()
                                       + QLatin1String(", needs ") + delta.negated().toString());
        s.balanceAfter = *after;
    }

    SqliteStatement &insert = m_insertTransaction;
    insert.bindText(1, request.referenceType);
    insert.bindText(2, request.referenceId);
    insert.bindText(3, request.description); // a null QString binds as '', not NULL (the column is NOT NULL)
    insert.bindInt64(4, nowMs);
    // No RETURNING: SQLite runs it through a temporary trigger and a buffer table, which cost more than the
    // insert itself; the new row's id is the connection's last insert rowid.
    if (!insert.execute()) {
        result.message = statementError(insert, QStringLiteral("insert transaction"));
        return result;
    }
    if (insert.changes() != 1) {
        result.status = PostResult::Status::Duplicate;
        result.message = QLatin1String("already posted: ") + request.referenceType + QLatin1Char('/')
                         + request.referenceId;
        return result;
    }
    const qint64 txId = sqlite3_last_insert_rowid(m_handle);
    // From here on something is written: an error leaves the cached balances unreliable until the caller
    // rolls back.
    const auto broken = [this, &result](const QString &message) {
        m_cache.clear();
        result.message = message;
        return result;
    };
    result.transactionId = txId;

    static const QByteArray debit = QByteArrayLiteral("debit");
    static const QByteArray credit = QByteArrayLiteral("credit");
    for (qsizetype i = 0; i < steps.size(); ++i) {
        Step &s = steps[i];
        const AccountRef &ref = s.entry->account;
        if (s.accountId == 0) {
            const Result<qint64> id = createAccount(ref, s.key, nowMs);
            if (!id)
                return broken(id.error().message);
            for (qsizetype j = i; j < steps.size(); ++j) {
                if (steps[j].key == s.key)
                    steps[j].accountId = *id;
            }
        }
        // Deferred: the row is written once per transaction (see SqliteBalanceCache), where a compare-and-set
        // and the guard in the statement still hold the line should the checks above ever disagree with the
        // database.
        m_cache.setAccount(s.accountId, s.balanceAfter, txId, nowMs);
    }
    if (steps.size() == 2) {
        SqliteStatement &pair = m_insertEntryPair;
        pair.bindInt64(1, txId);
        pair.bindInt64(5, nowMs);
        for (int i = 0; i < 2; ++i) {
            const Step &s = steps[i];
            pair.bindInt64(i == 0 ? 2 : 6, s.accountId);
            pair.bindStaticText(i == 0 ? 3 : 7, s.entry->debit ? debit : credit);
            pair.bindInt64(i == 0 ? 4 : 8, s.delta < 0 ? -s.delta : s.delta);
        }
        if (!pair.execute())
            return broken(
                statementError(pair, QLatin1String("insert the entries of ") + request.referenceId));
    } else {
        for (const Step &s : std::as_const(steps)) {
            m_insertEntry.bindInt64(1, txId);
            m_insertEntry.bindInt64(2, s.accountId);
            m_insertEntry.bindStaticText(3, s.entry->debit ? debit : credit);
            m_insertEntry.bindInt64(4, s.delta < 0 ? -s.delta : s.delta);
            m_insertEntry.bindInt64(5, nowMs);
            if (!m_insertEntry.execute())
                return broken(statementError(m_insertEntry,
                                             QLatin1String("insert entry for ") + s.entry->account.label()));
        }
    }
    result.status = PostResult::Status::Posted;
    return result;
}

Result<void> SqliteLedgerStore::applyLegacyDelta(const QString &userId,
                                                 const QList<QPair<QString, Money>> &deltas, qint64 changeSeq,
                                                 qint64 nowMs)
{
    if (Result<void> writable = writeGuard(); !writable)
        return writable;
    if (deltas.isEmpty())
        return ok();
    // Only mapped columns can be written (they are the validated identifiers in the prepared statements);
    // several deltas of one column add up.
    const QList<AccountMapping> columns = mapping();
    QVarLengthArray<Money, 8> sums(columns.size());
    for (const auto &d : deltas) {
        qsizetype index = 0;
        while (index < columns.size() && columns.at(index).legacyColumn != d.first)
            ++index;
        if (index == columns.size())
            return fail(describe() + QLatin1String(": legacy column ") + d.first
                            + QLatin1String(" is not in ledger.mapping"),
                        ErrorKind::Invalid);
        const std::optional<Money> sum = sums[index].plus(d.second);
        if (!sum)
            return fail(QLatin1String("legacy ") + d.first + QLatin1String(" of ") + userId
                            + QLatin1String(": the deltas overflow"),
                        ErrorKind::Invalid);
        sums[index] = *sum;
    }
    const auto bind = [&](SqliteStatement &statement) -> Result<void> {
        int position = 1;
        statement.bindText(position++, userId);
        for (qsizetype i = 0; i < columns.size(); ++i) {
            const std::optional<qint64> value = sums[i].toMicros64();
            if (!value) {
                statement.reset();
                return fail(QLatin1String("legacy ") + columns.at(i).legacyColumn + QLatin1String(" of ")
                                + userId + QLatin1String(": ") + sums[i].toString()
                                + QLatin1String(" exceeds the SQLite ledger's range (64-bit micro-units)"),
                            ErrorKind::Invalid);
            }
            statement.bindInt64(position++, *value);
        }
        statement.bindInt64(position++, changeSeq);
        statement.bindInt64(position, nowMs);
        return ok();
    };
    if (Result<void> bound = bind(m_legacyUpdate); !bound)
        return bound;
    if (!m_legacyUpdate.execute())
        return fail(statementError(m_legacyUpdate, QLatin1String("write legacy balances of ") + userId));
    if (m_legacyUpdate.changes() == 1)
        return ok();
    // No row updated: the user has no row yet, or a column would overflow (the guard).
    if (Result<void> bound = bind(m_legacyInsert); !bound)
        return bound;
    if (!m_legacyInsert.execute())
        return fail(statementError(m_legacyInsert, QLatin1String("write legacy balances of ") + userId));
    if (m_legacyInsert.changes() != 1)
        return fail(describe() + QLatin1String(": legacy balances of ") + userId
                        + QLatin1String(" would overflow the amount column"),
                    ErrorKind::Refused);
    return ok();
}

} // namespace Cockpit
