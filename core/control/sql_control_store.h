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

    ControlResult open() override;
    int schemaVersion() const override { return m_schemaVersion; }

    ControlResult ensureMigrations(const QList<std::pair<QString, QString>> &idAndInitialPhase,
                                   const QString &operatorLabel, const QString &host) override;
    std::optional<MigrationState> state(const QString &migration, ControlResult *result = nullptr) override;
    QList<MigrationState> states(ControlResult *result = nullptr) override;
    ControlResult beginTransition(const TransitionIntent &intent) override;
    ControlResult finishTransition(const QString &intentId, const QString &owner, Outcome outcome,
                                   const QString &outcomeText, AuditEntry &audit) override;
    ControlResult heartbeat(const QString &intentId, const QString &owner) override;
    ControlResult takeOver(const QString &intentId, const QString &expectedOwner,
                           const TransitionIntent &taker) override;
    QList<TransitionIntent> pendingIntents(ControlResult *result = nullptr) override;
    std::optional<TransitionIntent> intent(const QString &id, ControlResult *result = nullptr) override;
    AuditLog &audit() override { return m_audit; }
    ControlResult setupSchema() override;
    std::optional<QList<RolloutPause>> rolloutPauses(ControlResult *result = nullptr) override;
    ControlResult setRolloutPause(const QString &module, const std::optional<RolloutPause> &pause) override;
    std::optional<GuardLease> guardLease(ControlResult *result = nullptr) override;
    ControlResult acquireGuardLease(const GuardLease &lease) override;
    ControlResult releaseGuardLease(const QString &holder) override;
    std::optional<ControlSetting> setting(const QString &name, ControlResult *result = nullptr) override;
    ControlResult setSetting(const ControlSetting &setting, AuditEntry *audit = nullptr) override;
    ControlResult recordEvidence(const QList<EvidenceRecord> &records) override;
    std::optional<QList<EvidenceRecord>> evidence(const QString &subject, qint64 fromMs, qint64 toMs,
                                                  int limit, ControlResult *result = nullptr) override;
    ControlResult pruneEvidence(qint64 beforeMs, int *removed = nullptr) override;
    std::optional<QString> changeStamp(ControlResult *result = nullptr) override;
    QStringList setupStatements() const override;

protected:
    SqlControlStore(QString tablePrefix, QString beginStatement);

    // Adds and opens the connection named connectionName(); Unreachable on failure.
    virtual ControlResult connect() = 0;
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

    QString connectionName() const { return m_connectionName; }
    QString table(const char *name) const { return m_prefix + QLatin1String(name); }
    QSqlDatabase database() const;
    // Transactions are started with an explicit statement: SQLite needs BEGIN IMMEDIATE so that two
    // writers queue on the busy timeout instead of one failing at once on a lock upgrade.
    ControlResult beginWrite();
    ControlResult commit();
    void rollback();

    static QString timeText(const QDateTime &time);
    static ControlResult sqlError(const QSqlQuery &query, const QString &what);

private:
    ControlResult createOrCheckSchema(bool mayCreate);
    // The schema's version as stored (0: no schema), without an error when there is none.
    int probeSchemaVersion();
    // The tables a version adds to the one before (2 and up; version 1 is createStatements()).
    QStringList upgradeStatements(int version) const;
    ControlResult newerSchema() const;
    // Prepares and runs a read with at most one bound value; on failure sets *result (if given) to the
    // error prefixed with `what`.
    bool select(QSqlQuery &q, const QString &sql, const QVariant &bind, const QString &what,
                ControlResult *result);
    QList<MigrationState> queryStates(const QString &where, const QVariant &bind, ControlResult *result);
    QList<TransitionIntent> queryIntents(const QString &where, const QVariant &bind, ControlResult *result);
    // Inside a write transaction: Ok when `owner` holds the pending intent, else Fenced or Conflict saying
    // who holds it now or how it ended.
    ControlResult holdsLease(const QString &intentId, const QString &owner);

    QString m_connectionName;
    QString m_prefix;
    QString m_begin;
    AuditLog m_audit;
    int m_schemaVersion = 0;
};

} // namespace Cockpit
