// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "ledger/ledger_monitor.h"
#include "ledger/ledger_types.h"
#include "reconcile/ledger_reader.h"
#include "wiring/ledger_health_source.h"

#include <memory>

namespace Cockpit {

// What the user lookup shows: both sides and the history, read as one snapshot.
struct LedgerUserSnapshot
{
    QString userId;
    UserLedgerReport report;
};

// The Ledger page's database work: the context of the page's JobThread, used only in that thread, where it
// opens its connections at the first read (QtSql connections belong to one thread) and keeps them between
// reads. Returns immutable snapshots, which the JobThread hands back to the page.
class LedgerPageWorker
{
public:
    explicit LedgerPageWorker(EnvironmentConfig config);
    ~LedgerPageWorker();
    LedgerPageWorker(const LedgerPageWorker &) = delete;
    LedgerPageWorker &operator=(const LedgerPageWorker &) = delete;

    Result<LedgerHealth> health();
    // An inspection: reads both sides, records nothing (unlike the facade's shadow reads). Works on the
    // demo's ledger and on a service's database alike (LedgerReader).
    Result<LedgerUserSnapshot> lookupUser(const QString &userId);

private:
    EnvironmentConfig m_env;
    LedgerConfig m_config;
    LedgerHealthSource m_health; // opens the demo's store in this worker's thread, at the first refresh
    std::unique_ptr<LedgerReader> m_reader;
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::LedgerHealth)
Q_DECLARE_METATYPE(Cockpit::LedgerUserSnapshot)
