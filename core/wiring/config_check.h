// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

#include <QStringList>

namespace Cockpit {

// What `config check` adds to a valid file: the rules that make a staging or prod environment safe to run,
// beyond its syntax. Errors: a staging or prod environment judged by the built-in metrics simulator instead
// of the services' own telemetry; a rolled-out module's metric without a PromQL template (named as the
// `metrics.queries` key to add). Warnings: a `passwordEnv` variable that is not set in this shell; an
// actuator command that is not on PATH. Each line names the file and the key. Pure, except that it reads
// the process environment and PATH.
class ConfigCheck
{
public:
    struct Findings
    {
        QStringList errors;
        QStringList warnings;
    };
    static Findings run(const EnvironmentConfig &config);
};

} // namespace Cockpit
