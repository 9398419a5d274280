// SPDX-License-Identifier: MIT
#pragma once

namespace Cockpit {

// Exit codes of cockpitctl, documented in docs/cli.md.
enum ExitCode : int
{
    ExitOk = 0,                 // nothing to report
    ExitFindings = 1,           // differences, discrepancies, failed gates
    ExitUsage = 2,              // usage or input error (bad flag, bad config, bad file)
    ExitBackendUnreachable = 3, // a database, folder or metrics source could not be reached
};

} // namespace Cockpit
