// SPDX-License-Identifier: MIT
#include "wiring/ledger_page_worker.h"

#include <QDateTime>

namespace Cockpit {

LedgerPageWorker::LedgerPageWorker(EnvironmentConfig config, QObject *parent)
    : QObject(parent)
    , m_env(std::move(config))
    , m_config(m_env.ledger)
    , m_health(m_env)
{}

LedgerPageWorker::~LedgerPageWorker() = default;

void LedgerPageWorker::refreshHealth(quint64 generation)
{
    LedgerHealthSource::Request request;
    request.chart = true;
    request.gates = true;
    // A service's gates read Prometheus over days and the reconciliation runs: judged once a minute, while
    // its alerts follow every refresh.
    request.gatesMaxAgeMs = 60'000;
    Result<LedgerHealth> health = m_health.read(QDateTime::currentMSecsSinceEpoch(), request);
    if (!health) {
        emit failed(generation, health.error().message);
        return;
    }
    emit healthReady(generation, *health);
}

void LedgerPageWorker::lookupUser(quint64 generation, const QString &userId)
{
    if (!m_reader) {
        auto reader = std::make_unique<LedgerReader>(m_config, m_env.filePath);
        if (const Result<void> opened = reader->open(); !opened) {
            // Opened again at the next lookup: the backend may come back.
            emit failed(generation, opened.error().message);
            return;
        }
        m_reader = std::move(reader);
    }
    constexpr int HistoryLimit = 200;
    Result<UserLedgerReport> report = m_reader->user(userId, HistoryLimit);
    if (!report) {
        if (report.error().kind != ErrorKind::Invalid)
            m_reader.reset(); // reconnect next time
        emit failed(generation, report.error().message);
        return;
    }
    emit userReady(generation, LedgerUserSnapshot{userId, std::move(*report)});
}

} // namespace Cockpit
