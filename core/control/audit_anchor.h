// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Cockpit {

struct EnvironmentConfig;

// The audit chain's anchor outside the database: an append-only journal file of this machine's user, one
// line per entry appended from here ("<seq> <entry hash> <time>"). The database role can rewrite the log and
// re-hash the whole chain consistently, or cut its end off, and the chain alone would still verify; it cannot
// rewrite this file, which is on another machine (or at least owned by another user), so verify() compares
// the chain with it and names the first entry that no longer matches.
//
// Chosen over syslog (not readable back by the cockpit on every system, and rotated away) and over an HMAC
// in the database (which does not reveal a truncated end). What it proves is limited to the entries
// appended from where the journal lives; each operator's machine, and a guard's, keeps its own.
//
// Threading: stateless apart from the path; append() may be called from any thread (O_APPEND writes).
class AuditAnchor
{
public:
    struct Record
    {
        qint64 seq = 0;
        QString hash;
        QDateTime time; // UTC, when it was appended
        int line = 0;   // in the journal, for messages
    };

    AuditAnchor() = default;
    explicit AuditAnchor(QString path)
        : m_path(std::move(path))
    {}

    // control.auditAnchor, or by default: demo `<dataDir>/audit-anchor.log`, else
    // `$XDG_STATE_HOME/migration-cockpit/<environment>.audit-anchor` (~/.local/state when unset).
    static QString defaultPath(const EnvironmentConfig &config);

    bool isEnabled() const { return !m_path.isEmpty(); }
    QString path() const { return m_path; }

    // Appends one line and fsyncs it; the file (0600) and its folder (0700) are created when missing. A
    // failure names the file.
    Result<void> append(qint64 seq, const QString &hash) const;
    // Every record of the journal; a missing file is an empty journal. Fails naming the file and line
    // when it cannot be read or a line is malformed.
    Result<QList<Record>> read() const;

    // The chain (hash of each sequence number present, and the last sequence number) against `records`:
    // one problem per record that no longer matches, naming the entry; *firstBad is the lowest such entry
    // (unchanged when none). `where` names the journal in messages.
    static QStringList check(const QList<Record> &records, const QMap<qint64, QString> &hashes,
                             qint64 lastSeq, const QString &where, qint64 *firstBad);

    static constexpr int kMaxListed = 20;

private:
    QString m_path;
};

} // namespace Cockpit
