// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Cockpit {

// Reachability of one backend of an environment, for the status lights and `cockpitctl status`.
struct BackendStatus
{
    enum class Id
    {
        Ledger,
        LevelDb,
        JsonFolder,
        Metrics
    };

    Id id = Id::Ledger;
    QString label;  // "Ledger DB", "LevelDB", "JSON folder", "Metrics"
    QString target; // what was probed: a path or a URL, never a password
    // What is wrong when the lane cannot use the backend: a server that is down calls for another fix than a
    // refused login, a missing grant or a schema that does not match the config.
    enum class Problem
    {
        None,
        Unreachable,
        AuthenticationFailed,
        PermissionDenied,
        SchemaMismatch,
        NotSetUp // the cockpit's own schema is missing or older: cockpitctl setup
    };

    bool reachable = false; // true only when the lane's own check passed, not merely the connection
    Problem problem = Problem::Unreachable; // meaningful when not reachable
    QString message;                        // why not, when not reachable; what was found otherwise
    QDateTime checkedAt;
};

// Probes every backend of an environment. Blocking, with short timeouts (each at most the configured connect
// timeout): call it from a worker thread (QtConcurrent::run), never from the GUI thread. Reentrant: every
// call uses its own database connection and network manager. It opens no LevelDB (that would take the lock
// from the state backend) and writes nothing.
class BackendProbe
{
public:
    static QList<BackendStatus> probeAll(const EnvironmentConfig &config);
    // An observed ledger: connects as the cockpit does, checks every configured service table and column
    // and the cockpit's own schema; green only when all of it passes.
    static BackendStatus probeObservedLedger(const EnvironmentConfig &config);
    static BackendStatus probeDatabase(const DatabaseConfig &database, BackendStatus::Id id,
                                       const QString &label);
    static BackendStatus probeLevelDb(const QString &path);
    static BackendStatus probeJsonFolder(const QString &path);
    static BackendStatus probeMetrics(const MetricsConfig &metrics);
};

} // namespace Cockpit
