// SPDX-License-Identifier: MIT
#include "wiring/ledger_page_worker.h"

#include <QDateTime>

namespace Cockpit {

LedgerPageWorker::LedgerPageWorker(EnvironmentConfig config)
    : m_env(std::move(config))
    , m_config(m_env.ledger)
    , m_health(m_env)
{}

LedgerPageWorker::~LedgerPageWorker() = default;

Result<LedgerHealth> LedgerPageWorker::health()
{
    LedgerHealthSource::Request request;
    request.chart = true;
    request.gates = true;
    // A service's gates read Prometheus over days and the reconciliation runs: judged once a minute, while
    // its alerts follow every refresh.
    request.gatesMaxAgeMs = 60'000;
    return m_health.read(QDateTime::currentMSecsSinceEpoch(), request);
}

Result<LedgerUserSnapshot> LedgerPageWorker::lookupUser(const QString &userId)
{
    if (!m_reader) {
        auto reader = std::make_unique<LedgerReader>(m_config, m_env.filePath);
        if (const Result<void> opened = reader->open(); !opened) {
            // Opened again at the next lookup: the backend may come back.
            return fail(opened.error());
        }
        m_reader = std::move(reader);
    }
    constexpr int HistoryLimit = 200;
    Result<UserLedgerReport> report = m_reader->user(userId, HistoryLimit);
    if (!report) {
        if (report.error().kind != ErrorKind::Invalid)
            m_reader.reset(); // reconnect next time
        return fail(report.error());
    }
    return LedgerUserSnapshot{userId, std::move(*report)};
}

} // namespace Cockpit
