// SPDX-License-Identifier: MIT
#pragma once

#include "common/environment_config.h"

#include <QObject>

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

signals:
    void readOnlyChanged(bool readOnly);
    // The environment's control store changed (a phase, a pending transition, the audit log), by anyone;
    // emitted by the GUI's follower (ControlStoreFollower). Views of control state reload on it.
    void controlStoreChanged();

private:
    EnvironmentConfig m_config;
    OperatorIdentity m_operator;
    bool m_readOnlyOverride = false;
};

} // namespace Cockpit
