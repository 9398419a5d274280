// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

// Known series for the real-Prometheus tests: 10 minutes at 15 s resolution, three hours in the past,
// analysed as ten 60 s intervals with consecutiveBreaches = 3. V1 throughput is 100 and V1 latency 0.2 s
// everywhere; V2 varies per module:
//   pass_mod      throughput 125 (+25 %) all along                  -> pass, completion gates met
//   breach_mod    throughput 100, then 60 (-40 %) after 240 s        -> failing at intervals 4 and 5,
//                                                                       breach confirmed at interval 6
//   spike_mod     throughput 60 only in (120 s, 240 s]               -> failing twice, never a breach
//   gap_mod       no V2 throughput samples in (180 s, 420 s]         -> intervals 3..6 inconclusive
//   noseries_mod  its throughput template matches no series         -> every interval inconclusive
namespace RolloutTestData {

inline constexpr int kSpanSeconds = 600;
inline constexpr int kStepSeconds = 15;

inline qint64 baseSeconds()
{
    static const qint64 base = (QDateTime::currentSecsSinceEpoch() / 3600 - 3) * 3600;
    return base;
}

inline std::optional<double> v2Throughput(const QString &module, int second)
{
    if (module == QLatin1String("breach_mod"))
        return second <= 240 ? 100.0 : 60.0;
    if (module == QLatin1String("spike_mod"))
        return (second > 120 && second <= 240) ? 60.0 : 100.0;
    if (module == QLatin1String("gap_mod") && second > 180 && second <= 420)
        return std::nullopt;
    return 125.0;
}

inline QStringList modules()
{
    return {QStringLiteral("pass_mod"), QStringLiteral("breach_mod"), QStringLiteral("spike_mod"),
            QStringLiteral("gap_mod"), QStringLiteral("noseries_mod")};
}

inline QByteArray openMetrics()
{
    QByteArray text;
    for (const QString &module : modules()) {
        const QByteArray name = "rt_" + module.toUtf8();
        text += "# TYPE " + name + "_throughput gauge\n";
        for (const char *version : {"v1", "v2"}) {
            for (int s = 0; s <= kSpanSeconds; s += kStepSeconds) {
                const std::optional<double> v =
                    qstrcmp(version, "v1") == 0 ? std::optional<double>(100.0) : v2Throughput(module, s);
                if (v)
                    text += name + "_throughput{version=\"" + version + "\"} " + QByteArray::number(*v) + ' '
                            + QByteArray::number(baseSeconds() + s) + '\n';
            }
        }
        text += "# TYPE " + name + "_latency gauge\n";
        for (const char *version : {"v1", "v2"}) {
            for (int s = 0; s <= kSpanSeconds; s += kStepSeconds)
                text += name + "_latency{version=\"" + version + "\"} "
                        + (qstrcmp(version, "v1") == 0 ? "0.2" : "0.201") + ' '
                        + QByteArray::number(baseSeconds() + s) + '\n';
        }
    }
    text += "# EOF\n";
    return text;
}

inline QMap<QString, QString> queries()
{
    QMap<QString, QString> q;
    for (const QString &module : modules()) {
        const QString prefix = module == QLatin1String("noseries_mod") ? QStringLiteral("rt_nothing_here")
                                                                       : QLatin1String("rt_") + module;
        q.insert(module + QLatin1String("/throughput"),
                 prefix + QLatin1String("_throughput{version=\"{version}\"}"));
        q.insert(module + QLatin1String("/latency"),
                 QLatin1String("rt_") + module + QLatin1String("_latency{version=\"{version}\"}"));
    }
    return q;
}

inline Cockpit::RolloutModuleConfig moduleConfig(const QString &id)
{
    return {id,
            id.toUpper() + QLatin1String("_VERSION"),
            {{QStringLiteral("throughput_drop"), 20}, {QStringLiteral("latency_increase"), 50}}};
}

inline Cockpit::RolloutConfig rolloutConfig()
{
    Cockpit::RolloutConfig rollout;
    rollout.intervalSeconds = 60;
    rollout.consecutiveBreaches = 3;
    rollout.autoRollback = true;
    return rollout;
}

} // namespace RolloutTestData
