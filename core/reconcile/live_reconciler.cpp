// SPDX-License-Identifier: MIT
#include "reconcile/live_reconciler.h"

#include "common/logging.h"
#include "db/sql_error_text.h"
#include "reconcile/live_triggers.h"
#include "reconcile/reconcile_schema.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

LiveReconciler::LiveReconciler(LedgerConfig config, Money tolerance, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_tolerance(tolerance)
    , m_pollTimer(new QTimer(this))
    , m_coalesceTimer(new QTimer(this))
{
    qRegisterMetaType<Cockpit::RunSummary>();
    qRegisterMetaType<QList<Cockpit::DiscrepancyRecord>>();
    m_pollTimer->setInterval(qMax(100, m_config.liveIntervalMs));
    connect(m_pollTimer, &QTimer::timeout, this, &LiveReconciler::poll);
    // Notifications come in bursts (a batch of writes); re-check the burst at once.
    m_coalesceTimer->setSingleShot(true);
    m_coalesceTimer->setInterval(100);
    connect(m_coalesceTimer, &QTimer::timeout, this, [this] {
        const QStringList users(m_pending.cbegin(), m_pending.cend());
        m_pending.clear();
        recheck(users);
    });
}

LiveReconciler::~LiveReconciler()
{
    stop();
}

void LiveReconciler::setBackend(bool reachable, const QString &message)
{
    const int state = reachable ? 1 : 0;
    if (state == m_backendState)
        return;
    m_backendState = state;
    Q_EMIT backendChanged(reachable, message);
}

bool LiveReconciler::ensureOpen()
{
    if (m_reconciler && m_reconciler->isOpen())
        return true;
    m_listening = false;
    m_reconciler = std::make_unique<Reconciler>(ReconcileStorage::of(m_config, QString()), m_config.mapping);
    if (const Result<void> opened = m_reconciler->open(); !opened) {
        m_reconciler.reset();
        setBackend(false, opened.error().message);
        return false;
    }
    if (isObserved()) {
        const Result<QStringList> marks = m_reconciler->changeMarks();
        if (!marks) {
            m_reconciler.reset();
            setBackend(false, errorMessage(marks));
            return false;
        }
        if (m_marks.isEmpty())
            m_marks = m_previousMarks = *marks;
        // Triggers an operator installed (setup --live-triggers) announce each change at once; the marks
        // stay polled, so that nothing is missed while a notification is lost or the triggers are removed.
        const Result<int> triggers = m_reconciler->liveTriggerTables();
        if (triggers && *triggers == 2) {
            m_channel = LiveTriggers::channel();
            if (!listen())
                return false;
        }
    } else if (m_config.database.isSqlite()) {
        const Result<qint64> mark = m_reconciler->highWaterMark();
        if (!mark) {
            m_reconciler.reset();
            setBackend(false, errorMessage(mark));
            return false;
        }
        // After a reconnect everything changed since the last mark is still picked up.
        if (m_highWater < 0)
            m_highWater = *mark;
    } else {
        m_channel = ReconcileSchema::notifyChannel();
        if (!listen())
            return false;
    }
    setBackend(true, m_reconciler->describe());
    return true;
}

bool LiveReconciler::listen()
{
    QSqlDriver *driver = m_reconciler->database().driver();
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                onNotification(name, payload.toString());
            });
    m_listening = driver->subscribeToNotification(m_channel);
    if (!m_listening) {
        const QString e = m_reconciler->describe() + QLatin1String(": cannot LISTEN on ") + m_channel
                          + QLatin1String(": ") + sqlErrorText(driver->lastError());
        m_reconciler.reset();
        setBackend(false, e);
    }
    return m_listening;
}

void LiveReconciler::start(bool fullFirst)
{
    m_highWater = -1;
    m_marks.clear();
    m_previousMarks.clear();
    if (ensureOpen() && fullFirst) {
        Reconciler::Options options;
        options.tolerance = m_tolerance;
        QList<DiscrepancyRecord> rows;
        const RunSummary s =
            m_reconciler->run(options, [&rows](const DiscrepancyRecord &r) { rows.append(r); });
        if (!rows.isEmpty())
            Q_EMIT discrepanciesFound(rows);
        Q_EMIT checked(s);
    }
    // On PostgreSQL the timer only retries a lost connection; on SQLite it also polls the mark.
    m_pollTimer->start();
}

void LiveReconciler::stop()
{
    m_pollTimer->stop();
    m_coalesceTimer->stop();
    if (m_reconciler && m_listening)
        m_reconciler->database().driver()->unsubscribeFromNotification(m_channel);
    m_listening = false;
    m_reconciler.reset();
}

void LiveReconciler::poll()
{
    if (m_running)
        return;
    if (m_reconciler && !m_reconciler->isOpen()) {
        // The driver noticed the server closing the connection (e.g. on the notification socket).
        const QString e = m_reconciler->describe() + QLatin1String(": connection lost");
        m_reconciler.reset();
        setBackend(false, e);
    }
    if (!m_reconciler) {
        const bool wasDown = m_backendState == 0;
        if (!ensureOpen())
            return;
        if (!m_config.database.isSqlite()) {
            // Changes made while we were away may be missed: catch up with one full run.
            if (wasDown)
                recheck({}, true);
            return;
        }
    }
    if (isObserved()) {
        pollMarks();
        return;
    }
    if (!m_config.database.isSqlite()) {
        // A dropped server connection does not always surface on the notification socket: ping it.
        QSqlQuery ping(m_reconciler->database());
        if (!ping.exec(QStringLiteral("SELECT 1"))) {
            const QString e = m_reconciler->describe() + QLatin1String(": connection lost: ")
                              + sqlErrorText(ping.lastError());
            ping = QSqlQuery();
            m_reconciler.reset();
            setBackend(false, e);
        }
        return;
    }
    const Result<qint64> mark = m_reconciler->highWaterMark();
    if (!mark) {
        m_reconciler.reset();
        setBackend(false, errorMessage(mark));
        return;
    }
    if (*mark <= m_highWater)
        return;
    const Result<QStringList> users = m_reconciler->changedUsers(m_highWater);
    if (!users) {
        m_reconciler.reset();
        setBackend(false, errorMessage(users));
        return;
    }
    const qint64 previous = m_highWater;
    m_highWater = *mark;
    recheck(*users);
    if (!m_reconciler) // the re-check failed: try these changes again after reconnecting
        m_highWater = previous;
}

void LiveReconciler::pollMarks()
{
    const Result<QStringList> marks = m_reconciler->changeMarks();
    if (!marks) {
        m_reconciler.reset();
        setBackend(false, errorMessage(marks));
        return;
    }
    if (*marks == m_marks && m_previousMarks == m_marks)
        return; // nothing written since the last two polls: one cheap query per tick
    // From the marks of the poll before the last: a service transaction that took its timestamp or
    // sequence value before a later one but committed after it is still in range.
    const Result<QStringList> users = m_reconciler->usersChangedAfter(m_previousMarks);
    if (!users) {
        m_reconciler.reset();
        setBackend(false, errorMessage(users));
        return;
    }
    const QStringList before = m_previousMarks;
    m_previousMarks = m_marks;
    m_marks = *marks;
    recheck(*users);
    if (!m_reconciler) { // the re-check failed: try these changes again after reconnecting
        m_previousMarks = before;
        m_marks = before;
    }
}

void LiveReconciler::onNotification(const QString &name, const QString &payload)
{
    if (name != m_channel || payload.isEmpty())
        return;
    m_pending.insert(payload);
    if (!m_coalesceTimer->isActive())
        m_coalesceTimer->start();
}

void LiveReconciler::recheck(const QStringList &users, bool full)
{
    if ((users.isEmpty() && !full) || !m_reconciler)
        return;
    m_running = true;
    Reconciler::Options options;
    options.tolerance = m_tolerance;
    if (!full) {
        options.kind = RunKind::Incremental;
        options.users = users;
    }
    QList<DiscrepancyRecord> rows;
    const RunSummary s = m_reconciler->run(options, [&rows](const DiscrepancyRecord &r) { rows.append(r); });
    m_running = false;
    if (!s.isComplete()) {
        qCWarning(lcReconcile).noquote() << "live re-check failed:" << s.error;
        setBackend(false, s.error);
        m_reconciler.reset();
        // Keep the users for the next attempt on PostgreSQL (no mark to fall back to).
        for (const QString &u : users)
            m_pending.insert(u);
        Q_EMIT checked(s);
        return;
    }
    setBackend(true, m_reconciler->describe());
    if (!rows.isEmpty())
        Q_EMIT discrepanciesFound(rows);
    Q_EMIT checked(s);
}

} // namespace Cockpit
