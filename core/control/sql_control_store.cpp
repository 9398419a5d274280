// SPDX-License-Identifier: MIT
#include "control/sql_control_store.h"

#include "common/logging.h"
#include "db/sql_error_text.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace Cockpit {

namespace {

QDateTime parseTime(const QVariant &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

// A null QString binds as SQL NULL; the text columns are NOT NULL, so bind "" instead.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

const char *kIntentColumns = "id, migration, from_phase, to_phase, kind, from_version, operator, host, pid, "
                             "started_at, reason, status, finished_at, outcome, owner, heartbeat_at";

} // namespace

QString SqlControlStore::timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

Result<void> SqlControlStore::sqlError(const QSqlQuery &query, const QString &what) const
{
    return fail(describe() + QLatin1String(": control database: ") + what + QLatin1String(": ")
                    + sqlErrorText(query.lastError()),
                ErrorKind::Failed);
}

SqlControlStore::SqlControlStore(QString tablePrefix, QString beginStatement)
    : m_connectionName(QLatin1String("cockpit-control-") + QUuid::createUuid().toString(QUuid::Id128))
    , m_prefix(tablePrefix)
    , m_begin(beginStatement)
    , m_audit(m_connectionName, tablePrefix, beginStatement)
{}

SqlControlStore::~SqlControlStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase SqlControlStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<void> SqlControlStore::beginWrite()
{
    QSqlQuery q(database());
    if (!q.exec(m_begin))
        return sqlError(q, QStringLiteral("cannot start a transaction"));
    return ok();
}

Result<void> SqlControlStore::commit()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const Result<void> failed = sqlError(q, QStringLiteral("commit failed"));
        rollback();
        return failed;
    }
    m_audit.transactionCommitted();
    return ok();
}

void SqlControlStore::rollback()
{
    QSqlQuery q(database());
    q.exec(QStringLiteral("ROLLBACK"));
    m_audit.transactionRolledBack();
}

Result<void> SqlControlStore::open()
{
    if (database().isOpen())
        return ok();
    if (Result<void> connected = connectOrReopen(); !connected)
        return connected;
    Result<void> checked = createOrCheckSchema(createsSchemaOnOpen());
    // Closed, so that the next open() checks again instead of taking this connection as ready.
    if (!checked)
        database().close();
    return checked;
}

Result<void> SqlControlStore::setupSchema()
{
    if (Result<void> connected = connectOrReopen(); !connected)
        return connected;
    return createOrCheckSchema(true);
}

Result<void> SqlControlStore::connectOrReopen()
{
    if (!QSqlDatabase::contains(connectionName()))
        return connect();
    // An open() that failed closed its connection: reopened with the same settings.
    QSqlDatabase db = database();
    if (!db.isOpen() && !db.open()) {
        return fail(describe() + QLatin1String(": cannot connect: ") + sqlErrorText(db.lastError()),
                    ErrorKind::Unreachable);
    }
    return ok();
}

Result<void> SqlControlStore::newerSchema() const
{
    return fail(describe() + QLatin1String(": control schema version ") + QString::number(m_schemaVersion)
                    + QLatin1String(" is newer than this cockpit supports (")
                    + QString::number(kSchemaVersion) + QLatin1String("); upgrade the cockpit"),
                ErrorKind::Failed);
}

QStringList SqlControlStore::upgradeStatements(int version) const
{
    if (version == 2) {
        // A module's rollout pause, shared by every cockpit, CLI and guard of the environment.
        return {QLatin1String("CREATE TABLE IF NOT EXISTS ") + table("rollout_pauses")
                + QLatin1String(" (module TEXT PRIMARY KEY, paused_by TEXT NOT NULL, reason TEXT NOT NULL,"
                                " paused_at TEXT NOT NULL)")};
    }
    if (version == 4) {
        // One guard acts per environment (the lease), and settings such as automatic rollback are the
        // environment's, not a window's.
        return {QLatin1String("CREATE TABLE IF NOT EXISTS ") + table("guard_lease")
                    + QLatin1String(" (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT NOT NULL,"
                                    " label TEXT NOT NULL, host TEXT NOT NULL, pid BIGINT NOT NULL,"
                                    " heartbeat_at TEXT NOT NULL, expires_at TEXT NOT NULL)"),
                QLatin1String("CREATE TABLE IF NOT EXISTS ") + table("settings")
                    + QLatin1String(" (name TEXT PRIMARY KEY, value TEXT NOT NULL, changed_by TEXT NOT NULL,"
                                    " reason TEXT NOT NULL, changed_at TEXT NOT NULL)")};
    }
    if (version == 5) {
        // The guard's evidence per analysed interval; pruned by age, so the end of an interval is indexed.
        // A window's guard yields the lease to a headless one: the lease has a priority.
        return {
            QLatin1String("ALTER TABLE ") + table("guard_lease")
                + QLatin1String(" ADD COLUMN priority INTEGER NOT NULL DEFAULT 1"),

            QLatin1String("CREATE TABLE IF NOT EXISTS ") + table("rollout_evidence")
                + QLatin1String(" (subject TEXT NOT NULL, from_ms BIGINT NOT NULL, to_ms BIGINT NOT NULL,"
                                " status TEXT NOT NULL, evidence TEXT NOT NULL, recorded_by TEXT NOT NULL,"
                                " recorded_at TEXT NOT NULL, PRIMARY KEY (subject, from_ms),"
                                " CHECK (to_ms > from_ms))"),
            QLatin1String("CREATE INDEX IF NOT EXISTS rollout_evidence_to_ms ON ") + table("rollout_evidence")
                + QLatin1String(" (to_ms)")};
    }
    if (version == 3) {
        // The lease of a running transition: who holds it, and when it last said so.
        return {QLatin1String("ALTER TABLE ") + table("intents") + QLatin1String(" ADD COLUMN owner TEXT"),
                QLatin1String("ALTER TABLE ") + table("intents")
                    + QLatin1String(" ADD COLUMN heartbeat_at TEXT")};
    }
    return {};
}

QStringList SqlControlStore::setupStatements() const
{
    QStringList statements = lockStatements();
    if (m_schemaVersion == 0)
        statements += createStatements();
    for (int v = std::max(m_schemaVersion, 1) + 1; v <= kSchemaVersion; ++v)
        statements += upgradeStatements(v);
    return statements;
}

Result<int> SqlControlStore::probeSchemaVersion()
{
    // Asked first whether the table exists: a failing statement would abort a PostgreSQL transaction.
    QSqlQuery probe(database());
    const auto unreadable = [&] {
        // A role without USAGE on the schema or SELECT on its tables is told so: "not set up" would send it
        // to run a setup it may not run, for a schema that is there. 42501 is PostgreSQL's
        // insufficient_privilege; any other failure is reported as it is, without the grant.
        const bool permission = probe.lastError().nativeErrorCode() == QLatin1String("42501");
        return fail(describe() + QLatin1String(": cannot read the control schema: ")
                        + sqlErrorText(probe.lastError()) + (permission ? readGrantHint() : QString()),
                    ErrorKind::Unreachable); // cannot be opened, as for a missing grant to connect
    };
    if (!probe.exec(versionTableExistsStatement()) || !probe.next())
        return unreadable();
    if (!probe.value(0).toBool())
        return 0;
    probe.finish();
    if (!probe.exec(QLatin1String("SELECT MAX(version) FROM ") + table("schema_version")) || !probe.next())
        return unreadable();
    return probe.value(0).toInt();
}

Result<void> SqlControlStore::createOrCheckSchema(bool mayCreate)
{
    // An existing, current schema is only read: no DDL, no write lock, and a read-only role can open it.
    const Result<int> stored = probeSchemaVersion();
    if (!stored) {
        database().close();
        return fail(stored.error());
    }
    m_schemaVersion = *stored;
    if (m_schemaVersion > kSchemaVersion) {
        database().close();
        return newerSchema();
    }
    if (m_schemaVersion == kSchemaVersion)
        return ok();
    if (!mayCreate) {
        database().close();
        if (m_schemaVersion == 0)
            return fail(missingSchemaMessage(), ErrorKind::NotSetUp);
        return fail(missingSchemaMessage().replace(QLatin1String("is not set up"),
                                                   QStringLiteral("is at version %1, this cockpit needs %2")
                                                       .arg(m_schemaVersion)
                                                       .arg(kSchemaVersion)),
                    ErrorKind::NotSetUp);
    }
    Result<void> result = beginWrite();
    if (!result)
        return result;
    QSqlQuery q(database());
    const auto fail = [&](const QString &what) {
        Result<void> failed = sqlError(q, what);
        rollback();
        return failed;
    };
    for (const QString &sql : lockStatements()) {
        if (!q.exec(sql))
            return fail(QStringLiteral("cannot lock the schema"));
    }
    // Read again under the lock: another process may have created or upgraded it meanwhile.
    const Result<int> locked = probeSchemaVersion();
    if (!locked) {
        rollback();
        return Cockpit::fail(locked.error());
    }
    m_schemaVersion = *locked;
    if (m_schemaVersion == 0) {
        for (const QString &sql : createStatements()) {
            if (!q.exec(sql))
                return fail(QStringLiteral("cannot create the schema"));
        }
        if (!q.exec(QLatin1String("INSERT INTO ") + table("schema_version")
                    + QLatin1String(" (version) VALUES (1)"))
            || !q.exec(QLatin1String("INSERT INTO ") + table("audit_head")
                       + QLatin1String(" (id, last_seq, last_hash) VALUES (1, 0, '") + AuditLog::genesisHash()
                       + QLatin1String("') ON CONFLICT DO NOTHING")))
            return fail(QStringLiteral("cannot initialise the schema"));
        m_schemaVersion = 1;
    }
    if (m_schemaVersion > kSchemaVersion) {
        rollback();
        database().close();
        return newerSchema();
    }
    for (int v = m_schemaVersion + 1; v <= kSchemaVersion; ++v) {
        for (const QString &sql : upgradeStatements(v)) {
            if (!q.exec(sql))
                return fail(QStringLiteral("cannot upgrade the schema to version %1").arg(v));
        }
    }
    if (!q.exec(QLatin1String("UPDATE ") + table("schema_version") + QLatin1String(" SET version = ")
                + QString::number(kSchemaVersion)))
        return fail(QStringLiteral("cannot record the schema version"));
    qCDebug(lcControl) << "control schema" << m_schemaVersion << "->" << kSchemaVersion << "in" << describe();
    m_schemaVersion = kSchemaVersion;
    return commit();
}

Result<void> SqlControlStore::ensureMigrations(const QList<std::pair<QString, QString>> &idAndInitialPhase,
                                               const QString &operatorLabel, const QString &host)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    QSqlQuery q(database());
    q.prepare(QLatin1String("INSERT INTO ") + table("migrations")
              + QLatin1String(" (id, phase, version, changed_by, changed_host, changed_at, pending_intent) "
                              "VALUES (?, ?, 1, ?, ?, ?, NULL) ON CONFLICT DO NOTHING"));
    const QString now = timeText(QDateTime::currentDateTimeUtc());
    for (const auto &[id, initial] : idAndInitialPhase) {
        q.addBindValue(id);
        q.addBindValue(initial);
        q.addBindValue(text(operatorLabel));
        q.addBindValue(text(host));
        q.addBindValue(now);
        if (!q.exec()) {
            result = sqlError(q, QLatin1String("cannot create the row of ") + id);
            rollback();
            return result;
        }
    }
    return commit();
}

Result<void> SqlControlStore::select(QSqlQuery &q, const QString &sql, const QVariant &bind,
                                     const QString &what)
{
    if (!q.prepare(sql))
        return sqlError(q, what);
    if (bind.isValid())
        q.addBindValue(bind);
    if (!q.exec())
        return sqlError(q, what);
    return ok();
}

Result<QList<MigrationState>> SqlControlStore::queryStates(const QString &where, const QVariant &bind)
{
    QList<MigrationState> list;
    QSqlQuery q(database());
    if (Result<void> read = select(
            q,
            QLatin1String(
                "SELECT id, phase, version, changed_by, changed_host, changed_at, pending_intent FROM ")
                + table("migrations") + where + QLatin1String(" ORDER BY id"),
            bind, QStringLiteral("cannot read migration states"));
        !read)
        return fail(read.error());
    while (q.next()) {
        MigrationState s;
        s.migration = q.value(0).toString();
        s.phase = q.value(1).toString();
        s.version = q.value(2).toLongLong();
        s.changedBy = q.value(3).toString();
        s.changedHost = q.value(4).toString();
        s.changedAt = parseTime(q.value(5));
        s.pendingIntent = q.value(6).isNull() ? QString() : q.value(6).toString();
        list.append(s);
    }
    return list;
}

Result<std::optional<MigrationState>> SqlControlStore::state(const QString &migration)
{
    return queryStates(QStringLiteral(" WHERE id = ?"), migration).map([](const QList<MigrationState> &list) {
        return list.isEmpty() ? std::nullopt : std::optional<MigrationState>(list.first());
    });
}

Result<QList<MigrationState>> SqlControlStore::states()
{
    return queryStates(QString(), QVariant());
}

Result<QList<TransitionIntent>> SqlControlStore::queryIntents(const QString &where, const QVariant &bind)
{
    QList<TransitionIntent> list;
    QSqlQuery q(database());
    if (Result<void> read =
            select(q,
                   QLatin1String("SELECT ") + QLatin1String(kIntentColumns) + QLatin1String(" FROM ")
                       + table("intents") + where + QLatin1String(" ORDER BY started_at"),
                   bind, QStringLiteral("cannot read transition intents"));
        !read)
        return fail(read.error());
    while (q.next()) {
        TransitionIntent i;
        i.id = q.value(0).toString();
        i.migration = q.value(1).toString();
        i.fromPhase = q.value(2).toString();
        i.toPhase = q.value(3).toString();
        i.kind = q.value(4).toString();
        i.fromVersion = q.value(5).toLongLong();
        i.operatorLabel = q.value(6).toString();
        i.host = q.value(7).toString();
        i.pid = q.value(8).toLongLong();
        i.startedAt = parseTime(q.value(9));
        i.reason = q.value(10).toString();
        i.status = q.value(11).toString();
        i.finishedAt = parseTime(q.value(12));
        i.outcome = q.value(13).toString();
        i.owner = q.value(14).toString();
        i.heartbeatAt = parseTime(q.value(15));
        list.append(i);
    }
    return list;
}

Result<QList<TransitionIntent>> SqlControlStore::pendingIntents()
{
    return queryIntents(QStringLiteral(" WHERE status = ?"), QStringLiteral("pending"));
}

Result<std::optional<TransitionIntent>> SqlControlStore::intent(const QString &id)
{
    return queryIntents(QStringLiteral(" WHERE id = ?"), id).map([](const QList<TransitionIntent> &list) {
        return list.isEmpty() ? std::nullopt : std::optional<TransitionIntent>(list.first());
    });
}

Result<void> SqlControlStore::beginTransition(const TransitionIntent &intent)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    QSqlQuery cas(database());
    // The compare-and-set: the first statement of the transaction is the write, so concurrent callers
    // queue on the row (PostgreSQL) or the database lock (SQLite) and the loser sees zero rows.
    cas.prepare(QLatin1String("UPDATE ") + table("migrations")
                + QLatin1String(" SET pending_intent = ? WHERE id = ? AND version = ? AND phase = ? "
                                "AND pending_intent IS NULL"));
    cas.addBindValue(intent.id);
    cas.addBindValue(intent.migration);
    cas.addBindValue(intent.fromVersion);
    cas.addBindValue(intent.fromPhase);
    if (!cas.exec()) {
        result = sqlError(cas, QStringLiteral("cannot claim the migration"));
        rollback();
        return result;
    }
    if (cas.numRowsAffected() != 1) {
        rollback();
        const Result<std::optional<MigrationState>> read = state(intent.migration);
        if (!read)
            return fail(read.error());
        const std::optional<MigrationState> &now = *read;
        if (!now) {
            return fail(QLatin1String("control database has no row for ") + intent.migration,
                        ErrorKind::Failed);
        }
        std::optional<TransitionIntent> pending;
        if (!now->pendingIntent.isEmpty()) {
            // The conflict is told either way; without the intent it names no holder.
            if (Result<std::optional<TransitionIntent>> held = this->intent(now->pendingIntent))
                pending = *held;
        }
        return fail(conflictMessage(*now, pending), ErrorKind::Conflict);
    }
    QSqlQuery insert(database());
    insert.prepare(
        QLatin1String("INSERT INTO ") + table("intents") + QLatin1String(" (") + QLatin1String(kIntentColumns)
        + QLatin1String(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', NULL, NULL, ?, ?)"));
    insert.addBindValue(text(intent.id));
    insert.addBindValue(text(intent.migration));
    insert.addBindValue(text(intent.fromPhase));
    insert.addBindValue(text(intent.toPhase));
    insert.addBindValue(text(intent.kind));
    insert.addBindValue(intent.fromVersion);
    insert.addBindValue(text(intent.operatorLabel));
    insert.addBindValue(text(intent.host));
    insert.addBindValue(intent.pid);
    insert.addBindValue(
        timeText(intent.startedAt.isValid() ? intent.startedAt : QDateTime::currentDateTimeUtc()));
    insert.addBindValue(text(intent.reason));
    insert.addBindValue(text(intent.owner));
    insert.addBindValue(
        timeText(intent.heartbeatAt.isValid() ? intent.heartbeatAt : QDateTime::currentDateTimeUtc()));
    if (!insert.exec()) {
        result = sqlError(insert, QStringLiteral("cannot record the transition intent"));
        rollback();
        return result;
    }
    return commit();
}

Result<void> SqlControlStore::finishTransition(const QString &intentId, const QString &owner, Outcome outcome,
                                               const QString &outcomeText, AuditEntry &audit)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    const QString now = timeText(QDateTime::currentDateTimeUtc());
    // The lease first: only its holder may end the intent, whatever the migration row says.
    if (result = holdsLease(intentId, owner); !result) {
        rollback();
        return result;
    }
    QSqlQuery q(database());
    if (outcome == Outcome::Completed) {
        // The intent row carries the target; the migration row moves only if it is still claimed by it.
        q.prepare(
            QLatin1String("UPDATE ") + table("migrations")
            + QLatin1String(" SET phase = (SELECT to_phase FROM ") + table("intents")
            + QLatin1String(" WHERE id = ?), version = version + 1, changed_by = (SELECT operator FROM ")
            + table("intents") + QLatin1String(" WHERE id = ?), changed_host = (SELECT host FROM ")
            + table("intents")
            + QLatin1String(
                " WHERE id = ?), changed_at = ?, pending_intent = NULL WHERE pending_intent = ?"));
        q.addBindValue(intentId);
        q.addBindValue(intentId);
        q.addBindValue(intentId);
        q.addBindValue(now);
        q.addBindValue(intentId);
    } else {
        q.prepare(QLatin1String("UPDATE ") + table("migrations")
                  + QLatin1String(" SET pending_intent = NULL WHERE pending_intent = ?"));
        q.addBindValue(intentId);
    }
    if (!q.exec()) {
        result = sqlError(q, QStringLiteral("cannot update the migration"));
        rollback();
        return result;
    }
    if (q.numRowsAffected() != 1) {
        rollback();
        return fail(QLatin1String("transition ") + intentId
                        + QLatin1String(" is no longer pending (finished by someone else)"),
                    ErrorKind::Conflict);
    }
    static const char *names[] = {"completed", "failed", "rolled_back"};
    QSqlQuery done(database());
    done.prepare(
        QLatin1String("UPDATE ") + table("intents")
        + QLatin1String(" SET status = ?, finished_at = ?, outcome = ? WHERE id = ? AND status = 'pending'"));
    done.addBindValue(QString::fromLatin1(names[static_cast<int>(outcome)]));
    done.addBindValue(now);
    done.addBindValue(outcomeText);
    done.addBindValue(intentId);
    if (!done.exec() || done.numRowsAffected() != 1) {
        result = sqlError(done, QStringLiteral("cannot close the transition intent"));
        rollback();
        return result;
    }
    result = m_audit.appendInOpenTransaction(audit);
    if (!result) {
        rollback();
        return result;
    }
    return commit();
}

} // namespace Cockpit
