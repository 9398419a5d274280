// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "demo/demo_bootstrap.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Cockpit {

class GateRegistry;

// An environment opened for work: its configuration and the lanes' gates wired for it.
struct OpenedEnvironment
{
    QString path;
    std::optional<EnvironmentConfig> config; // set when it opened
    std::shared_ptr<GateRegistry> gates;     // set with config
    QStringList errors;                      // each names the file and, where there is one, the key
    bool ok() const { return config.has_value() && errors.isEmpty(); }
};

struct OpenOptions
{
    // Read-only asked for by the operator (--read-only): it reaches every database session, as the
    // config's own "readOnly" does, before anything is opened.
    bool readOnly = false;
    // Who creates the demo's databases on first use: the GUI creates them all; the CLI leaves them to the
    // lane a command opens.
    DemoBootstrap::Databases demoDatabases = DemoBootstrap::Databases::Create;
};

// Opening an environment, the same in the GUI and the CLI: reads and checks its file, applies a read-only
// session asked for, writes the demo's data on first use and wires the lanes' gates. Blocking (file and
// database I/O): the GUI calls it in a worker. Writes nothing to a system the cockpit observes.
OpenedEnvironment openEnvironment(const QString &path, const OpenOptions &options = {});

} // namespace Cockpit
