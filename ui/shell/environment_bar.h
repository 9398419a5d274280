// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "wiring/backend_probe.h"

#include <QFrame>
#include <QMap>

class QLabel;

namespace Cockpit {

class ElidedLabel;

class EnvironmentSession;
class StatusLight;

// The permanent bar at the top of the main window: which environment this is (name, and kind both in colour
// and in text: prod red, staging amber, demo neutral), whether actions are disabled, and a light per backend.
class EnvironmentBar : public QFrame
{
    Q_OBJECT

public:
    explicit EnvironmentBar(QWidget *parent = nullptr);

    void setSession(EnvironmentSession *session);
    void setStatuses(const QList<BackendStatus> &statuses);
    // What a red light says for a problem other than an unreachable server.
    static QString problemText(BackendStatus::Problem problem);
    StatusLight *light(BackendStatus::Id id) const { return m_lights.value(id); }

private:
    void updateReadOnly(bool readOnly);
    void applyKindColours();

    QLabel *m_kind = nullptr;
    QLabel *m_name = nullptr;
    ElidedLabel *m_path = nullptr;
    QLabel *m_readOnly = nullptr;
    QMap<BackendStatus::Id, StatusLight *> m_lights;
    EnvironmentKind m_kindValue = EnvironmentKind::Demo;
};

} // namespace Cockpit
