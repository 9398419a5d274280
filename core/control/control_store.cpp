// SPDX-License-Identifier: MIT
#include "control/control_store.h"

#include "control/audit_log.h"
#include "control/postgres_control_store.h"
#include "control/sqlite_control_store.h"

#include <QSysInfo>

#include <cerrno>
#include <csignal>

namespace Cockpit {

ControlStore::~ControlStore() = default;

std::unique_ptr<ControlStore> ControlStore::create(const EnvironmentConfig &config)
{
    std::unique_ptr<ControlStore> store;
    if (config.control.database.isSqlite())
        store = std::make_unique<SqliteControlStore>(config.control.database.sqlitePath,
                                                     config.control.database.readOnly, config.filePath);
    else
        store = std::make_unique<PostgresControlStore>(config.control.database, config.control.schema,
                                                       config.filePath);
    store->audit().setAnchor(AuditAnchor(AuditAnchor::defaultPath(config)));
    return store;
}

QString ControlStore::conflictMessage(const MigrationState &state,
                                      const std::optional<TransitionIntent> &pending)
{
    const QString prefix = QStringLiteral("state changed since you looked: ");
    if (pending && pending->isPending()) {
        return prefix + state.migration + QLatin1String(" is being moved from ") + pending->fromPhase
               + QLatin1String(" to ") + pending->toPhase + QLatin1String(" (started by ")
               + pending->operatorLabel + QLatin1String(" on ") + pending->host + QLatin1String(" at ")
               + pending->startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
               + QLatin1String(" UTC)");
    }
    return prefix + state.migration + QLatin1String(" is now ") + state.phase + QLatin1String(" (changed by ")
           + state.changedBy + QLatin1String(" on ") + state.changedHost + QLatin1String(" at ")
           + state.changedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
           + QLatin1String(" UTC, version ") + QString::number(state.version) + QLatin1Char(')');
}

bool TransitionIntent::isRunning(const QDateTime &nowUtc) const
{
    return isPending() && heartbeatAt.isValid() && heartbeatAt.secsTo(nowUtc) < kLeaseSeconds
           && !ownerIsGone();
}

bool TransitionIntent::ownerIsGone() const
{
    if (host != QSysInfo::machineHostName() || pid <= 0)
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

} // namespace Cockpit
