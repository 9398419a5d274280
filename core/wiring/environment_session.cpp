// SPDX-License-Identifier: MIT
#include "wiring/environment_session.h"

#include "common/logging.h"
#include "control/gate_registry.h"
#include "wiring/audit_events.h"
#include "wiring/lane_wiring.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFutureWatcher>

namespace Cockpit {

EnvironmentSession::EnvironmentSession(EnvironmentConfig config, std::shared_ptr<GateRegistry> gates,
                                       QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_gates(std::move(gates))
    , m_operator(OperatorIdentity::current())
{
    if (!m_gates) {
        m_gates = std::make_shared<GateRegistry>();
        LaneWiring::install(m_config, *m_gates);
    }
}

EnvironmentSession::~EnvironmentSession() = default;

void EnvironmentSession::setReadOnlyOverride(bool readOnly)
{
    const bool before = isReadOnly();
    m_readOnlyOverride = readOnly;
    if (before != isReadOnly())
        emit readOnlyChanged(isReadOnly());
}

void EnvironmentSession::setOperatorDisplayName(const QString &name)
{
    m_operator.displayName = name;
}

void EnvironmentSession::report(ActivityEvent event)
{
    if (event.atMs == 0)
        event.atMs = QDateTime::currentMSecsSinceEpoch();
    emit activity(event);
}

void EnvironmentSession::audit(const QString &action, const QString &migration, const QString &result,
                               const QString &detail, const QString &reason)
{
    // A read-only session writes nothing, not even its audit entries (as cockpitctl).
    if (isReadOnly())
        return;
    // The write owns copies and is chained to the one before, not to the session: it runs in order and to
    // the end even when the session is gone before it (a switch of environments).
    m_lastAuditWrite = m_lastAuditWrite.then(
        QtFuture::Launch::Async, [config = m_config, displayName = m_operator.displayName, action, migration,
                                  result, detail, reason](const Result<void> &) {
            Result<void> written =
                AuditEvents::record(config, action, migration, result, detail, displayName, reason);
            // Logged here too: the session that would show it may be gone by now.
            if (!written)
                qCWarning(lcAudit) << "cannot audit" << action << ":" << written.error().message;
            return written;
        });
    // Only the report belongs to the session: its watcher goes with it.
    auto *watcher = new QFutureWatcher<Result<void>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, action] {
        watcher->deleteLater();
        if (!watcher->future().isValid())
            return;
        const Result<void> written = watcher->result();
        if (written)
            return;
        report({0, ActivityEvent::Severity::Warning,
                QCoreApplication::translate("EnvironmentSession", "Audit log"),
                QCoreApplication::translate("EnvironmentSession", "Could not audit \"%1\": %2")
                    .arg(action, written.error().message),
                true});
    });
    watcher->setFuture(m_lastAuditWrite);
}

void EnvironmentSession::setAttention(const QString &page, int count, const QString &summary)
{
    const std::pair<int, QString> value{std::max(0, count), summary};
    if (m_attention.value(page) == value)
        return;
    m_attention.insert(page, value);
    emit attentionChanged(page, value.first, value.second);
}

} // namespace Cockpit
