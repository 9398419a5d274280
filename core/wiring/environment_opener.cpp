// SPDX-License-Identifier: MIT
#include "wiring/environment_opener.h"

#include "control/gate_registry.h"
#include "wiring/lane_wiring.h"

namespace Cockpit {

OpenedEnvironment openEnvironment(const QString &path, const OpenOptions &options)
{
    OpenedEnvironment opened;
    opened.path = path;
    ConfigLoader::Result loaded = ConfigLoader::load(path);
    opened.errors = loaded.errors;
    if (!loaded.ok())
        return opened;
    if (options.readOnly)
        loaded.config->setReadOnly(true);
    if (const Result<void> made = DemoBootstrap::ensureData(*loaded.config, options.demoDatabases); !made) {
        opened.errors.append(made.error().message);
        return opened;
    }
    auto gates = std::make_shared<GateRegistry>();
    LaneWiring::install(*loaded.config, *gates);
    opened.config = std::move(loaded.config);
    opened.gates = std::move(gates);
    return opened;
}

} // namespace Cockpit
