// SPDX-License-Identifier: MIT
#include "control/audit_entry.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <iterator>

namespace Cockpit {

QString AuditEntry::timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray AuditEntry::canonical() const
{
    // Numbers as strings so the bytes never depend on how a JSON writer prints a double.
    const QJsonArray fields = {QString::number(seq), timeText(time), osUser,  displayName, host,
                               environment,          migration,      action,  reason,      gateEvidence,
                               actuatorOutput,       result,         prevHash};
    return QJsonDocument(fields).toJson(QJsonDocument::Compact);
}

QString AuditEntry::computeHash() const
{
    return QString::fromLatin1(QCryptographicHash::hash(canonical(), QCryptographicHash::Sha256).toHex());
}

QStringList AuditEntry::csvHeader()
{
    return {QStringLiteral("seq"),
            QStringLiteral("time_utc"),
            QStringLiteral("os_user"),
            QStringLiteral("display_name"),
            QStringLiteral("host"),
            QStringLiteral("environment"),
            QStringLiteral("migration"),
            QStringLiteral("action"),
            QStringLiteral("reason"),
            QStringLiteral("gate_evidence"),
            QStringLiteral("actuator_output"),
            QStringLiteral("result"),
            QStringLiteral("prev_hash"),
            QStringLiteral("entry_hash")};
}

QStringList AuditEntry::csvFields() const
{
    return {QString::number(seq), timeText(time), osUser,   displayName, host,
            environment,          migration,      action,   reason,      gateEvidence,
            actuatorOutput,       result,         prevHash, entryHash};
}

QStringList AuditEntry::jsonKeys()
{
    return {QStringLiteral("seq"),          QStringLiteral("timeUtc"),        QStringLiteral("osUser"),
            QStringLiteral("displayName"),  QStringLiteral("host"),           QStringLiteral("environment"),
            QStringLiteral("migration"),    QStringLiteral("action"),         QStringLiteral("reason"),
            QStringLiteral("gateEvidence"), QStringLiteral("actuatorOutput"), QStringLiteral("result"),
            QStringLiteral("prevHash"),     QStringLiteral("entryHash")};
}

AuditEntry AuditEntry::fromJson(const QJsonObject &o)
{
    AuditEntry e;
    e.seq = o.value(QLatin1String("seq")).toInteger();
    // Exports written before the JSON documents were camelCase used the CSV header's names; both verify.
    const QStringList keys = jsonKeys();
    const QStringList oldKeys = csvHeader();
    const auto field = [&](qsizetype i) {
        return o.contains(keys.at(i)) ? o.value(keys.at(i)) : o.value(oldKeys.at(i));
    };
    e.time = QDateTime::fromString(field(1).toString(), Qt::ISODateWithMs).toUTC();
    // The text fields, in jsonKeys()'s order after seq and timeUtc.
    QString *const text[] = {&e.osUser,         &e.displayName, &e.host,     &e.environment,
                             &e.migration,      &e.action,      &e.reason,   &e.gateEvidence,
                             &e.actuatorOutput, &e.result,      &e.prevHash, &e.entryHash};
    for (qsizetype i = 0; i < qsizetype(std::size(text)); ++i)
        *text[i] = field(i + 2).toString();
    return e;
}

QJsonObject AuditEntry::toJson() const
{
    const QStringList keys = jsonKeys();
    const QStringList values = csvFields();
    QJsonObject object;
    for (int i = 0; i < keys.size(); ++i)
        object.insert(keys.at(i), values.at(i));
    object.insert(QStringLiteral("seq"), seq);
    return object;
}

} // namespace Cockpit
