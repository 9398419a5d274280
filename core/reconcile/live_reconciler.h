// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "reconcile/reconciler.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace Cockpit {

// Live mode: keeps re-reconciling only the users that changed, each re-check an incremental run (recorded
// like any run).
// - SQLite (owned): polls the newest ledger entry id every `liveIntervalMs`.
// - PostgreSQL, owned: LISTENs on the channel the reconciler's triggers NOTIFY with each changed user id, and
//   re-checks them after a short coalescing delay.
// - PostgreSQL, observed (a service's database, no trigger of ours): polls the service's own change-mark
//   columns (ledger.service.*.changeMark) every `liveIntervalMs` and re-checks the users with rows beyond the
//   mark of the poll before the last one, so that a write that commits a little after a later one is still
//   seen. Without change marks it stays connected and reports nothing between full runs. When an operator
//   installed the live triggers (`cockpitctl setup --live-triggers`), it also LISTENs to them and re-checks
//   a notified user at once.
// When the database goes away the backend is reported down and the connection retried on every tick; the
// first run after a reconnect on PostgreSQL is a full one, since changes made meanwhile may be missed.
//
// Threading: lives in one thread with an event loop (a worker QThread in the GUI: its timers are its
// children, so they move with it); start() and stop() in that thread. Signals come from that thread.
class LiveReconciler : public QObject
{
    Q_OBJECT

public:
    LiveReconciler(LedgerConfig config, Money tolerance, QObject *parent = nullptr);
    ~LiveReconciler() override;

    bool isListening() const { return m_listening; }

public Q_SLOTS:
    // Opens the database; with fullFirst, runs a full reconciliation before going incremental.
    void start(bool fullFirst = false);
    void stop();

Q_SIGNALS:
    void backendChanged(bool reachable, const QString &message);
    void discrepanciesFound(const QList<Cockpit::DiscrepancyRecord> &rows);
    void checked(const Cockpit::RunSummary &summary);

private:
    bool ensureOpen();
    void poll();
    // Subscribes to m_channel on the open connection; reports the backend down and false when it cannot.
    bool listen();
    void onNotification(const QString &name, const QString &payload);
    void recheck(const QStringList &users, bool full = false);
    void setBackend(bool reachable, const QString &message);

    bool isObserved() const { return m_config.ownership == LedgerOwnership::Observed; }
    void pollMarks();

    LedgerConfig m_config;
    Money m_tolerance;
    std::unique_ptr<Reconciler> m_reconciler;
    QTimer *m_pollTimer;
    QTimer *m_coalesceTimer;
    QSet<QString> m_pending;
    qint64 m_highWater = -1;
    QStringList m_marks;         // observed: the newest change marks seen
    QStringList m_previousMarks; // observed: the marks of the poll before, the lower bound of a re-check
    bool m_listening = false;
    QString m_channel; // the channel LISTENed on: the owned schema's, or the operator's live triggers'
    bool m_running = false;
    int m_backendState = -1; // -1 unknown, 0 down, 1 up
};

} // namespace Cockpit
