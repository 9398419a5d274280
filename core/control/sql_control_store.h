// SPDX-License-Identifier: MIT
#pragma once

#include "control/audit_log.h"
#include "control/control_store.h"

#include <QSqlDatabase>

class QSqlQuery;

namespace Cockpit {

// The SQL shared by the SQLite and PostgreSQL stores. Subclasses open the connection and name the tables'
// prefix; everything else is portable SQL (ON CONFLICT DO NOTHING needs SQLite >= 3.24).
class SqlControlStore : public ControlStore
{
public:
    ~SqlControlStore() override;

    Result<void> open() override;
    int schemaVersion() const override { return m_schemaVersion; }

    Result<void> ensureMigrations(const QList<std::pair<QString, QString>> &idAndInitialPhase,
                                  const QString &operatorLabel, const QString &host) override;
    Result<std::optional<MigrationState>> state(const QString &migration) override;
    Result<QList<MigrationState>> states() override;
    Result<void> beginTransition(const TransitionIntent &intent) override;
    Result<void> finishTransition(const QString &intentId, const QString &owner, Outcome outcome,
                                  const QString &outcomeText, AuditEntry &audit) override;
    Result<void> heartbeat(const QString &intentId, const QString &owner) override;
    Result<void> takeOver(const QString &intentId, const QString &expectedOwner,
                          const TransitionIntent &taker) override;
    Result<QList<TransitionIntent>> pendingIntents() override;
    Result<std::optional<TransitionIntent>> intent(const QString &id) override;
    AuditLog &audit() override { return m_audit; }
    Result<void> setupSchema() override;
    Result<QList<RolloutPause>> rolloutPauses() override;
    Result<void> setRolloutPause(const QString &module, const std::optional<RolloutPause> &pause) override;
    Result<std::optional<GuardLease>> guardLease() override;
    Result<void> acquireGuardLease(const GuardLease &lease) override;
    Result<void> releaseGuardLease(const QString &holder) override;
    Result<std::optional<ControlSetting>> setting(const QString &name) override;
    Result<void> setSetting(const ControlSetting &setting, AuditEntry *audit = nullptr) override;
    Result<void> recordEvidence(const QList<EvidenceRecord> &records) override;
    Result<QList<EvidenceRecord>> evidence(const QString &subject, qint64 fromMs, qint64 toMs,
                                           int limit) override;
    Result<void> pruneEvidence(qint64 beforeMs, int *removed = nullptr) override;
    Result<QString> changeStamp() override;
    QStringList setupStatements() const override;

protected:
    SqlControlStore(QString tablePrefix, QString beginStatement);

    // Adds and opens the connection named connectionName(); Unreachable on failure.
    virtual Result<void> connect() = 0;
    // Statements creating schema version 1, run in one transaction.
    virtual QStringList createStatements() const = 0;
    // Runs before the schema is created, inside the same transaction (PostgreSQL takes an advisory lock).
    virtual QStringList lockStatements() const { return {}; }
    // One row, one boolean column: whether the schema_version table exists.
    virtual QString versionTableExistsStatement() const = 0;
    // Whether open() may create a missing schema: the cockpit's own file, yes; a shared server, no.
    virtual bool createsSchemaOnOpen() const = 0;
    // What open() says when the schema is missing and it may not create it.
    virtual QString missingSchemaMessage() const = 0;
    // Appended when the schema exists but this session may not read it: which grants a role needs.
    virtual QString readGrantHint() const { return {}; }

    QString connectionName() const { return m_connectionName; }
    QString table(const char *name) const { return m_prefix + QLatin1String(name); }
    QSqlDatabase database() const;
    // Transactions are started with an explicit statement: SQLite needs BEGIN IMMEDIATE so that two
    // writers queue on the busy timeout instead of one failing at once on a lock upgrade.
    Result<void> beginWrite();
    Result<void> commit();
    void rollback();

    static QString timeText(const QDateTime &time);
    Result<void> sqlError(const QSqlQuery &query, const QString &what) const;

private:
    Result<void> connectOrReopen();
    Result<void> createOrCheckSchema(bool mayCreate);
    // The schema's version as stored (0: no schema), without an error when there is none; a schema this
    // session may not read is an error, not a missing schema.
    Result<int> probeSchemaVersion();
    // The tables a version adds to the one before (2 and up; version 1 is createStatements()).
    QStringList upgradeStatements(int version) const;
    Result<void> newerSchema() const;
    // Prepares and runs a read with at most one bound value; the failure names `what`.
    Result<void> select(QSqlQuery &q, const QString &sql, const QVariant &bind, const QString &what);
    Result<QList<MigrationState>> queryStates(const QString &where, const QVariant &bind);
    Result<QList<TransitionIntent>> queryIntents(const QString &where, const QVariant &bind);
    // Inside a write transaction: Ok when `owner` holds the pending intent, else Fenced or Conflict saying
    // who holds it now or how it ended.
    Result<void> holdsLease(const QString &intentId, const QString &owner);

    QString m_connectionName;
    QString m_prefix;
    QString m_begin;
    AuditLog m_audit;
    int m_schemaVersion = 0;
};

} // namespace Cockpit
