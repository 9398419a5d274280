// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "ledger/ledger_mode.h"
#include "ledger/money.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QRandomGenerator>

#include <atomic>

namespace Cockpit {

class LedgerIntegration;

struct LedgerWorkloadOptions
{
    int users = 100;
    qint64 operations = 1000;      // 0: run until cancel()
    int legacyFaultPerMillion = 0; // injected legacy-write failures per million legacy writes
    quint64 seed = 1;
    int batchSize = 1;    // operations per database commit
    int readEvery = 4;    // one getUserBalance() per this many writes (0: no reads)
    int opsPerSecond = 0; // 0: as fast as possible (the GUI's demo toggle throttles)
    QString userPrefix = QStringLiteral("user-");
};

struct LedgerWorkloadSummary
{
    qint64 operations = 0;
    qint64 ok = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
    qint64 failed = 0;
    qint64 shadowFailures = 0; // ledger written, legacy write recorded as failed
    qint64 injectedFaults = 0;
    qint64 reads = 0;
    qint64 readDiscrepancies = 0;
    qint64 elapsedMs = 0;
};

// The demo workload: deposits, moves to fiat exposure, reservations, fills and releases through the
// facade, with a reproducible random sequence (seed) and injected legacy-write failures, so that
// discrepancies appear and alerts fire. A job object: run() blocks in the calling thread (the CLI's main
// thread or a GUI worker thread) and reports through the signals; cancel() may be called from any thread.
class LedgerWorkload : public QObject
{
    Q_OBJECT

public:
    LedgerWorkload(LedgerConfig config, LedgerMode mode, LedgerWorkloadOptions options,
                   QObject *parent = nullptr);

    // Success when the workload may run against `environment`, else Refused saying why: it writes
    // synthetic deposits and orders, so only into a demo environment that is not read-only (by its file
    // or, `readOnly`, by the operator's session). Every caller asks this before run().
    static Result<void> permitted(const EnvironmentConfig &environment, bool readOnly);

    // Opens the ledger (creating the demo database on first use) and runs; emits finished() or failed().
    void run();
    // Runs on a facade the caller owns (tests, benchmarks); fails with the error that stopped the run.
    Result<void> runWith(LedgerIntegration &facade);
    // Installs the workload's legacy fault injection on `facade` (runWith() does this itself).
    void attach(LedgerIntegration &facade);
    // One random operation (and maybe a read); fails with an error that must stop the run.
    Result<void> step(LedgerIntegration &facade);

    void cancel() { m_cancelled.store(true); }
    LedgerWorkloadSummary summary() const { return m_summary; }

signals:
    void progress(int percent);
    void progressMessage(const QString &message);
    void finished();
    void failed(const QString &error);

private:
    struct Order
    {
        QString id;
        Money amount;
    };
    struct UserModel
    {
        Money usdc;
        Money fiat;
        QList<Order> orders;
    };
    Money randomAmount(Money atMost);

    LedgerConfig m_config;
    LedgerMode m_mode;
    LedgerWorkloadOptions m_options;
    QRandomGenerator m_rng;
    QRandomGenerator m_faultRng;
    QHash<int, UserModel> m_users;
    QList<QPair<QString, Money>> m_recentDeposits; // (user, ref) replayed to exercise idempotency
    QList<QString> m_recentDepositUsers;
    qint64 m_counter = 0;
    LedgerWorkloadSummary m_summary;
    std::atomic<bool> m_cancelled{false};
};

} // namespace Cockpit
