// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/discrepancy_store.h"
#include "reconcile/reconcile_connection.h"

#include <QString>

namespace Cockpit {

// Writes the discrepancies of a filter, in the view's order, to a CSV or JSON file (atomically: a reader
// never sees half a file). Reads in windows on its own connection, so it runs in any worker thread.
class DiscrepancyExporter
{
public:
    enum class Format
    {
        Csv,
        Json
    };

    // The number of discrepancies written. Nothing is written when it fails.
    static Result<qint64> exportTo(const ReconcileStorage &storage, const DiscrepancyFilter &filter,
                                   DiscrepancyStore::SortColumn sort, bool descending, const QString &path,
                                   Format format);
};

} // namespace Cockpit
