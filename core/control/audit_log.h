// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "control/audit_anchor.h"
#include "control/audit_entry.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Cockpit {

struct EnvironmentConfig;

// The append-only, hash-chained audit log in the control database. Each entry carries the SHA-256 of the
// previous one and its own hash over AuditEntry::canonical(); a one-row head table holds the last sequence
// number and hash, so edits, insertions and deletions (including of the last entry) are all found by
// verify().
//
// Threading: an AuditLog uses the database connection of the ControlStore that owns it and lives in that
// store's thread. From another thread, or from a lane without a store at hand, use AuditLog::record(),
// which opens its own connection. Appends from several processes are serialised by the database (the
// head row is updated first, which locks it).
class AuditLog
{
public:
    struct Filter
    {
        QString migration; // exact id; empty for all
        QString action;    // exact; empty for all
        QString text;      // substring of reason, evidence, output or operator; case-insensitive
        int limit = 0;     // newest N entries when > 0
    };

    struct Verification
    {
        bool ok = true;
        qint64 entries = 0;
        qint64 firstBadSeq = 0; // 0 when ok
        QStringList problems;   // one line each, naming the entry: "entry 7: content does not match its hash"
        qint64 anchored = 0;    // records of the audit anchor compared with the chain
        QString anchorPath;
    };

    // beginStatement: how the store starts a write transaction ("BEGIN IMMEDIATE" for SQLite, "BEGIN").
    AuditLog(QString connectionName, QString tablePrefix, QString beginStatement);

    // Appends in its own database transaction; fills in seq, time (when empty), prevHash and entryHash.
    Result<void> append(AuditEntry &entry);
    // Appends inside a transaction the caller has open on the same connection (used by the control store so
    // that a phase change and its audit entry commit together).
    Result<void> appendInOpenTransaction(AuditEntry &entry);

    Result<QList<AuditEntry>> entries(const Filter &filter) const;
    // The chain, the head and the audit anchor.
    Verification verify() const;

    // The journal outside the database that every committed append is written to (AuditAnchor).
    void setAnchor(AuditAnchor anchor) { m_anchor = std::move(anchor); }
    const AuditAnchor &anchor() const { return m_anchor; }
    // The owning store's transaction committed or rolled back: entries appended in it are anchored now, or
    // never.
    void transactionCommitted();
    void transactionRolledBack() { m_unanchored.clear(); }

    static QByteArray toCsv(const QList<AuditEntry> &entries);
    // With the anchor's records, so that the export can be verified offline (verifyExport); `complete`: no
    // filter was applied, the export is the whole log.
    static QByteArray toJson(const QList<AuditEntry> &entries, const AuditAnchor &anchor = AuditAnchor(),
                             bool complete = false);
    // Verifies an export written by toJson(): every entry's hash, the links between consecutive entries,
    // and the anchor records it carries (all of them when the export is complete).
    static Verification verifyExport(const QByteArray &json, const QString &displayName);

    // Opens the environment's control database, appends, closes: the public entry point for lanes
    // (reconciliation runs, syncs, environment opened). Thread-safe; blocks on the database.
    static Result<void> record(const EnvironmentConfig &config, AuditEntry entry);

    static QString genesisHash(); // prevHash of the first entry: 64 zeros

private:
    QSqlDatabase database() const;
    QString table(const char *name) const;

    static void checkChain(const QList<AuditEntry> &entries, bool fromGenesis, Verification &v);

    QString m_connectionName;
    QString m_prefix;
    QString m_begin;
    AuditAnchor m_anchor;
    QList<std::pair<qint64, QString>> m_unanchored; // appended in the open transaction
};

} // namespace Cockpit
