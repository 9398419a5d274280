// SPDX-License-Identifier: MIT
#pragma once

#include "common/text.h"
#include "state/state_diff_result.h"

#include <QJsonObject>
#include <QString>

namespace Cockpit {

// Renders a diff for people (text) and programs (the JSON shape of `cockpitctl state diff --format json`,
// documented in docs/cli.md). Threading: stateless.
class StateDiffReport
{
public:
    static QJsonObject toJson(const StateDiffResult &result, bool includeEqual = true);
    static QString toText(const StateDiffResult &result, bool includeEqual = false);
    // Plain-language findings, e.g. "13 contracts in LevelDB are missing from the JSON files ...": English in
    // the CLI's text and JSON, in the window's language on the Deployment State page.
    static QList<Text> findings(const StateDiffResult &result);
};

} // namespace Cockpit
