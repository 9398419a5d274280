// SPDX-License-Identifier: MIT
// CPU time of processes, for benchmarks that report what watching costs (the guard, live mode, following the
// control store), including the other side's (Prometheus, a PostgreSQL backend).
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <sys/resource.h>
#include <unistd.h>

namespace CockpitTest {

struct ProcStat
{
    bool ok = false;
    QByteArray name;       // the command, as in stat(5)'s second field
    double cpuSeconds = 0; // user + system
};

// /proc/PID/stat of a process ("self" for this one). Clock ticks: coarse, so measure over many repetitions.
inline ProcStat readProcStat(const QString &pid)
{
    ProcStat s;
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return s;
    const QByteArray stat = f.readAll();
    const qsizetype open = stat.indexOf('(');
    const qsizetype close = stat.lastIndexOf(')');
    if (open < 0 || close < open)
        return s;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() <= 12) // utime and stime, fields 14 and 15 of stat(5), counted from the state (field 3)
        return s;
    s.ok = true;
    s.name = stat.mid(open + 1, close - open - 1);
    s.cpuSeconds = (fields.at(11).toDouble() + fields.at(12).toDouble()) / double(sysconf(_SC_CLK_TCK));
    return s;
}

// This process' CPU time in microsecond resolution.
inline double ownCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
           + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

} // namespace CockpitTest
