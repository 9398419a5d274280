// SPDX-License-Identifier: MIT
#pragma once

#include "state/json_state_backend.h"
#include "state/state_diff_result.h"

#include <QMap>

namespace Cockpit {

// Compares the LevelDB records with the JSON deployment files, record by record, and applies the
// data-health rules (RecordValidator) to every record of the union (the LevelDB version when both exist:
// LevelDB is the source of truth). docs/state.md explains each status and the LookCoin figures.
//
// Threading: stateless; run it in a worker thread for large stores.
class StateDiffEngine
{
public:
    // `networks`: the configured chainId -> network map; chains in it or with a JSON file are "known".
    static StateDiffResult compute(ScanResult leveldb, const JsonStateBackend::FileSet &json,
                                   const QMap<qint64, QString> &networks);

    // Loads both stores (LevelDB read-only: a snapshot copy when it is locked) and compares them. Errors of
    // either store are in the result; a missing folder yields a BACKEND_UNAVAILABLE error and an empty side.
    // By default LevelDB is read from a snapshot copy (LevelDbStateBackend::openSnapshot), so a diff never
    // writes to either store, and works while a deploy script holds the database. Without `snapshot` it is
    // opened in place, falling back to a snapshot when it is locked.
    static StateDiffResult run(const QString &leveldbPath, const QString &jsonDir,
                               const QMap<qint64, QString> &networks, bool snapshot = true);
};

} // namespace Cockpit
