// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "config/operator_identity.h"

#include <QFuture>
#include <QHash>
#include <QObject>

#include <memory>
#include <utility>

namespace Cockpit {

class GateRegistry;

// Something that happened in the background of an open environment (a guard's action, an alert that
// started firing, a backend that went away, a failed analysis), for the Activity panel and, when `notify`
// is set, a desktop notification.
struct ActivityEvent
{
    enum class Severity
    {
        Info,
        Warning,
        Critical,
    };
    qint64 atMs = 0;
    Severity severity = Severity::Info;
    QString source; // translated: "V2 Rollout guard", "Ledger alerts", "Backends", …
    QString text;
    bool notify = false; // worth interrupting the operator: a rollback, a firing alert, an interruption
};

// One opened environment: its configuration, its gates, who operates it and whether actions are allowed.
// Lives in the thread that created it (the GUI thread); workers get copies of config() and
// operatorIdentity(), never the object. The gates are the environment's own (no registry is shared between
// environments or tests); a worker may hold gates() while it evaluates them.
class EnvironmentSession : public QObject
{
    Q_OBJECT

public:
    // gates: the lanes' gates for this config (openEnvironment() wires them); when null, the session wires
    // its own.
    explicit EnvironmentSession(EnvironmentConfig config, std::shared_ptr<GateRegistry> gates = {},
                                QObject *parent = nullptr);
    ~EnvironmentSession() override;

    const EnvironmentConfig &config() const { return m_config; }
    GateRegistry &gates() const { return *m_gates; }
    std::shared_ptr<GateRegistry> sharedGates() const { return m_gates; }
    // Read-only when the config says so or the operator started with --read-only.
    bool isReadOnly() const { return m_config.readOnly || m_readOnlyOverride; }
    void setReadOnlyOverride(bool readOnly);

    OperatorIdentity operatorIdentity() const { return m_operator; }
    void setOperatorDisplayName(const QString &name);

    // Reports a background event (activity()); atMs 0 means now.
    void report(ActivityEvent event);
    // How many things on a page need the operator (firing alerts, confirmed breaches, interrupted
    // transitions), keyed by the page's id ("ledger", "rollout", "overview"), with a one-line summary.
    // attentionChanged() only when the count or the summary changed.
    void setAttention(const QString &page, int count, const QString &summary);
    int attention(const QString &page) const { return m_attention.value(page).first; }

    // Appends an event that is not a transition (a reconciliation run, a sync) to the audit log as the
    // session's operator, in a pool thread, in the order asked; nothing in a read-only session. Never
    // blocks, also not when the session goes: the entries asked for are still written, by the pool, which
    // the application waits for on exit. One that cannot be written is reported, while the session lives,
    // as a warning activity naming the action and why.
    void audit(const QString &action, const QString &migration, const QString &result,
               const QString &detail = QString(), const QString &reason = QString());

signals:
    void readOnlyChanged(bool readOnly);
    // The environment's control store changed (a phase, a pending transition, the audit log), by anyone;
    // emitted by the GUI's follower (ControlStoreFollower). Views of control state reload on it.
    void controlStoreChanged();
    void activity(const Cockpit::ActivityEvent &event);
    void attentionChanged(const QString &page, int count, const QString &summary);

private:
    EnvironmentConfig m_config;
    std::shared_ptr<GateRegistry> m_gates;
    OperatorIdentity m_operator;
    bool m_readOnlyOverride = false;
    QHash<QString, std::pair<int, QString>> m_attention;
    // The last audit write: the next one runs after it. A default QFuture is cancelled (a continuation of
    // it would never run), so the chain starts from a finished one.
    QFuture<Result<void>> m_lastAuditWrite = QtFuture::makeReadyFuture(Result<void>());
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::ActivityEvent)
