// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

class QCommandLineParser;

namespace Cockpit::Cli {

class Invocation;

// What a word on a terminal says: a verdict or a state that needs attention.
enum class Paint
{
    Good,
    Warn,
    Bad
};

// `text` in colour when standard output is a terminal (or CLICOLOR_FORCE is set to anything but 0), NO_COLOR
// is empty or unset and TERM is not "dumb"; as it is otherwise, so that pipes and files get plain text.
QString paint(Paint paint, const QString &text);

// One look of a command that --watch repeats: what a terminal shows, what a pipe gets, its exit code.
struct WatchSnapshot
{
    QString text;
    QJsonObject json;
    int exitCode = 0;
};
using WatchRead = std::function<Result<WatchSnapshot>()>;
// What counts as a change (a heartbeat's age or a countdown does not).
using WatchKey = std::function<QByteArray(const QJsonObject &json)>;

// --watch and --interval SECONDS.
void addWatchOptions(QCommandLineParser &parser);
// The interval given, or nullopt after a usage error (printed) for one outside 1 to 3600 seconds.
std::optional<int> watchInterval(Invocation &inv, const QCommandLineParser &parser);
// Looks again every intervalSeconds until SIGINT or SIGTERM (a second one exits at once, 128 + signal): on a
// terminal the screen is redrawn whenever its text changes; into a pipe each change of `key` is one JSON line
// (JSON Lines) with apiVersion and the time it was seen. A source that cannot be read is said once on stderr
// and watched until it answers. Returns the last look's exit code (3 while unreadable).
int watch(Invocation &inv, int intervalSeconds, const WatchRead &read, const WatchKey &key);
// With --watch given: watch(); else one look, printed as text or JSON (its exit code), or its error on stderr
// (exit 3).
int showOrWatch(Invocation &inv, const QCommandLineParser &parser, int intervalSeconds, const WatchRead &read,
                const WatchKey &key);

} // namespace Cockpit::Cli
