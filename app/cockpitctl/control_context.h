// SPDX-License-Identifier: MIT
#pragma once

#include "cli_command.h"

#include "control/transition_service.h"
#include "wiring/environment_session.h"

#include <QJsonValue>

#include <memory>

namespace Cockpit::Cli {

// The environment, the session rules (read-only) and an opened control store, shared by the commands of
// the control lane (status, migrate, audit, wait).
struct Context
{
    std::unique_ptr<EnvironmentSession> session;
    std::unique_ptr<ControlStore> store;
    std::unique_ptr<TransitionService> service;
};

int exitCodeFor(const Result<void> &result);
int exitCodeFor(const Error &error);
// "2026-12-06 08:00:00 UTC", or empty for an invalid time.
QString timeText(const QDateTime &time);
void addReadOnlyOption(QCommandLineParser &parser);
// Returns the exit code to stop with, or nullopt with `context` ready.
std::optional<int> openContext(Invocation &inv, const QCommandLineParser &parser, Context &context,
                               bool hasReadOnlyOption = true);
QJsonObject intentJson(const TransitionIntent &intent);
QJsonValue transitionJson(const std::optional<MigrationTransition> &transition);
// Automatic rollback on or off and who guards the environment: one line.
QString protectionText(const EnvironmentConfig &env, ControlStore &store);

} // namespace Cockpit::Cli
