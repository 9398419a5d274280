// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"

#include <QString>

namespace Cockpit {

// Creates the demo environment's embedded data on first use, so a copied configs/ folder works anywhere:
// the data folder, the ledger and control SQLite files, and the deployment-state stores seeded with the real
// LookCoin data (LevelDB database and per-network JSON files). Existing data is never touched. The lanes
// create their own schemas when they first open their databases.
class DemoBootstrap
{
public:
    enum class Databases
    {
        Create,
        LeaveToLanes
    };

    // Does nothing for staging and prod. Otherwise a failure names the path that could not be created. With
    // LeaveToLanes the SQLite files are not created here: the CLI leaves them to the command that opens them,
    // so a command refused for bad arguments writes no database.
    static Result<void> ensureData(const EnvironmentConfig &config, Databases databases = Databases::Create);
};

} // namespace Cockpit
