// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "control/gate.h"
#include "ledger/ledger_monitor.h"

#include <QString>

#include <memory>

namespace Cockpit {

class LedgerStore;

// The ledger's health from wherever the environment says it lives, through one path for the Ledger page,
// `ledger alerts` and the ledger gates of migration control. On the embedded demo the cockpit is the service:
// its alerts, charts and gates come from the metric rows its own store records. On a service's ledger
// (ownership "observed") they come from the service's own telemetry in its Prometheus and, for the gates, the
// cockpit's own reconciliation runs; never from counters only the demo writes.
//
// Blocking (a database, Prometheus): a worker's or the CLI's thread. Keeps the demo store open between reads
// (and reopens it after a failure), so one object belongs to one thread.
class LedgerHealthSource
{
public:
    explicit LedgerHealthSource(EnvironmentConfig config);
    ~LedgerHealthSource();
    LedgerHealthSource(const LedgerHealthSource &) = delete;
    LedgerHealthSource &operator=(const LedgerHealthSource &) = delete;

    struct Request
    {
        bool chart = false;
        // A service's gates query Prometheus over their whole windows and read the reconciliation runs, so
        // they are judged again only when the last judgement is older than gatesMaxAgeMs (0: always). The
        // demo's come from the same rows as the alerts, fresh with every read.
        bool gates = false;
        qint64 gatesMaxAgeMs = 0;
        qint64 chartSpanSeconds = 3600;
    };

    // The alerts (and what the request asks for) at nowMs. nullopt with *error when the source cannot be
    // used at all (the demo store cannot be opened, a service's metrics source is not Prometheus). A
    // Prometheus that does not answer gives a health whose alerts are inconclusive and whose `sourceError`
    // says so: no data is never healthy.
    Result<LedgerHealth> read(qint64 nowMs, const Request &request);

    // One gate of the ledger migration (LedgerMonitor::gateIds). Never throws; a source that cannot be read
    // is Inconclusive with the reason.
    GateResult gate(const QString &id, qint64 nowMs);

    // "Prometheus at http://…" or the demo store's description, for captions and the CLI.
    QString describe() const;
    bool observed() const;

private:
    Result<void> openStore();

    EnvironmentConfig m_config;
    std::unique_ptr<LedgerStore> m_store;
    QList<LedgerGate> m_serviceGates;
    qint64 m_serviceGatesAtMs = 0;
};

} // namespace Cockpit
