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
    if (!ensureOpen(&error)) {
        emit failed(generation, error);
        return;
    }
    LedgerUserSnapshot s;
    s.userId = userId;
    s.view.userId = userId;
    s.view.source = QStringLiteral("inspection");
    const auto ledger = m_store->ledgerBalances(userId, &error);
    const auto legacy = ledger ? m_store->legacyBalances(userId, &error) : std::nullopt;
    const auto history = legacy ? m_store->history(userId, 200, &error) : std::nullopt;
    if (!history) {
        m_store.reset();
        emit failed(generation, error);
        return;
    }
    for (const AccountMapping &m : m_config.mapping)
        s.view.ledger.insert(m.accountType, ledger->value(m.accountType));
    s.view.legacy = *legacy;
    s.view.ledgerRead = true;
    s.view.legacyRead = true;
    s.history = *history;
    emit userReady(generation, s);
}

} // namespace Cockpit
