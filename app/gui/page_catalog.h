// SPDX-License-Identifier: MIT
#pragma once

#include "ui/shell/page_descriptor.h"

#include <QList>

namespace Cockpit {

// The pages of the main window, in sidebar order: Overview, Ledger, Deployment State, V2 Rollout, Audit Log.
QList<PageDescriptor> pageCatalog();

} // namespace Cockpit
