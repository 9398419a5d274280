// SPDX-License-Identifier: MIT
#include "reconcile/discrepancy_exporter.h"

#include "common/atomic_file.h"
#include "common/csv.h"
#include "common/utc_time.h"
#include "reconcile/reconcile_connection.h"
#include "reconcile/reconcile_schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Cockpit {

namespace {

QJsonValue amount(const std::optional<Decimal> &m)
{
    return m ? QJsonValue(m->toString()) : QJsonValue(QJsonValue::Null);
}

} // namespace

Result<qint64> DiscrepancyExporter::exportTo(const ReconcileStorage &storage, const DiscrepancyFilter &filter,
                                             DiscrepancyStore::SortColumn sort, bool descending,
                                             const QString &path, Format format)
{
    qint64 written = 0;
    ReconcileConnection connection(storage, QStringLiteral("reconcile-export"));
    if (Result<void> opened = connection.open(); !opened)
        return fail(opened.error());
    const Result<bool> prepared = connection.prepareTables();
    if (!prepared)
        return fail(prepared.error());
    if (!*prepared)
        return fail(connection.describe()
                        + QLatin1String(": no reconciliation has been stored yet (read-only session; the "
                                        "cockpit's tables are created by cockpitctl setup)"),
                    ErrorKind::NotFound);
    DiscrepancyStore store(connection.database(), connection.dialect(), connection.describe());
    QByteArray csv =
        "user_id,account_type,legacy_column,ledger,legacy,difference,first_seen_utc,last_seen_utc,status\n";
    QJsonArray rows;
    constexpr int window = 10000;
    for (qint64 offset = 0;; offset += window) {
        const Result<QList<StoredDiscrepancy>> page = store.fetch(filter, sort, descending, offset, window);
        if (!page)
            return fail(page.error());
        for (const StoredDiscrepancy &d : *page) {
            const DiscrepancyRecord &r = d.record;
            const QString status = d.isOpen() ? QStringLiteral("open") : QStringLiteral("resolved");
            if (format == Format::Csv) {
                csv += Csv::field(r.userId).toUtf8() + ',' + r.accountType.toUtf8() + ','
                       + r.legacyColumn.toUtf8() + ','
                       + (r.ledger ? r.ledger->toString().toUtf8() : QByteArray()) + ','
                       + (r.legacy ? r.legacy->toString().toUtf8() : QByteArray()) + ','
                       + r.difference.toString().toUtf8() + ',' + UtcTime::text(d.firstSeenMs).toUtf8() + ','
                       + UtcTime::text(d.lastSeenMs).toUtf8() + ',' + status.toUtf8() + '\n';
            } else {
                rows.append(QJsonObject{{QStringLiteral("userId"), r.userId},
                                        {QStringLiteral("accountType"), r.accountType},
                                        {QStringLiteral("legacyColumn"), r.legacyColumn},
                                        {QStringLiteral("ledger"), amount(r.ledger)},
                                        {QStringLiteral("legacy"), amount(r.legacy)},
                                        {QStringLiteral("difference"), r.difference.toString()},
                                        {QStringLiteral("firstSeenMs"), d.firstSeenMs},
                                        {QStringLiteral("lastSeenMs"), d.lastSeenMs},
                                        {QStringLiteral("status"), status}});
            }
            ++written;
        }
        if (page->size() < window)
            break;
    }
    const QByteArray content =
        format == Format::Csv ? csv
                              : QJsonDocument(QJsonObject{{QStringLiteral("discrepancies"), rows}}).toJson();
    AtomicFile::Options options;
    options.permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup;
    if (Result<void> saved = AtomicFile::write(path, content, options); !saved)
        return fail(saved.error());
    return written;
}

} // namespace Cockpit
