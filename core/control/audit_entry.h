// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Cockpit {

// One line of the audit log. Lanes fill in what they know and call AuditLog::append(); seq, prevHash and
// entryHash are set by the log.
struct AuditEntry
{
    qint64 seq = 0;
    QDateTime time; // UTC; set at append when empty
    QString osUser;
    QString displayName;
    QString host;
    QString environment;
    QString migration; // may be empty for events not tied to one migration ("environment opened")
    QString action; // transition, override, dry_run, refused, reconciliation_run, sync, environment_opened...
    QString reason;
    QString gateEvidence;
    QString actuatorOutput;
    QString result; // ok, failed, refused, interrupted...
    QString prevHash;
    QString entryHash;

    // The exact bytes hashed: a compact JSON array of every field but entryHash, in a fixed order.
    QByteArray canonical() const;
    QString computeHash() const; // SHA-256 hex of canonical()
    QJsonObject toJson() const;
    // The inverse of toJson() (an exported entry, for offline verification); time as written.
    static AuditEntry fromJson(const QJsonObject &object);
    static QStringList csvHeader();
    // toJson()'s keys, in csvHeader()'s order: the same fields, camelCase like every JSON document.
    static QStringList jsonKeys();
    QStringList csvFields() const;
    static QString timeText(const QDateTime &time); // "2026-11-20T14:02:00.000Z"
};

} // namespace Cockpit
