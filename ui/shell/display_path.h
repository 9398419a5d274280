// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Cockpit {

// How the GUI shows a file path, or a text containing one ("sqlite:/home/ana/demo/ledger.sqlite"): native
// separators, and the user's home folder as "~", so that labels stay short. Tooltips keep the full path.
class DisplayPath
{
public:
    static QString shorten(const QString &pathOrText);
};

} // namespace Cockpit
