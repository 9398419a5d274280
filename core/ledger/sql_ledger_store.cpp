// SPDX-License-Identifier: MIT
#include "ledger/sql_ledger_store.h"

#include "common/logging.h"
#include "db/sql_error_text.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlRecord>
#include <QUuid>

#include <algorithm>
#include <tuple>

namespace Cockpit {

namespace {

// QtSql binds a null QString as SQL NULL; every text column of ours is NOT NULL.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

} // namespace

SqlLedgerStore::SqlLedgerStore(DatabaseConfig config, QList<AccountMapping> mapping,
                               LedgerSchema::Dialect dialect)
    : m_config(std::move(config))
    , m_mapping(std::move(mapping))
    , m_dialect(dialect)
    , m_connectionName(QLatin1String("ledger-") + QUuid::createUuid().toString(QUuid::Id128))
{}

SqlLedgerStore::~SqlLedgerStore()
{
    // Queries must go before the connection is removed.
    m_insertTransaction = QSqlQuery();
    m_updateBalance = QSqlQuery();
    m_insertEntry = QSqlQuery();
    m_selectUserAccount = QSqlQuery();
    m_selectSystemAccount = QSqlQuery();
    m_insertUser = QSqlQuery();
    m_insertAccount = QSqlQuery();
    m_selectLedgerBalances = QSqlQuery();
    m_selectLegacyBalances = QSqlQuery();
    m_legacyUpserts.clear();
    m_controlStatements.clear();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            if (m_inTransaction)
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString SqlLedgerStore::accountKey(const AccountRef &ref)
{
    return ref.isSystem() ? QString(QLatin1String("sys\x1f") + ref.systemKey)
                          : QString(ref.userId + QLatin1Char('\x1f') + ref.accountType);
}

qint64 SqlLedgerStore::cachedAccountId(const QString &key) const
{
    if (auto it = m_accounts.constFind(key); it != m_accounts.cend())
        return *it;
    if (auto it = m_txAccounts.constFind(key); it != m_txAccounts.cend())
        return *it;
    return 0;
}

QSqlDatabase SqlLedgerStore::database() const
{
    // The handle is kept: looking a connection up by name takes a lock and a hash lookup per statement.
    return m_db.isValid() ? m_db : QSqlDatabase::database(m_connectionName, false);
}

QString SqlLedgerStore::sqlError(const QSqlQuery &query, const QString &step) const
{
    return describe() + QLatin1String(": ") + step + QLatin1String(": ") + sqlErrorText(query.lastError());
}

Result<void> SqlLedgerStore::exec(const QString &sql, const QString &step)
{
    if (m_db.isValid() && canPrepareControlStatements()) {
        auto it = m_controlStatements.find(sql);
        if (it == m_controlStatements.end()) {
            QSqlQuery prepared(m_db);
            if (!prepared.prepare(sql))
                return fail(sqlError(prepared, step));
            it = m_controlStatements.insert(sql, prepared);
        }
        if (!it->exec())
            return fail(sqlError(*it, step));
        it->finish();
        return ok();
    }
    QSqlQuery query(database());
    if (!query.exec(sql))
        return fail(sqlError(query, step));
    return ok();
}

Result<void> SqlLedgerStore::open()
{
    // This store migrates the cockpit's own schema; a service's database is only read, by the reconciler.
    if (!m_config.schemaOwned)
        return fail(describe()
                        + QLatin1String(": a service's database (ledger.ownership: observed): the cockpit "
                                        "creates no tables there, and this needs its own ledger schema"),
                    ErrorKind::Refused);
    QSqlDatabase db = QSqlDatabase::addDatabase(driverName(), m_connectionName);
    if (!db.isValid())
        return fail(describe() + QLatin1String(": the Qt SQL driver ") + driverName()
                    + QLatin1String(" is not available"));
    if (Result<void> configured = configureConnection(db); !configured)
        return configured;
    if (!db.open())
        return fail(describe() + QLatin1String(": cannot connect: ") + sqlErrorText(db.lastError()),
                    ErrorKind::Unreachable);
    m_db = db;
    if (Result<void> set = afterOpen(db); !set)
        return set;
    if (Result<void> migrated = migrate(); !migrated)
        return migrated;
    if (Result<void> mapped = checkMappedColumns(); !mapped)
        return mapped;
    return prepareStatements();
}

Result<void> SqlLedgerStore::migrate()
{
    if (m_config.readOnly)
        return checkSchemaReadOnly();
    if (Result<void> created =
            exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY,"
                                " version INTEGER NOT NULL, applied_at BIGINT NOT NULL)"),
                 QStringLiteral("create schema_version"));
        !created)
        return created;
    if (Result<void> begun = begin(); !begun)
        return begun;
    // The migration's own failure is the one reported; a failed rollback after it adds nothing.
    const auto undo = [this](Result<void> failed) {
        std::ignore = rollback();
        return failed;
    };
    if (m_dialect == LedgerSchema::Dialect::Postgres) {
        // Two cockpits opening a fresh database at once must not both run the migration.
        if (Result<void> locked =
                exec(QStringLiteral("SELECT pg_advisory_xact_lock(7508)"), QStringLiteral("lock schema"));
            !locked)
            return undo(locked);
    }
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT version FROM schema_version WHERE component = ?"));
    query.addBindValue(QStringLiteral("ledger"));
    if (!query.exec())
        return undo(fail(sqlError(query, QStringLiteral("read schema version"))));
    int version = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    const int latest = LedgerSchema::latestVersion();
    if (version > latest) {
        std::ignore = rollback(); // only read, nothing to keep
        m_schemaVersion = version;
        m_writable = false;
        m_readOnlyReason = newerSchemaReason(version);
        qCWarning(lcLedger).noquote() << m_readOnlyReason;
        return ok();
    }
    for (int v = version + 1; v <= latest; ++v) {
        for (const QString &sql : LedgerSchema::migration(v, m_dialect)) {
            if (Result<void> step = exec(sql, QStringLiteral("migrate to schema version %1").arg(v)); !step)
                return undo(step);
        }
        QSqlQuery upsert(database());
        upsert.prepare(
            QStringLiteral("INSERT INTO schema_version (component, version, applied_at) VALUES (?, ?, ?)"
                           " ON CONFLICT (component) DO UPDATE SET version = excluded.version,"
                           " applied_at = excluded.applied_at"));
        upsert.addBindValue(QStringLiteral("ledger"));
        upsert.addBindValue(v);
        upsert.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!upsert.exec())
            return undo(fail(sqlError(upsert, QStringLiteral("record schema version"))));
        qCDebug(lcLedger).noquote() << describe() << "migrated to ledger schema version" << v;
    }
    if (Result<void> committed = commit(); !committed)
        return committed;
    m_schemaVersion = latest;
    m_writable = true;
    return ok();
}

Result<void> SqlLedgerStore::checkSchemaReadOnly()
{
    // A read-only session runs no DDL, not even CREATE TABLE IF NOT EXISTS (PostgreSQL refuses it in a
    // read-only transaction): a current schema is only read, any other is reported.
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT version FROM schema_version WHERE component = ?"));
    query.addBindValue(QStringLiteral("ledger"));
    const int version = query.exec() && query.next() ? query.value(0).toInt() : 0;
    query.finish();
    const int latest = LedgerSchema::latestVersion();
    if (version < latest) {
        return fail(
            describe()
                + QStringLiteral(": the ledger schema is at version %1 of %2, and a read-only session "
                                 "does not create or upgrade it; open the environment once without "
                                 "read-only")
                      .arg(version)
                      .arg(latest),
            ErrorKind::NotSetUp);
    }
    m_schemaVersion = version;
    m_writable = false;
    m_readOnlyReason = version > latest ? newerSchemaReason(version)
                                        : describe() + QLatin1String(": a read-only session does not write");
    return ok();
}

QString SqlLedgerStore::newerSchemaReason(int version) const
{
    return describe()
           + QStringLiteral(
                 ": ledger schema version %1 is newer than this cockpit knows (%2); refusing to write, "
                 "upgrade the cockpit")
                 .arg(version)
                 .arg(LedgerSchema::latestVersion());
}

Result<void> SqlLedgerStore::checkMappedColumns()
{
    QStringList columns;
    for (const AccountMapping &m : m_mapping)
        columns.append(m.legacyColumn);
    QSqlQuery query(database());
    if (!query.exec(QLatin1String("SELECT ") + columns.join(QLatin1String(", "))
                    + QLatin1String(" FROM balances WHERE 1 = 0"))) {
        return fail(describe() + QLatin1String(": ledger.mapping names legacy columns (")
                        + columns.join(QLatin1String(", "))
                        + QLatin1String(") that the balances table does not have: ")
                        + sqlErrorText(query.lastError()),
                    ErrorKind::Invalid);
    }
    return ok();
}

Result<void> SqlLedgerStore::prepareStatements()
{
    const QSqlDatabase db = database();
    struct Statement
    {
        QSqlQuery *query;
        QString sql;
    };
    const QString bal = QStringLiteral("balance");
    const Statement statements[] = {
        {&m_insertTransaction,
         QStringLiteral(
             "INSERT INTO ledger_transactions (reference_type, reference_id, description, created_at)"
             " VALUES (?, ?, ?, ?) ON CONFLICT (reference_type, reference_id) DO NOTHING RETURNING id")},
        // The WHERE clause is the guard: a user account never goes below zero, no column overflows.
        {&m_updateBalance,
         QLatin1String("UPDATE ledger_accounts SET balance = balance + ?, change_seq = ?, updated_at = ?"
                       " WHERE id = ? AND (user_id IS NULL OR balance + ? >= 0) AND ")
             + overflowGuard(QStringLiteral("balance + ?"))},
        {&m_insertEntry,
         QStringLiteral(
             "INSERT INTO ledger_entries (transaction_id, account_id, entry_type, amount, created_at)"
             " VALUES (?, ?, ?, ?, ?)")},
        {&m_selectUserAccount,
         QStringLiteral("SELECT id FROM ledger_accounts WHERE user_id = ? AND account_type = ?")},
        {&m_selectSystemAccount, QStringLiteral("SELECT id FROM ledger_accounts WHERE system_key = ?")},
        {&m_insertUser,
         QStringLiteral("INSERT INTO users (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")},
        {&m_insertAccount,
         QStringLiteral("INSERT INTO ledger_accounts (user_id, system_key, account_type, balance, change_seq,"
                        " created_at, updated_at) VALUES (?, ?, ?, 0, 0, ?, ?) RETURNING id")},
        {&m_selectLedgerBalances, QLatin1String("SELECT account_type, ") + moneySelect(bal)
                                      + QLatin1String(" FROM ledger_accounts WHERE user_id = ?")},
    };
    for (const Statement &s : statements) {
        *s.query = QSqlQuery(db);
        s.query->setForwardOnly(true);
        if (!s.query->prepare(s.sql))
            return fail(sqlError(*s.query, QLatin1String("prepare ") + s.sql));
    }
    QStringList selects;
    for (const AccountMapping &m : m_mapping)
        selects.append(moneySelect(m.legacyColumn));
    m_selectLegacyBalances = QSqlQuery(db);
    m_selectLegacyBalances.setForwardOnly(true);
    if (!m_selectLegacyBalances.prepare(QLatin1String("SELECT ") + selects.join(QLatin1String(", "))
                                        + QLatin1String(" FROM balances WHERE user_id = ?")))
        return fail(sqlError(m_selectLegacyBalances, QStringLiteral("prepare legacy balance read")));
    return ok();
}

Result<void> SqlLedgerStore::writeGuard() const
{
    if (!m_writable)
        return fail(m_readOnlyReason.isEmpty() ? describe() + QLatin1String(": not open") : m_readOnlyReason,
                    ErrorKind::Refused);
    return ok();
}

Result<void> SqlLedgerStore::begin()
{
    if (m_inTransaction)
        return fail(describe() + QLatin1String(": a transaction is already open"));
    if (Result<void> begun = control(beginStatement(), QStringLiteral("begin")); !begun)
        return begun;
    m_inTransaction = true;
    transactionStarted();
    return ok();
}

Result<void> SqlLedgerStore::commit()
{
    if (Result<void> committed = control(QStringLiteral("COMMIT"), QStringLiteral("commit")); !committed) {
        std::ignore = rollback(); // the commit's failure is what the caller needs to hear
        return committed;
    }
    m_inTransaction = false;
    for (auto it = m_txAccounts.cbegin(); it != m_txAccounts.cend(); ++it)
        m_accounts.insert(it.key(), it.value());
    m_txAccounts.clear();
    return ok();
}

Result<void> SqlLedgerStore::rollback()
{
    m_txAccounts.clear();
    m_inTransaction = false;
    return control(QStringLiteral("ROLLBACK"), QStringLiteral("rollback"));
}

Result<void> SqlLedgerStore::savepoint(const QString &name)
{
    return control(QLatin1String("SAVEPOINT ") + name, QStringLiteral("savepoint"));
}

Result<void> SqlLedgerStore::releaseSavepoint(const QString &name)
{
    return control(QLatin1String("RELEASE SAVEPOINT ") + name, QStringLiteral("release savepoint"));
}

Result<void> SqlLedgerStore::rollbackToSavepoint(const QString &name)
{
    m_txAccounts.clear();
    return control(QLatin1String("ROLLBACK TO SAVEPOINT ") + name, QStringLiteral("rollback to savepoint"));
}

Result<qint64> SqlLedgerStore::accountId(const AccountRef &ref, qint64 nowMs)
{
    const QString key = accountKey(ref);
    if (const qint64 cached = cachedAccountId(key))
        return cached;
    QSqlQuery &select = ref.isSystem() ? m_selectSystemAccount : m_selectUserAccount;
    if (ref.isSystem()) {
        select.addBindValue(ref.systemKey);
    } else {
        select.addBindValue(ref.userId);
        select.addBindValue(ref.accountType);
    }
    if (!select.exec())
        return fail(sqlError(select, QLatin1String("look up account ") + ref.label()));
    qint64 id = select.next() ? select.value(0).toLongLong() : 0;
    select.finish();
    if (id == 0) {
        if (!ref.isSystem()) {
            m_insertUser.addBindValue(ref.userId);
            m_insertUser.addBindValue(nowMs);
            if (!m_insertUser.exec())
                return fail(sqlError(m_insertUser, QLatin1String("create user ") + ref.userId));
        }
        m_insertAccount.addBindValue(ref.isSystem() ? QVariant(QMetaType(QMetaType::QString))
                                                    : QVariant(ref.userId));
        m_insertAccount.addBindValue(ref.isSystem() ? QVariant(ref.systemKey)
                                                    : QVariant(QMetaType(QMetaType::QString)));
        m_insertAccount.addBindValue(ref.accountType);
        m_insertAccount.addBindValue(nowMs);
        m_insertAccount.addBindValue(nowMs);
        if (!m_insertAccount.exec() || !m_insertAccount.next())
            return fail(sqlError(m_insertAccount, QLatin1String("create account ") + ref.label()));
        id = m_insertAccount.value(0).toLongLong();
        m_insertAccount.finish();
    }
    m_txAccounts.insert(key, id);
    return id;
}

QString SqlLedgerStore::describeShortfall(qint64 accountId, const AccountRef &ref, Money delta)
{
    QSqlQuery query(database());
    query.prepare(QLatin1String("SELECT ") + moneySelect(QStringLiteral("balance"))
                  + QLatin1String(" FROM ledger_accounts WHERE id = ?"));
    query.addBindValue(accountId);
    if (!query.exec() || !query.next())
        return sqlError(query, QLatin1String("read balance of ") + ref.label());
    const std::optional<Money> balance = readMoney(query.value(0));
    const QString current = balance ? balance->toString() : query.value(0).toString();
    if (balance && !delta.isNegative())
        return ref.label() + QLatin1String(": balance ") + current + QLatin1String(" + ") + delta.toString()
               + QLatin1String(" overflows the amount column");
    return QLatin1String("insufficient funds: ") + ref.label() + QLatin1String(" has ") + current
           + QLatin1String(", needs ") + delta.negated().toString();
}

std::optional<PostResult> SqlLedgerStore::checkRequest(const TransactionRequest &request) const
{
    PostResult result;
    if (Result<void> writable = writeGuard(); !writable) {
        result.message = writable.error().message;
        return result;
    }
    const auto reject = [&result](const QString &message) {
        result.status = PostResult::Status::Rejected;
        result.message = message;
        return result;
    };
    if (!m_inTransaction)
        return reject(QStringLiteral("post() needs an open transaction"));
    if (request.referenceType.isEmpty() || request.referenceId.isEmpty())
        return reject(QStringLiteral("a transaction needs a reference type and id (its idempotency key)"));
    if (request.entries.size() < 2)
        return reject(QStringLiteral("transaction %1/%2 has %3 entries; at least 2 are required")
                          .arg(request.referenceType, request.referenceId)
                          .arg(request.entries.size()));
    Money debits;
    Money credits;
    for (const EntryRequest &entry : request.entries) {
        if (!entry.amount.isPositive())
            return reject(QLatin1String("entry for ") + entry.account.label() + QLatin1String(" has amount ")
                          + entry.amount.toString() + QLatin1String("; amounts must be positive"));
        std::optional<Money> sum = (entry.debit ? debits : credits).plus(entry.amount);
        if (!sum)
            return reject(QStringLiteral("transaction total overflows"));
        (entry.debit ? debits : credits) = *sum;
    }
    if (debits != credits)
        return reject(QLatin1String("unbalanced transaction ") + request.referenceType + QLatin1Char('/')
                      + request.referenceId + QLatin1String(": debits ") + debits.toString()
                      + QLatin1String(" != credits ") + credits.toString());
    return std::nullopt;
}

PostResult SqlLedgerStore::post(const LedgerTransaction &transaction, const TransactionRequest &request,
                                qint64 nowMs)
{
    if (Result<void> current = checkTransaction(transaction); !current)
        return {PostResult::Status::Error, current.error().message, 0};
    if (std::optional<PostResult> refused = checkRequest(request))
        return *refused;
    PostResult result;
    const auto reject = [&result](const QString &message) {
        result.status = PostResult::Status::Rejected;
        result.message = message;
        return result;
    };

    // Debits first: they are the entries that can be refused (balance below zero), and refusing early
    // means fewer statements to undo.
    QList<EntryRequest> ordered = request.entries;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const EntryRequest &a, const EntryRequest &b) { return a.debit && !b.debit; });
    QList<qint64> ids;
    for (const EntryRequest &entry : ordered) {
        const Result<qint64> id = accountId(entry.account, nowMs);
        if (!id) {
            result.message = id.error().message;
            return result;
        }
        ids.append(*id);
    }

    m_insertTransaction.addBindValue(request.referenceType);
    m_insertTransaction.addBindValue(request.referenceId);
    m_insertTransaction.addBindValue(text(request.description));
    m_insertTransaction.addBindValue(nowMs);
    if (!m_insertTransaction.exec()) {
        result.message = sqlError(m_insertTransaction, QStringLiteral("insert transaction"));
        return result;
    }
    if (!m_insertTransaction.next()) {
        m_insertTransaction.finish();
        result.status = PostResult::Status::Duplicate;
        result.message = QLatin1String("already posted: ") + request.referenceType + QLatin1Char('/')
                         + request.referenceId;
        return result;
    }
    const qint64 txId = m_insertTransaction.value(0).toLongLong();
    m_insertTransaction.finish();
    result.transactionId = txId;

    for (qsizetype i = 0; i < ordered.size(); ++i) {
        const EntryRequest &entry = ordered.at(i);
        const Money delta = entry.debit ? entry.amount.negated() : entry.amount;
        const Result<QVariant> bound = bindMoney(delta);
        const Result<QVariant> amount = bindMoney(entry.amount);
        if (!bound || !amount)
            return reject(entry.account.label() + QLatin1String(": ") + errorMessage(bound)
                          + errorMessage(amount));
        m_updateBalance.addBindValue(*bound);
        m_updateBalance.addBindValue(txId);
        m_updateBalance.addBindValue(nowMs);
        m_updateBalance.addBindValue(ids.at(i));
        m_updateBalance.addBindValue(*bound);
        m_updateBalance.addBindValue(*bound);
        if (!m_updateBalance.exec()) {
            result.message =
                sqlError(m_updateBalance, QLatin1String("update balance of ") + entry.account.label());
            return result;
        }
        if (m_updateBalance.numRowsAffected() != 1)
            return reject(describeShortfall(ids.at(i), entry.account, delta));

        m_insertEntry.addBindValue(txId);
        m_insertEntry.addBindValue(ids.at(i));
        m_insertEntry.addBindValue(entry.debit ? QStringLiteral("debit") : QStringLiteral("credit"));
        m_insertEntry.addBindValue(*amount);
        m_insertEntry.addBindValue(nowMs);
        if (!m_insertEntry.exec()) {
            result.message =
                sqlError(m_insertEntry, QLatin1String("insert entry for ") + entry.account.label());
            return result;
        }
    }
    result.status = PostResult::Status::Posted;
    return result;
}

QSqlQuery &SqlLedgerStore::legacyUpsert(const QStringList &columns)
{
    const QString key = columns.join(QLatin1Char(','));
    auto it = m_legacyUpserts.find(key);
    if (it != m_legacyUpserts.end())
        return *it;
    QStringList placeholders;
    QStringList updates;
    QStringList guards;
    for (const QString &c : columns) {
        placeholders.append(QStringLiteral("?"));
        const QString sum = QLatin1String("balances.") + c + QLatin1String(" + excluded.") + c;
        updates.append(c + QLatin1String(" = ") + sum);
        guards.append(overflowGuard(sum));
    }
    QSqlQuery query(database());
    query.prepare(
        QLatin1String("INSERT INTO balances (user_id, ") + columns.join(QLatin1String(", "))
        + QLatin1String(", change_seq, updated_at) VALUES (?, ") + placeholders.join(QLatin1String(", "))
        + QLatin1String(", ?, ?) ON CONFLICT (user_id) DO UPDATE SET ") + updates.join(QLatin1String(", "))
        + QLatin1String(", change_seq = excluded.change_seq, updated_at = excluded.updated_at WHERE ")
        + guards.join(QLatin1String(" AND ")));
    return *m_legacyUpserts.insert(key, query);
}

Result<void> SqlLedgerStore::applyLegacyDelta(const QString &userId,
                                              const QList<QPair<QString, Money>> &deltas, qint64 changeSeq,
                                              qint64 nowMs)
{
    if (Result<void> writable = writeGuard(); !writable)
        return writable;
    if (deltas.isEmpty())
        return ok();
    QStringList columns;
    for (const auto &d : deltas)
        columns.append(d.first);
    QSqlQuery &query = legacyUpsert(columns);
    query.addBindValue(userId);
    for (const auto &d : deltas) {
        const Result<QVariant> bound = bindMoney(d.second);
        if (!bound)
            return fail(QLatin1String("legacy ") + d.first + QLatin1String(" of ") + userId
                            + QLatin1String(": ") + bound.error().message,
                        ErrorKind::Invalid);
        query.addBindValue(*bound);
    }
    query.addBindValue(changeSeq);
    query.addBindValue(nowMs);
    if (!query.exec())
        return fail(sqlError(query, QLatin1String("write legacy balances of ") + userId));
    if (query.numRowsAffected() != 1)
        return fail(describe() + QLatin1String(": legacy balances of ") + userId
                        + QLatin1String(" would overflow the amount column"),
                    ErrorKind::Refused);
    return ok();
}

} // namespace Cockpit
