// SPDX-License-Identifier: MIT
#pragma once

#include "common/environment_config.h"

#include <QHash>
#include <QObject>

#include <utility>

namespace Cockpit {

// Who acts: recorded in the audit log and in "changed by" messages.
struct OperatorIdentity
{
    QString osUser;
    QString displayName; // optional, from settings
    QString host;

    // "alice (Alice Doe)" or "alice"
    QString label() const;
    static OperatorIdentity current(const QString &displayName = QString());
};

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

// One opened environment: its configuration, who operates it and whether actions are allowed.
// Lives in the thread that created it (the GUI thread or the CLI's main thread); workers get copies of
// config() and operatorIdentity(), never the object.
class EnvironmentSession : public QObject
{
    Q_OBJECT

public:
    explicit EnvironmentSession(EnvironmentConfig config, QObject *parent = nullptr);

    const EnvironmentConfig &config() const { return m_config; }
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

signals:
    void readOnlyChanged(bool readOnly);
    // The environment's control store changed (a phase, a pending transition, the audit log), by anyone;
    // emitted by the GUI's follower (ControlStoreFollower). Views of control state reload on it.
    void controlStoreChanged();
    void activity(const Cockpit::ActivityEvent &event);
    void attentionChanged(const QString &page, int count, const QString &summary);

private:
    EnvironmentConfig m_config;
    OperatorIdentity m_operator;
    bool m_readOnlyOverride = false;
    QHash<QString, std::pair<int, QString>> m_attention;
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::ActivityEvent)
