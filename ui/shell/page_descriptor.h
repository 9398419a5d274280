// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QString>
#include <QWidget>

#include <functional>

namespace Cockpit {

class EnvironmentSession;

// One entry of the navigation sidebar. The app decides which pages exist (app/gui/page_catalog.cpp); the
// main window only shows them. `create` is called again whenever another environment is opened.
struct PageDescriptor
{
    QString id;    // stable: "overview", "ledger", "state", "rollout", "audit"
    QString title; // translated
    QIcon icon;
    std::function<QWidget *(EnvironmentSession *session, QWidget *parent)> create;
};

} // namespace Cockpit
