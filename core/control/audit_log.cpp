// SPDX-License-Identifier: MIT
#include "control/audit_log.h"

#include "common/csv.h"
#include "common/logging.h"
#include "control/control_store.h"
#include "db/sql_error_text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Cockpit {

namespace {

Result<void> sqlFailure(const QSqlQuery &query, const QString &what)
{
    return fail(QLatin1String("audit log: ") + what + QLatin1String(": ") + sqlErrorText(query.lastError()),
                ErrorKind::Failed);
}

const char *kColumns = "seq, time_utc, os_user, display_name, host, environment, migration, action, reason, "
                       "gate_evidence, actuator_output, result, prev_hash, entry_hash";

AuditEntry readEntry(const QSqlQuery &q)
{
    AuditEntry e;
    e.seq = q.value(0).toLongLong();
    e.time = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs).toUTC();
    e.osUser = q.value(2).toString();
    e.displayName = q.value(3).toString();
    e.host = q.value(4).toString();
    e.environment = q.value(5).toString();
    e.migration = q.value(6).toString();
    e.action = q.value(7).toString();
    e.reason = q.value(8).toString();
    e.gateEvidence = q.value(9).toString();
    e.actuatorOutput = q.value(10).toString();
    e.result = q.value(11).toString();
    e.prevHash = q.value(12).toString();
    e.entryHash = q.value(13).toString();
    return e;
}

} // namespace

AuditLog::AuditLog(QString connectionName, QString tablePrefix, QString beginStatement)
    : m_connectionName(std::move(connectionName))
    , m_prefix(std::move(tablePrefix))
    , m_begin(std::move(beginStatement))
{}

QString AuditLog::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QSqlDatabase AuditLog::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString AuditLog::table(const char *name) const
{
    return m_prefix + QLatin1String(name);
}

Result<void> AuditLog::append(AuditEntry &entry)
{
    QSqlDatabase db = database();
    QSqlQuery tx(db);
    if (!tx.exec(m_begin))
        return sqlFailure(tx, QStringLiteral("cannot start a transaction"));
    Result<void> result = appendInOpenTransaction(entry);
    if (!result) {
        tx.exec(QStringLiteral("ROLLBACK"));
        transactionRolledBack();
        return result;
    }
    if (!tx.exec(QStringLiteral("COMMIT"))) {
        const Result<void> failed = sqlFailure(tx, QStringLiteral("commit failed"));
        tx.exec(QStringLiteral("ROLLBACK"));
        transactionRolledBack();
        return failed;
    }
    transactionCommitted();
    return result;
}

Result<void> AuditLog::appendInOpenTransaction(AuditEntry &entry)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    // Updating the head first takes its row lock (PostgreSQL) or the write lock (SQLite), so concurrent
    // appenders queue here and each sees the previous one's hash.
    if (!q.exec(QLatin1String("UPDATE ") + table("audit_head")
                + QLatin1String(" SET last_seq = last_seq + 1 WHERE id = 1")))
        return sqlFailure(q, QStringLiteral("cannot lock the log head"));
    if (!q.exec(QLatin1String("SELECT last_seq, last_hash FROM ") + table("audit_head")
                + QLatin1String(" WHERE id = 1"))
        || !q.next())
        return sqlFailure(q, QStringLiteral("cannot read the log head"));
    entry.seq = q.value(0).toLongLong();
    entry.prevHash = q.value(1).toString();
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTimeUtc();
    // Millisecond precision is what is stored; hash what will be read back.
    entry.time = QDateTime::fromString(AuditEntry::timeText(entry.time), Qt::ISODateWithMs).toUTC();
    entry.entryHash = entry.computeHash();

    QSqlQuery insert(db);
    insert.prepare(QLatin1String("INSERT INTO ") + table("audit_log") + QLatin1String(" (")
                   + QLatin1String(kColumns)
                   + QLatin1String(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(entry.seq);
    insert.addBindValue(AuditEntry::timeText(entry.time));
    for (const QString &v : {entry.osUser, entry.displayName, entry.host, entry.environment, entry.migration,
                             entry.action, entry.reason, entry.gateEvidence, entry.actuatorOutput,
                             entry.result, entry.prevHash, entry.entryHash})
        insert.addBindValue(v.isNull() ? QStringLiteral("") : v); // a null QString would bind as SQL NULL
    if (!insert.exec())
        return sqlFailure(insert, QStringLiteral("cannot insert entry"));
    QSqlQuery head(db);
    head.prepare(QLatin1String("UPDATE ") + table("audit_head")
                 + QLatin1String(" SET last_hash = ? WHERE id = 1"));
    head.addBindValue(entry.entryHash);
    if (!head.exec())
        return sqlFailure(head, QStringLiteral("cannot update the log head"));
    qCDebug(lcAudit) << "appended audit entry" << entry.seq << entry.action << entry.migration;
    m_unanchored.append({entry.seq, entry.entryHash});
    return ok();
}

Result<QList<AuditEntry>> AuditLog::entries(const Filter &filter) const
{
    QList<AuditEntry> list;
    QString sql =
        QLatin1String("SELECT ") + QLatin1String(kColumns) + QLatin1String(" FROM ") + table("audit_log");
    QStringList where;
    if (!filter.migration.isEmpty())
        where.append(QStringLiteral("migration = :migration"));
    if (!filter.action.isEmpty())
        where.append(QStringLiteral("action = :action"));
    if (!where.isEmpty())
        sql += QLatin1String(" WHERE ") + where.join(QLatin1String(" AND "));
    sql += filter.limit > 0 ? QLatin1String(" ORDER BY seq DESC LIMIT ") + QString::number(filter.limit)
                            : QStringLiteral(" ORDER BY seq");
    QSqlQuery q(database());
    q.prepare(sql);
    if (!filter.migration.isEmpty())
        q.bindValue(QStringLiteral(":migration"), filter.migration);
    if (!filter.action.isEmpty())
        q.bindValue(QStringLiteral(":action"), filter.action);
    if (!q.exec())
        return fail(sqlFailure(q, QStringLiteral("cannot read entries")).error());
    while (q.next()) {
        AuditEntry e = readEntry(q);
        if (!filter.text.isEmpty()) {
            const QString haystack = e.reason + QLatin1Char('\n') + e.gateEvidence + QLatin1Char('\n')
                                     + e.actuatorOutput + QLatin1Char('\n') + e.osUser + QLatin1Char('\n')
                                     + e.displayName;
            if (!haystack.contains(filter.text, Qt::CaseInsensitive))
                continue;
        }
        list.append(e);
    }
    if (filter.limit > 0)
        std::reverse(list.begin(), list.end());
    return list;
}

namespace {

void addProblem(AuditLog::Verification &v, qint64 seq, const QString &text)
{
    v.ok = false;
    if (v.firstBadSeq == 0 || seq < v.firstBadSeq)
        v.firstBadSeq = seq;
    v.problems.append(QLatin1String("entry ") + QString::number(seq) + QLatin1String(": ") + text);
}

} // namespace

void AuditLog::checkChain(const QList<AuditEntry> &entries, bool fromGenesis, Verification &v)
{
    qint64 expectedSeq = fromGenesis ? 1 : (entries.isEmpty() ? 1 : entries.first().seq);
    QString expectedPrev = fromGenesis || entries.isEmpty() ? genesisHash() : entries.first().prevHash;
    for (const AuditEntry &e : entries) {
        ++v.entries;
        bool gap = false;
        if (e.seq > expectedSeq) {
            gap = true;
            // A filtered export skips entries on purpose: only a complete chain must have every one.
            for (qint64 s = expectedSeq; fromGenesis && s < e.seq; ++s)
                addProblem(v, s, QStringLiteral("missing (deleted from the log)"));
        } else if (e.seq < expectedSeq) {
            addProblem(v, e.seq, QStringLiteral("duplicate or out-of-order sequence number (inserted)"));
        }
        if (e.computeHash() != e.entryHash)
            addProblem(v, e.seq, QStringLiteral("content does not match its hash (edited)"));
        else if (!gap && e.prevHash != expectedPrev)
            addProblem(v, e.seq,
                       QLatin1String("previous-entry hash does not match entry ") + QString::number(e.seq - 1)
                           + QLatin1String(" (an entry before it was edited, inserted or deleted)"));
        expectedSeq = e.seq + 1;
        expectedPrev = e.entryHash;
    }
}

AuditLog::Verification AuditLog::verify() const
{
    Verification v;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(QLatin1String("SELECT ") + QLatin1String(kColumns) + QLatin1String(" FROM ")
                + table("audit_log") + QLatin1String(" ORDER BY seq"))) {
        v.ok = false;
        v.problems.append(QLatin1String("cannot read the audit log: ") + sqlErrorText(q.lastError()));
        return v;
    }
    QList<AuditEntry> list;
    while (q.next()) {
        list.append(readEntry(q));
        // The hash covers the time as parsed: another spelling of the same instant would still match it.
        if (q.value(1).toString() != AuditEntry::timeText(list.last().time))
            addProblem(v, list.last().seq,
                       QStringLiteral("time_utc is not written the way the log writes it (rewritten)"));
    }
    checkChain(list, true, v);
    const qint64 expectedSeq = list.isEmpty() ? 1 : list.last().seq + 1;
    const QString expectedPrev = list.isEmpty() ? genesisHash() : list.last().entryHash;
    qint64 lastSeq = expectedSeq - 1;
    QSqlQuery head(database());
    if (head.exec(QLatin1String("SELECT last_seq, last_hash FROM ") + table("audit_head")
                  + QLatin1String(" WHERE id = 1"))
        && head.next()) {
        lastSeq = head.value(0).toLongLong();
        const QString lastHash = head.value(1).toString();
        if (lastSeq >= expectedSeq) {
            for (qint64 s = expectedSeq; s <= lastSeq; ++s)
                addProblem(v, s, QStringLiteral("missing (deleted from the end of the log)"));
        } else if (lastSeq < expectedSeq - 1) {
            addProblem(v, expectedSeq - 1, QStringLiteral("not recorded in the log head (inserted)"));
        } else if (lastHash != expectedPrev) {
            addProblem(v, lastSeq, QStringLiteral("hash does not match the log head (edited)"));
        }
    } else {
        v.ok = false;
        v.problems.append(QLatin1String("cannot read the audit log head: ") + sqlErrorText(head.lastError()));
    }
    // The anchor outside the database catches what a consistent rewrite of chain and head hides. The head
    // is the database's claim too: the anchor is compared with the entries actually there.
    if (m_anchor.isEnabled()) {
        v.anchorPath = m_anchor.path();
        const Result<QList<AuditAnchor::Record>> records = m_anchor.read();
        if (!records) {
            v.ok = false;
            v.problems.append(records.error().message);
            return v;
        }
        QMap<qint64, QString> hashes;
        for (const AuditEntry &e : std::as_const(list))
            hashes.insert(e.seq, e.entryHash);
        v.anchored = records->size();
        const QStringList problems = AuditAnchor::check(
            *records, hashes, list.isEmpty() ? 0 : list.last().seq, m_anchor.path(), &v.firstBadSeq);
        if (!problems.isEmpty()) {
            v.ok = false;
            v.problems += problems;
        }
    }
    return v;
}

void AuditLog::transactionCommitted()
{
    for (const auto &[seq, hash] : std::as_const(m_unanchored)) {
        if (const Result<void> anchored = m_anchor.append(seq, hash); !anchored)
            qCWarning(lcAudit).noquote()
                << "audit entry" << seq << "is not anchored:" << anchored.error().message;
    }
    m_unanchored.clear();
}

QByteArray AuditLog::toCsv(const QList<AuditEntry> &entries)
{
    QByteArray out = Csv::record(AuditEntry::csvHeader()).toUtf8() + "\r\n";
    for (const AuditEntry &e : entries)
        out += Csv::record(e.csvFields()).toUtf8() + "\r\n";
    return out;
}

QByteArray AuditLog::toJson(const QList<AuditEntry> &entries, const AuditAnchor &anchor, bool complete)
{
    QJsonArray array;
    for (const AuditEntry &e : entries)
        array.append(e.toJson());
    // apiVersion as in cockpitctl's other JSON documents.
    QJsonObject root{{QStringLiteral("apiVersion"), 1},
                     {QStringLiteral("entries"), array},
                     {QStringLiteral("complete"), complete}};
    if (anchor.isEnabled()) {
        const Result<QList<AuditAnchor::Record>> read = anchor.read();
        QJsonArray records;
        for (const AuditAnchor::Record &r : read.value_or(QList<AuditAnchor::Record>()))
            records.append(QJsonObject{{QStringLiteral("seq"), r.seq},
                                       {QStringLiteral("hash"), r.hash},
                                       {QStringLiteral("time"), AuditEntry::timeText(r.time)}});
        root.insert(QStringLiteral("anchor"), QJsonObject{{QStringLiteral("path"), anchor.path()},
                                                          {QStringLiteral("records"), records},
                                                          {QStringLiteral("error"), errorMessage(read)}});
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

AuditLog::Verification AuditLog::verifyExport(const QByteArray &json, const QString &displayName)
{
    Verification v;
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(json, &parseError).object();
    if (parseError.error != QJsonParseError::NoError || !root.value(QStringLiteral("entries")).isArray()) {
        v.ok = false;
        v.problems.append(displayName + QLatin1String(": not an audit export (")
                          + (parseError.error != QJsonParseError::NoError
                                 ? parseError.errorString()
                                 : QStringLiteral("no \"entries\" array"))
                          + QLatin1Char(')'));
        return v;
    }
    const bool complete = root.value(QStringLiteral("complete")).toBool();
    QList<AuditEntry> list;
    for (const auto &e : root.value(QStringLiteral("entries")).toArray()) {
        list.append(AuditEntry::fromJson(e.toObject()));
        const QJsonObject o = e.toObject();
        const QJsonValue written = o.contains(QLatin1String("timeUtc")) ? o.value(QLatin1String("timeUtc"))
                                                                        : o.value(QLatin1String("time_utc"));
        if (written.toString() != AuditEntry::timeText(list.last().time))
            addProblem(v, list.last().seq,
                       QStringLiteral("time_utc is not written the way the log writes it (rewritten)"));
    }
    checkChain(list, complete, v);
    const QJsonObject anchor = root.value(QStringLiteral("anchor")).toObject();
    if (!anchor.isEmpty()) {
        v.anchorPath = anchor.value(QStringLiteral("path")).toString();
        QList<AuditAnchor::Record> records;
        for (const auto &r : anchor.value(QStringLiteral("records")).toArray()) {
            const QJsonObject o = r.toObject();
            // A filtered export holds some entries only: their records are the ones to compare.
            if (!complete && !std::any_of(list.cbegin(), list.cend(), [&o](const AuditEntry &e) {
                    return e.seq == o.value(QStringLiteral("seq")).toInteger();
                }))
                continue;
            records.append(
                {o.value(QStringLiteral("seq")).toInteger(), o.value(QStringLiteral("hash")).toString(),
                 QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs), 0});
        }
        QMap<qint64, QString> hashes;
        for (const AuditEntry &e : std::as_const(list))
            hashes.insert(e.seq, e.entryHash);
        v.anchored = records.size();
        const QStringList problems =
            AuditAnchor::check(records, hashes, list.isEmpty() ? 0 : list.last().seq,
                               displayName + QLatin1String("'s anchor"), &v.firstBadSeq);
        if (!problems.isEmpty()) {
            v.ok = false;
            v.problems += problems;
        }
    }
    return v;
}

Result<void> AuditLog::record(const EnvironmentConfig &config, AuditEntry entry)
{
    std::unique_ptr<ControlStore> store = ControlStore::create(config);
    Result<void> opened = store->open();
    if (!opened)
        return opened;
    return store->audit().append(entry);
}

} // namespace Cockpit
