// SPDX-License-Identifier: MIT
#include "rollout/rollout_verdict.h"

#include <QDateTime>
#include <QJsonArray>

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
    return o;
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
