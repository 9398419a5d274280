// SPDX-License-Identifier: MIT
#include "terminal.h"

#include "cli_command.h"
#include "control_context.h"

#include "control/audit_log.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QThread>

#include <csignal>
#include <unistd.h>

namespace Cockpit::Cli {

namespace {

bool colourWanted()
{
    if (!qgetenv("NO_COLOR").isEmpty() || qgetenv("TERM") == "dumb")
        return false;
    const QByteArray force = qgetenv("CLICOLOR_FORCE");
    if (!force.isEmpty() && force != "0")
        return true;
    return ::isatty(STDOUT_FILENO) != 0;
}

volatile std::sig_atomic_t g_stop = 0;

// The first signal ends the watch after the current look; a second one ends the process at once, also while
// a look hangs in a connection timeout.
void stopWatching(int signal)
{
    if (g_stop)
        ::_exit(128 + signal);
    g_stop = 1;
}

} // namespace

QString paint(Paint paint, const QString &text)
{
    static const bool enabled = colourWanted();
    if (!enabled)
        return text;
    const char *code = paint == Paint::Good ? "32" : paint == Paint::Warn ? "33" : "1;31";
    return QLatin1String("\x1b[") + QLatin1String(code) + QLatin1Char('m') + text + QLatin1String("\x1b[0m");
}

void addWatchOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("watch"),
         QStringLiteral("Keep watching: redraw on a change, or one JSON line per change into a pipe.")});
    parser.addOption({QStringLiteral("interval"),
                      QStringLiteral("Seconds between looks with --watch (default 2)."),
                      QStringLiteral("seconds"), QStringLiteral("2")});
}

std::optional<int> watchInterval(Invocation &inv, const QCommandLineParser &parser)
{
    bool ok = false;
    const int interval = parser.value(QStringLiteral("interval")).toInt(&ok);
    if (!ok || interval < 1 || interval > 3600) {
        inv.usageError(QStringLiteral("--interval: expected 1 to 3600 seconds, got \"%1\"")
                           .arg(parser.value(QStringLiteral("interval"))));
        return std::nullopt;
    }
    return interval;
}

int watch(Invocation &inv, int intervalSeconds, const WatchRead &read, const WatchKey &key)
{
    const bool terminal = ::isatty(STDOUT_FILENO) != 0;
    std::signal(SIGINT, stopWatching);
    std::signal(SIGTERM, stopWatching);
    QByteArray last;
    int exitCode = ExitOk;
    while (!g_stop) {
        const Result<WatchSnapshot> snapshot = read();
        // A terminal shows every change of its text (a countdown too); a pipe gets a line per change of key.
        const bool redraw = terminal && inv.format() == Format::Text;
        const QByteArray now = !snapshot ? QByteArrayLiteral("unreachable")
                               : redraw  ? snapshot->text.toUtf8()
                                         : key(snapshot->json);
        if (snapshot)
            exitCode = snapshot->exitCode;
        if (now != last && snapshot) {
            if (redraw) {
                inv.out() << "\x1b[H\x1b[2J" << snapshot->text << "\nwatching every " << intervalSeconds
                          << " s; last change " << timeText(QDateTime::currentDateTimeUtc())
                          << " (Ctrl+C stops)\n";
            } else {
                QJsonObject line = snapshot->json;
                line.insert(QStringLiteral("apiVersion"), Invocation::ApiVersion);
                line.insert(QStringLiteral("seenAt"), AuditEntry::timeText(QDateTime::currentDateTimeUtc()));
                inv.out() << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << '\n';
            }
            inv.out().flush();
        } else if (now != last) {
            exitCode = ExitBackendUnreachable;
            inv.err() << "cockpitctl: " << snapshot.error().message << " (still watching)\n";
            inv.err().flush();
        }
        last = now;
        for (int i = 0; i < intervalSeconds * 10 && !g_stop; ++i)
            QThread::msleep(100);
    }
    return exitCode;
}

int showOrWatch(Invocation &inv, const QCommandLineParser &parser, int intervalSeconds, const WatchRead &read,
                const WatchKey &key)
{
    if (parser.isSet(QStringLiteral("watch")))
        return watch(inv, intervalSeconds, read, key);
    const Result<WatchSnapshot> snapshot = read();
    if (!snapshot) {
        inv.err() << "cockpitctl: " << snapshot.error().message << '\n';
        inv.err().flush();
        return ExitBackendUnreachable;
    }
    if (inv.format() == Format::Json) {
        inv.printJson(snapshot->json);
    } else {
        inv.out() << snapshot->text;
        inv.out().flush();
    }
    return snapshot->exitCode;
}

} // namespace Cockpit::Cli
