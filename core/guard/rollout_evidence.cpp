// SPDX-License-Identifier: MIT
#include "guard/rollout_evidence.h"

#include "control/control_store.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Cockpit {

namespace {

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString number(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 10) : QString();
}

QString summaryText(const std::optional<SampleSummary> &s)
{
    if (!s)
        return QStringLiteral("no samples");
    return QStringLiteral("n=%1, min %2, median %3, p95 %4, max %5")
        .arg(s->count)
        .arg(s->min, 0, 'g', 6)
        .arg(s->median, 0, 'g', 6)
        .arg(s->p95, 0, 'g', 6)
        .arg(s->max, 0, 'g', 6);
}

QString queryText(const std::optional<SentQuery> &q)
{
    if (!q)
        return QStringLiteral("(not asked)");
    if (q->promql.isEmpty())
        return QStringLiteral("(built-in simulator)");
    return q->promql
           + QStringLiteral("  [%1 .. %2, step %3 s]").arg(iso(q->fromMs), iso(q->toMs)).arg(q->stepSeconds);
}

QStringList summaryFields(const std::optional<SampleSummary> &s)
{
    if (!s)
        return {QStringLiteral("0"), QString(), QString(), QString(), QString()};
    return {QString::number(s->count), QString::number(s->min, 'g', 10), QString::number(s->median, 'g', 10),
            QString::number(s->p95, 'g', 10), QString::number(s->max, 'g', 10)};
}

QString thresholdVerdict(const MetricEvidence &e)
{
    if (e.inconclusive && !e.observedPercent)
        return QStringLiteral("nodata");
    return e.thresholdFailing ? QStringLiteral("fail") : QStringLiteral("pass");
}

} // namespace

QJsonObject StoredInterval::toJson() const
{
    QJsonObject o = interval.toJson();
    o.insert(QStringLiteral("module"), module);
    o.insert(QStringLiteral("weightPercent"), weightPercent);
    o.insert(QStringLiteral("stepEnteredAt"),
             QDateTime::fromMSecsSinceEpoch(stepEnteredAtMs, Qt::UTC).toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("source"), source);
    o.insert(QStringLiteral("decides"), decides);
    o.insert(QStringLiteral("recordedBy"), recordedBy);
    o.insert(QStringLiteral("recordedAt"), recordedAt.toUTC().toString(Qt::ISODateWithMs));
    return o;
}

QString StoredInterval::why() const
{
    QStringList blocks;
    blocks << QStringLiteral("%1, %2 .. %3 UTC, V2 at %4 %: %5 (decided by %6; recorded by %7)")
                  .arg(module, iso(interval.fromMs), iso(interval.toMs))
                  .arg(weightPercent)
                  .arg(verdictStatusName(interval.status), decides, recordedBy);
    for (const MetricEvidence &e : interval.evidence) {
        QStringList lines;
        lines << e.describe();
        lines << QLatin1String("  V1 samples: ") + summaryText(e.v1Summary);
        lines << QLatin1String("  V2 samples: ") + summaryText(e.v2Summary);
        lines << QLatin1String("  V1 query: ") + queryText(e.v1Query);
        lines << QLatin1String("  V2 query: ") + queryText(e.v2Query);
        blocks << lines.join(QLatin1Char('\n'));
    }
    return blocks.join(QLatin1String("\n\n"));
}

QList<EvidenceRecord> RolloutEvidence::records(const ModuleVerdict &verdict, const Context &context)
{
    QList<EvidenceRecord> records;
    for (const IntervalVerdict &interval : verdict.intervals) {
        StoredInterval stored{verdict.module,
                              interval,
                              context.weightPercent,
                              context.stepEnteredAtMs,
                              context.source,
                              context.decides,
                              QString(),
                              QDateTime()};
        QJsonObject document = stored.toJson();
        // Who and when are the record's own columns.
        document.remove(QStringLiteral("recordedBy"));
        document.remove(QStringLiteral("recordedAt"));
        records.append({verdict.module, interval.fromMs, interval.toMs, verdictStatusName(interval.status),
                        QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Compact)),
                        context.recordedBy, context.recordedAt});
    }
    return records;
}

Result<RolloutEvidence::History> RolloutEvidence::read(ControlStore &store, const QString &module,
                                                       qint64 fromMs, qint64 toMs, int limit)
{
    const Result<QList<EvidenceRecord>> records = store.evidence(module, fromMs, toMs, limit);
    if (!records)
        return fail(records.error());
    History history;
    for (const EvidenceRecord &r : *records) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(r.evidence.toUtf8(), &parseError);
        const QJsonObject o = document.object();
        std::optional<IntervalVerdict> interval = IntervalVerdict::fromJson(o);
        if (!interval) {
            if (history.unreadable++ == 0)
                history.firstUnreadable =
                    QStringLiteral("%1: the evidence of %2 for %3 .. %4 cannot be read (%5)")
                        .arg(store.describe(), r.subject, iso(r.fromMs), iso(r.toMs),
                             parseError.error != QJsonParseError::NoError
                                 ? parseError.errorString()
                                 : QStringLiteral("not an interval"));
            continue;
        }
        StoredInterval stored;
        stored.module = r.subject;
        stored.interval = *interval;
        // The record's own columns are the interval; the document's copy is for readers of the JSON.
        stored.interval.fromMs = r.fromMs;
        stored.interval.toMs = r.toMs;
        stored.weightPercent = o.value(QLatin1String("weightPercent")).toInt();
        const QDateTime entered =
            QDateTime::fromString(o.value(QLatin1String("stepEnteredAt")).toString(), Qt::ISODateWithMs);
        stored.stepEnteredAtMs = entered.isValid() ? entered.toMSecsSinceEpoch() : 0;
        stored.source = o.value(QLatin1String("source")).toString();
        stored.decides = o.value(QLatin1String("decides")).toString();
        stored.recordedBy = r.recordedBy;
        stored.recordedAt = r.recordedAt;
        history.intervals.append(stored);
    }
    return history;
}

QStringList RolloutEvidence::csvHeader()
{
    return {QStringLiteral("module"),
            QStringLiteral("from"),
            QStringLiteral("to"),
            QStringLiteral("status"),
            QStringLiteral("weightPercent"),
            QStringLiteral("decides"),
            QStringLiteral("threshold"),
            QStringLiteral("metric"),
            QStringLiteral("thresholdPercent"),
            QStringLiteral("v1"),
            QStringLiteral("v2"),
            QStringLiteral("observedPercent"),
            QStringLiteral("thresholdVerdict"),
            QStringLiteral("judgeVerdict"),
            QStringLiteral("judgeEstimate"),
            QStringLiteral("judgeCiLow"),
            QStringLiteral("judgeCiHigh"),
            QStringLiteral("judgeZ"),
            QStringLiteral("judgeP"),
            QStringLiteral("failing"),
            QStringLiteral("inconclusive"),
            QStringLiteral("v1Count"),
            QStringLiteral("v1Min"),
            QStringLiteral("v1Median"),
            QStringLiteral("v1P95"),
            QStringLiteral("v1Max"),
            QStringLiteral("v2Count"),
            QStringLiteral("v2Min"),
            QStringLiteral("v2Median"),
            QStringLiteral("v2P95"),
            QStringLiteral("v2Max"),
            QStringLiteral("v1Promql"),
            QStringLiteral("v2Promql"),
            QStringLiteral("note"),
            QStringLiteral("source"),
            QStringLiteral("recordedBy"),
            QStringLiteral("recordedAt")};
}

QList<QStringList> RolloutEvidence::csvRows(const StoredInterval &stored)
{
    QList<QStringList> rows;
    if (stored.interval.evidence.isEmpty()) {
        QStringList row(csvHeader().size());
        row[0] = stored.module;
        row[1] = iso(stored.interval.fromMs);
        row[2] = iso(stored.interval.toMs);
        row[3] = verdictStatusName(stored.interval.status);
        row[4] = QString::number(stored.weightPercent);
        row[5] = stored.decides;
        const qsizetype n = row.size();
        row[n - 3] = stored.source;
        row[n - 2] = stored.recordedBy;
        row[n - 1] = stored.recordedAt.toUTC().toString(Qt::ISODateWithMs);
        rows.append(row);
    }
    for (const MetricEvidence &e : stored.interval.evidence) {
        const bool judged = e.judge && e.judge->controlCount > 0 && e.judge->experimentCount > 0;
        const bool interval = judged && e.judge->hasInterval;
        QStringList row{stored.module,
                        iso(stored.interval.fromMs),
                        iso(stored.interval.toMs),
                        verdictStatusName(stored.interval.status),
                        QString::number(stored.weightPercent),
                        stored.decides,
                        e.threshold,
                        e.metric,
                        QString::number(e.thresholdPercent, 'g', 10),
                        number(e.v1),
                        number(e.v2),
                        number(e.observedPercent),
                        thresholdVerdict(e),
                        e.judge ? MannWhitney::verdictName(e.judge->verdict) : QString(),
                        judged ? QString::number(e.judge->estimate, 'g', 10) : QString(),
                        interval ? QString::number(e.judge->ciLow, 'g', 10) : QString(),
                        interval ? QString::number(e.judge->ciHigh, 'g', 10) : QString(),
                        judged ? QString::number(e.judge->z, 'g', 10) : QString(),
                        judged ? QString::number(e.judge->p, 'g', 10) : QString(),
                        e.failing ? QStringLiteral("true") : QStringLiteral("false"),
                        e.inconclusive ? QStringLiteral("true") : QStringLiteral("false")};
        row += summaryFields(e.v1Summary);
        row += summaryFields(e.v2Summary);
        row << (e.v1Query ? e.v1Query->promql : QString()) << (e.v2Query ? e.v2Query->promql : QString())
            << e.note << stored.source << stored.recordedBy
            << stored.recordedAt.toUTC().toString(Qt::ISODateWithMs);
        rows.append(row);
    }
    return rows;
}

} // namespace Cockpit
