// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "ledger/ledger_monitor.h"
#include "ledger/ledger_types.h"
#include "reconcile/ledger_reader.h"
#include "wiring/ledger_health_source.h"

#include <QObject>

#include <memory>

namespace Cockpit {

// What the user lookup shows: both sides and the history, read as one snapshot.
struct LedgerUserSnapshot
{
    QString userId;
    UserLedgerReport report;
};

// The Ledger page's database work. Lives in the page's worker thread and owns a ledger store opened there
// (QtSql connections belong to one thread); the page calls its slots through queued invocations and gets
// immutable snapshots back, tagged with the generation it asked with so stale answers can be dropped.
class LedgerPageWorker : public QObject
{
    Q_OBJECT

public:
    explicit LedgerPageWorker(EnvironmentConfig config, QObject *parent = nullptr);
    ~LedgerPageWorker() override;

    void refreshHealth(quint64 generation);
    // An inspection: reads both sides, records nothing (unlike the facade's shadow reads). Works on the
    // demo's ledger and on a service's database alike (LedgerReader).
    void lookupUser(quint64 generation, const QString &userId);

signals:
    void healthReady(quint64 generation, const Cockpit::LedgerHealth &health);
    void userReady(quint64 generation, const Cockpit::LedgerUserSnapshot &snapshot);
    void failed(quint64 generation, const QString &error);

private:
    EnvironmentConfig m_env;
    LedgerConfig m_config;
    LedgerHealthSource m_health; // opens the demo's store in this worker's thread, at the first refresh
    std::unique_ptr<LedgerReader> m_reader;
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::LedgerHealth)
Q_DECLARE_METATYPE(Cockpit::LedgerUserSnapshot)
