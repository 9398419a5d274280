// SPDX-License-Identifier: MIT
#include "rollout/rollout_verdict.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace Cockpit {

namespace {

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

// The inverse of isoTime(); nullopt for anything else.
std::optional<qint64> timeMs(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

std::optional<double> optionalDouble(const QJsonValue &value)
{
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
}

QString number(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 6) : QStringLiteral("n/a");
}

} // namespace

QString verdictStatusName(VerdictStatus status)
{
    switch (status) {
    case VerdictStatus::Pass:
        return QStringLiteral("pass");
    case VerdictStatus::Inconclusive:
        return QStringLiteral("inconclusive");
    case VerdictStatus::Failing:
        return QStringLiteral("failing");
    case VerdictStatus::Breach:
        return QStringLiteral("breach");
    }
    return QString();
}

VerdictStatus verdictStatusFromName(const QString &name, bool *ok)
{
    for (VerdictStatus status :
         {VerdictStatus::Pass, VerdictStatus::Inconclusive, VerdictStatus::Failing, VerdictStatus::Breach}) {
        if (verdictStatusName(status) == name) {
            if (ok)
                *ok = true;
            return status;
        }
    }
    if (ok)
        *ok = false;
    return VerdictStatus::Inconclusive;
}

std::optional<SampleSummary> SampleSummary::of(QList<double> samples)
{
    if (samples.isEmpty())
        return std::nullopt;
    std::sort(samples.begin(), samples.end());
    const qsizetype n = samples.size();
    SampleSummary s;
    s.count = static_cast<int>(n);
    s.min = samples.first();
    s.max = samples.last();
    s.median = n % 2 ? samples.at(n / 2) : (samples.at(n / 2 - 1) + samples.at(n / 2)) / 2;
    // Nearest rank: the ceil(0.95 n)-th smallest, counted from one.
    s.p95 = samples.at((95 * n + 99) / 100 - 1);
    return s;
}

QJsonObject SampleSummary::toJson() const
{
    return QJsonObject{{QStringLiteral("count"), count},
                       {QStringLiteral("min"), min},
                       {QStringLiteral("median"), median},
                       {QStringLiteral("p95"), p95},
                       {QStringLiteral("max"), max}};
}

std::optional<SampleSummary> SampleSummary::fromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    if (!o.value(QLatin1String("count")).isDouble())
        return std::nullopt;
    SampleSummary s;
    s.count = o.value(QLatin1String("count")).toInt();
    s.min = o.value(QLatin1String("min")).toDouble();
    s.median = o.value(QLatin1String("median")).toDouble();
    s.p95 = o.value(QLatin1String("p95")).toDouble();
    s.max = o.value(QLatin1String("max")).toDouble();
    return s;
}

QJsonObject SentQuery::toJson() const
{
    return QJsonObject{{QStringLiteral("promql"), promql},
                       {QStringLiteral("start"), isoTime(fromMs)},
                       {QStringLiteral("end"), isoTime(toMs)},
                       {QStringLiteral("stepSeconds"), stepSeconds}};
}

std::optional<SentQuery> SentQuery::fromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    const std::optional<qint64> from = timeMs(o.value(QLatin1String("start")));
    const std::optional<qint64> to = timeMs(o.value(QLatin1String("end")));
    if (!from || !to)
        return std::nullopt;
    return SentQuery{o.value(QLatin1String("promql")).toString(), *from, *to,
                     o.value(QLatin1String("stepSeconds")).toInt()};
}

QString MetricEvidence::describe() const
{
    QString text = threshold + QLatin1String(": V1 ") + number(v1) + QLatin1String(", V2 ") + number(v2);
    if (observedPercent)
        text +=
            QLatin1String(", observed ") + QString::number(*observedPercent, 'f', 1) + QLatin1String(" %");
    text += QLatin1String(" vs threshold ") + QString::number(thresholdPercent, 'g', 6) + QLatin1String(" %");
    if (inconclusive)
        text += QLatin1String(" (inconclusive: ") + note + QLatin1Char(')');
    else if (failing)
        text += QLatin1String(" (failing, ") + QString::number(streak) + QLatin1String(" in a row)");
    if (judge)
        text += QLatin1String("; judge ") + judge->describe();
    return text;
}

QJsonObject MetricEvidence::toJson() const
{
    QJsonObject o{
        {QStringLiteral("threshold"), threshold},
        {QStringLiteral("metric"), metric},
        {QStringLiteral("thresholdPercent"), thresholdPercent},
        {QStringLiteral("v1"), optionalNumber(v1)},
        {QStringLiteral("v2"), optionalNumber(v2)},
        {QStringLiteral("observedPercent"), optionalNumber(observedPercent)},
        {QStringLiteral("v1Samples"), v1Samples},
        {QStringLiteral("v2Samples"), v2Samples},
        {QStringLiteral("failing"), failing},
        {QStringLiteral("inconclusive"), inconclusive},
        {QStringLiteral("streak"), streak},
        {QStringLiteral("note"), note},
        {QStringLiteral("thresholdFailing"), thresholdFailing},
        {QStringLiteral("judgeFailing"), judgeFailing},
    };
    if (judge)
        o.insert(QStringLiteral("judge"), judge->toJson());
    if (v1Summary)
        o.insert(QStringLiteral("v1Summary"), v1Summary->toJson());
    if (v2Summary)
        o.insert(QStringLiteral("v2Summary"), v2Summary->toJson());
    if (v1Query)
        o.insert(QStringLiteral("v1Query"), v1Query->toJson());
    if (v2Query)
        o.insert(QStringLiteral("v2Query"), v2Query->toJson());
    return o;
}

std::optional<MetricEvidence> MetricEvidence::fromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    if (!o.value(QLatin1String("threshold")).isString())
        return std::nullopt;
    MetricEvidence e;
    e.threshold = o.value(QLatin1String("threshold")).toString();
    e.metric = o.value(QLatin1String("metric")).toString();
    e.thresholdPercent = o.value(QLatin1String("thresholdPercent")).toDouble();
    e.v1 = optionalDouble(o.value(QLatin1String("v1")));
    e.v2 = optionalDouble(o.value(QLatin1String("v2")));
    e.observedPercent = optionalDouble(o.value(QLatin1String("observedPercent")));
    e.v1Samples = o.value(QLatin1String("v1Samples")).toInt();
    e.v2Samples = o.value(QLatin1String("v2Samples")).toInt();
    e.failing = o.value(QLatin1String("failing")).toBool();
    e.inconclusive = o.value(QLatin1String("inconclusive")).toBool();
    e.thresholdFailing = o.value(QLatin1String("thresholdFailing")).toBool();
    e.judgeFailing = o.value(QLatin1String("judgeFailing")).toBool();
    e.streak = o.value(QLatin1String("streak")).toInt();
    e.note = o.value(QLatin1String("note")).toString();
    if (o.contains(QLatin1String("judge")))
        e.judge = MannWhitney::Result::fromJson(o.value(QLatin1String("judge")));
    e.v1Summary = SampleSummary::fromJson(o.value(QLatin1String("v1Summary")));
    e.v2Summary = SampleSummary::fromJson(o.value(QLatin1String("v2Summary")));
    e.v1Query = SentQuery::fromJson(o.value(QLatin1String("v1Query")));
    e.v2Query = SentQuery::fromJson(o.value(QLatin1String("v2Query")));
    return e;
}

QJsonObject IntervalVerdict::toJson() const
{
    QJsonArray items;
    for (const MetricEvidence &e : evidence)
        items.append(e.toJson());
    return QJsonObject{{QStringLiteral("from"), isoTime(fromMs)},
                       {QStringLiteral("to"), isoTime(toMs)},
                       {QStringLiteral("status"), verdictStatusName(status)},
                       {QStringLiteral("evidence"), items}};
}

std::optional<IntervalVerdict> IntervalVerdict::fromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    const std::optional<qint64> from = timeMs(o.value(QLatin1String("from")));
    const std::optional<qint64> to = timeMs(o.value(QLatin1String("to")));
    bool known = false;
    IntervalVerdict interval;
    interval.status = verdictStatusFromName(o.value(QLatin1String("status")).toString(), &known);
    if (!from || !to || !known)
        return std::nullopt;
    interval.fromMs = *from;
    interval.toMs = *to;
    for (const QJsonValue item : o.value(QLatin1String("evidence")).toArray()) {
        std::optional<MetricEvidence> e = MetricEvidence::fromJson(item);
        if (!e)
            return std::nullopt;
        interval.evidence.append(*e);
    }
    return interval;
}

QJsonObject CompletionGateResult::toJson() const
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("description"), description},
                       {QStringLiteral("limitPercent"), limitPercent},
                       {QStringLiteral("observedPercent"), optionalNumber(observedPercent)},
                       {QStringLiteral("passed"), passed},
                       {QStringLiteral("inconclusive"), inconclusive}};
}

bool ModuleVerdict::completionGatesPassed() const
{
    if (completionGates.isEmpty())
        return false;
    for (const CompletionGateResult &gate : completionGates) {
        if (!gate.passed)
            return false;
    }
    return true;
}

QString ModuleVerdict::summary() const
{
    QString text = module + QLatin1String(": ") + verdictStatusName(status);
    if (trigger) {
        text += QLatin1String(" confirmed at ") + isoTime(confirmedAtMs) + QLatin1String(" after ")
                + QString::number(consecutiveBreaches) + QLatin1String(" failing intervals: ")
                + trigger->describe();
        text += rollbackWanted() ? QStringLiteral("; auto-rollback to V1 wanted")
                                 : QStringLiteral("; auto-rollback is off");
    } else if (!intervals.isEmpty()) {
        for (const MetricEvidence &e : intervals.last().evidence) {
            if (e.failing || e.inconclusive)
                text += QLatin1String("; ") + e.describe();
        }
    }
    return text;
}

QJsonObject ModuleVerdict::toJson() const
{
    QJsonArray items;
    for (const IntervalVerdict &interval : intervals)
        items.append(interval.toJson());
    QJsonArray gates;
    for (const CompletionGateResult &gate : completionGates)
        gates.append(gate.toJson());
    QJsonObject object{{QStringLiteral("module"), module},
                       {QStringLiteral("from"), isoTime(fromMs)},
                       {QStringLiteral("to"), isoTime(toMs)},
                       {QStringLiteral("intervalSeconds"), intervalSeconds},
                       {QStringLiteral("consecutiveBreaches"), consecutiveBreaches},
                       {QStringLiteral("status"), verdictStatusName(status)},
                       {QStringLiteral("rollbackWanted"), rollbackWanted()},
                       {QStringLiteral("autoRollback"), autoRollback},
                       {QStringLiteral("summary"), summary()},
                       {QStringLiteral("intervals"), items},
                       {QStringLiteral("completionGates"), gates},
                       {QStringLiteral("completionGatesPassed"), completionGatesPassed()}};
    if (trigger) {
        object.insert(QStringLiteral("trigger"), trigger->toJson());
        object.insert(QStringLiteral("confirmedAt"), isoTime(confirmedAtMs));
    }
    return object;
}

} // namespace Cockpit
