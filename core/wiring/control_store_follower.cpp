// SPDX-License-Identifier: MIT
#include "wiring/control_store_follower.h"

#include "common/logging.h"
#include "control/audit_log.h"
#include "control/control_store.h"
#include "wiring/environment_session.h"

#include <QDateTime>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace Cockpit {

// Lives in the follower's thread: its store connection belongs to that thread.
class StampPoller : public QObject
{
    Q_OBJECT

public:
    explicit StampPoller(EnvironmentConfig config)
        : m_config(std::move(config))
    {}

    void start()
    {
        auto *timer = new QTimer(this);
        timer->setInterval(ControlStoreFollower::IntervalMs);
        connect(timer, &QTimer::timeout, this, &StampPoller::poll);
        timer->start();
        poll();
    }

signals:
    void changed();
    void ready(); // the first stamp was read
    // The pending transitions whose holder stopped renewing its lease, one line each (on every change).
    void interruptedChanged(const QStringList &interrupted);
    // An audit entry worth telling about (an automatic rollback, a takeover, the safety net switched), once.
    void notableEntry(int severity, const QString &text, bool notify);

private:
    void poll()
    {
        if (!m_store) {
            auto store = ControlStore::create(m_config);
            if (!store->open())
                return; // the backend lights say why; tried again next time
            m_store = std::move(store);
        }
        const Result<QString> stamp = m_store->changeStamp();
        if (!stamp) {
            m_store.reset(); // reconnect next time
            m_lost = true;
            return;
        }
        // After a lost connection whatever happened meanwhile is unknown: the views reload once.
        const bool moved = (!m_last.isEmpty() && *stamp != m_last) || m_lost;
        if (moved)
            emit changed();
        // A holder that dies changes nothing in the store: while transitions are pending, their leases are
        // looked at every poll.
        if (moved || m_last.isEmpty() || m_pending)
            checkInterrupted();
        if (moved || m_last.isEmpty())
            checkAudit();
        if (m_last.isEmpty())
            emit ready();
        m_last = *stamp;
        m_lost = false;
    }

    // New entries since the last look; the first look only learns where the log stands.
    void checkAudit()
    {
        AuditLog::Filter newest;
        newest.limit = 50;
        Result<QList<AuditEntry>> read = m_store->audit().entries(newest);
        if (!read)
            return;
        QList<AuditEntry> entries = std::move(*read);
        std::sort(entries.begin(), entries.end(),
                  [](const AuditEntry &a, const AuditEntry &b) { return a.seq < b.seq; });
        const bool first = m_lastSeq < 0;
        for (const AuditEntry &e : std::as_const(entries)) {
            if (e.seq <= m_lastSeq)
                continue;
            m_lastSeq = e.seq;
            if (first)
                continue;
            const QString who = e.osUser + QLatin1String(" on ") + e.host;
            if (e.action == QLatin1String("rollback")
                && e.reason.startsWith(QLatin1String("automatic rollback"))
                && e.result.startsWith(QLatin1String("ok"))) {
                emit notableEntry(int(ActivityEvent::Severity::Critical),
                                  ControlStoreFollower::tr("%1 rolled back automatically (%2): %3")
                                      .arg(e.migration, who, e.reason),
                                  true);
            } else if (e.action == QLatin1String("takeover")) {
                emit notableEntry(
                    int(ActivityEvent::Severity::Warning),
                    ControlStoreFollower::tr("%1: a running transition was taken over by %2: %3")
                        .arg(e.migration, who, e.reason),
                    false);
            } else if (e.action == QLatin1String("auto-rollback")) {
                const bool off = e.result.endsWith(QLatin1String("off"));
                emit notableEntry(int(off ? ActivityEvent::Severity::Warning : ActivityEvent::Severity::Info),
                                  ControlStoreFollower::tr("%1 by %2: %3").arg(e.result, who, e.reason), off);
            }
        }
    }

    void checkInterrupted()
    {
        const Result<QList<TransitionIntent>> read = m_store->pendingIntents();
        if (!read)
            return;
        const QList<TransitionIntent> &pending = *read;
        m_pending = !pending.isEmpty();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList interrupted;
        for (const TransitionIntent &intent : pending) {
            if (!intent.isRunning(now))
                interrupted << QStringLiteral("%1: %2 -> %3, started by %4 on %5")
                                   .arg(intent.migration, intent.fromPhase, intent.toPhase,
                                        intent.operatorLabel, intent.host);
        }
        if (interrupted != m_interrupted) {
            m_interrupted = interrupted;
            emit interruptedChanged(interrupted);
        }
    }

    EnvironmentConfig m_config;
    std::unique_ptr<ControlStore> m_store;
    QString m_last;
    bool m_lost = false;
    bool m_pending = false;
    QStringList m_interrupted;
    qint64 m_lastSeq = -1; // the newest audit entry seen; -1 before the first look
};

ControlStoreFollower::ControlStoreFollower(EnvironmentSession *session)
    : QObject(session)
    , m_session(session)
    , m_poller(std::make_unique<JobThread<StampPoller>>(QStringLiteral("control store follower"),
                                                        std::make_unique<StampPoller>(session->config())))
{
    const StampPoller *poller = m_poller->context();
    connect(poller, &StampPoller::changed, this, [this] {
        if (m_session)
            emit m_session->controlStoreChanged();
    });
    connect(poller, &StampPoller::interruptedChanged, this, [this](const QStringList &interrupted) {
        if (!m_session)
            return;
        m_session->setAttention(QStringLiteral("overview"), static_cast<int>(interrupted.size()),
                                interrupted.join(QLatin1Char('\n')));
        for (const QString &line : interrupted) {
            if (m_interrupted.contains(line))
                continue;
            ActivityEvent event;
            event.severity = ActivityEvent::Severity::Critical;
            event.source = tr("Migration control");
            event.text = tr("Transition interrupted (its holder stopped): %1. Resume or roll it back on the "
                            "Overview.")
                             .arg(line);
            event.notify = true;
            m_session->report(event);
        }
        m_interrupted = interrupted;
    });
    connect(poller, &StampPoller::notableEntry, this, [this](int severity, const QString &text, bool notify) {
        if (!m_session)
            return;
        ActivityEvent event;
        event.severity = static_cast<ActivityEvent::Severity>(severity);
        event.source = tr("Audit log");
        event.text = text;
        event.notify = notify;
        m_session->report(event);
    });
    connect(poller, &StampPoller::ready, this, [this] {
        m_ready = true;
        emit ready();
    });
    m_poller->thread()->setPriority(QThread::LowPriority);
    m_poller->post([](StampPoller &p) { p.start(); });
}

// Not waited for: a read in progress (a slow network) must not freeze the window.
ControlStoreFollower::~ControlStoreFollower() = default;

} // namespace Cockpit

#include "control_store_follower.moc"
