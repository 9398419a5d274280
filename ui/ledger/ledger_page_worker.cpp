// SPDX-License-Identifier: MIT
#include "ledger/ledger_page_worker.h"

#include "environment/ledger_telemetry.h"
#include "ledger/ledger_store.h"

#include <QDateTime>

namespace Cockpit {

LedgerPageWorker::LedgerPageWorker(EnvironmentConfig config, QObject *parent)
    : QObject(parent)
    , m_env(std::move(config))
    , m_config(m_env.ledger)
{}

LedgerPageWorker::~LedgerPageWorker() = default;

bool LedgerPageWorker::ensureOpen(QString *error)
{
    if (m_store)
        return true;
    auto store = LedgerStore::create(m_config.database, m_config.mapping);
    *error = store->open();
    if (!error->isEmpty())
        return false; // retried at the next refresh: the backend may come back
    m_store = std::move(store);
    return true;
}

void LedgerPageWorker::refreshHealth(quint64 generation)
{
    QString error;
    if (m_config.ownership == LedgerOwnership::Observed) {
        // A service's ledger: its alerts from its own Prometheus, never from counters of the cockpit's.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const std::optional<LedgerTelemetry::Readings> readings = LedgerTelemetry::read(m_env, now, &error);
        if (!readings) {
            emit failed(generation, error);
            return;
        }
        LedgerHealth health;
        health.nowMs = now;
        health.alertWindowSeconds = m_config.discrepancyAlertWindowSeconds;
        health.alerts = LedgerTelemetry::alerts(m_config, *readings);
        health.telemetrySource = QLatin1String("Prometheus at ") + m_env.metrics.prometheusUrl.toString();
        // The last hour: long enough to see a trend across the alert window, short enough for one screen.
        constexpr qint64 ChartSpanSeconds = 3600;
        QString chartError;
        if (std::optional<LedgerChartData> chart =
                LedgerTelemetry::chart(m_env, ChartSpanSeconds, now, &chartError))
            health.chart = std::move(*chart);
        else
            health.chart.problems = chartError;
        emit healthReady(generation, health);
        return;
    }
    if (!ensureOpen(&error)) {
        emit failed(generation, error);
        return;
    }
    const auto health = LedgerMonitor::load(*m_store, m_config, QDateTime::currentMSecsSinceEpoch(), &error);
    if (!health) {
        m_store.reset(); // reconnect next time
        emit failed(generation, error);
        return;
    }
    emit healthReady(generation, *health);
}

void LedgerPageWorker::lookupUser(quint64 generation, const QString &userId)
{
    QString error;
    if (!m_reader) {
        auto reader = std::make_unique<LedgerReader>(m_config, m_env.filePath);
        error = reader->open();
        if (!error.isEmpty()) {
            emit failed(generation, error); // opened again at the next lookup: the backend may come back
            return;
        }
        m_reader = std::move(reader);
    }
    constexpr int HistoryLimit = 200;
    std::optional<UserLedgerReport> report = m_reader->user(userId, HistoryLimit, &error);
    if (!report) {
        if (!error.startsWith(QLatin1String("user id")))
            m_reader.reset(); // reconnect next time
        emit failed(generation, error);
        return;
    }
    emit userReady(generation, LedgerUserSnapshot{userId, std::move(*report)});
}

} // namespace Cockpit
