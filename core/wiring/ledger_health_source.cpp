// SPDX-License-Identifier: MIT
#include "wiring/ledger_health_source.h"

#include "ledger/ledger_store.h"
#include "wiring/ledger_telemetry.h"
#include "wiring/service_ledger_gates.h"

namespace Cockpit {

namespace {

LedgerGate::Verdict ledgerVerdict(GateResult::Verdict v)
{
    switch (v) {
    case GateResult::Verdict::Pass:
        return LedgerGate::Verdict::Pass;
    case GateResult::Verdict::Fail:
        return LedgerGate::Verdict::Fail;
    case GateResult::Verdict::Inconclusive:
        break;
    }
    return LedgerGate::Verdict::Inconclusive;
}

GateResult::Verdict gateVerdict(LedgerGate::Verdict v)
{
    switch (v) {
    case LedgerGate::Verdict::Pass:
        return GateResult::Verdict::Pass;
    case LedgerGate::Verdict::Fail:
        return GateResult::Verdict::Fail;
    case LedgerGate::Verdict::Inconclusive:
        break;
    }
    return GateResult::Verdict::Inconclusive;
}

// Nothing answered at all: the metrics backend is down or refuses us, which is not the same as no traffic.
QString unanswered(const LedgerTelemetry::Readings &r)
{
    const LedgerTelemetry::Reading *all[] = {&r.discrepancies, &r.writeSuccessRate, &r.queryP95Ledger,
                                             &r.queryP95Legacy};
    for (const LedgerTelemetry::Reading *reading : all) {
        if (reading->value || reading->error.startsWith(QLatin1String("no data")))
            return {};
    }
    return r.discrepancies.error;
}

} // namespace

LedgerHealthSource::LedgerHealthSource(EnvironmentConfig config)
    : m_config(std::move(config))
{}

LedgerHealthSource::~LedgerHealthSource() = default;

bool LedgerHealthSource::observed() const
{
    return m_config.ledger.ownership == LedgerOwnership::Observed;
}

QString LedgerHealthSource::describe() const
{
    if (observed())
        return QLatin1String("Prometheus at ") + m_config.metrics.prometheusUrl.toString();
    return m_store ? m_store->describe() : m_config.ledger.database.describe();
}

Result<void> LedgerHealthSource::openStore()
{
    if (m_store)
        return ok();
    auto store = LedgerStore::create(m_config.ledger.database, m_config.ledger.mapping);
    if (Result<void> opened = store->open(); !opened) // opened again at the next read: it may come back
        return fail(opened.error().message, ErrorKind::Unreachable);
    m_store = std::move(store);
    return ok();
}

Result<LedgerHealth> LedgerHealthSource::read(qint64 nowMs, const Request &request)
{
    if (!observed()) {
        if (Result<void> opened = openStore(); !opened)
            return fail(opened.error());
        Result<LedgerHealth> health = LedgerMonitor::load(*m_store, m_config.ledger, nowMs);
        if (!health)
            m_store.reset(); // reconnect next time
        return health;
    }

    const Result<LedgerTelemetry::Readings> readings = LedgerTelemetry::read(m_config, nowMs);
    if (!readings)
        return fail(readings.error());
    LedgerHealth health;
    health.nowMs = nowMs;
    health.alertWindowSeconds = m_config.ledger.discrepancyAlertWindowSeconds;
    health.alerts = LedgerTelemetry::alerts(m_config.ledger, *readings);
    health.telemetrySource = describe();
    health.sourceError = unanswered(*readings);
    if (request.chart) {
        if (Result<LedgerChartData> chart = LedgerTelemetry::chart(m_config, request.chartSpanSeconds, nowMs))
            health.chart = std::move(*chart);
        else
            health.chart.problems = chart.error().message;
    }
    if (request.gates && !health.sourceError.isEmpty()) {
        // Prometheus does not answer: no gate is judged now, and no earlier verdict stands in for one.
        m_serviceGates.clear();
        for (const QString &id : LedgerMonitor::gateIds())
            health.gates.append(LedgerGate{id, LedgerMonitor::gateTitle(id, m_config.ledger),
                                           LedgerGate::Verdict::Inconclusive,
                                           Text::translate("Gates", "not judged: %1 did not answer: %2")
                                               .arg(describe(), health.sourceError)});
    } else if (request.gates) {
        if (m_serviceGates.isEmpty() || nowMs - m_serviceGatesAtMs >= request.gatesMaxAgeMs
            || nowMs < m_serviceGatesAtMs) {
            m_serviceGates.clear();
            for (const QString &id : LedgerMonitor::gateIds()) {
                const GateResult r = gate(id, nowMs);
                m_serviceGates.append(LedgerGate{id, LedgerMonitor::gateTitle(id, m_config.ledger),
                                                 ledgerVerdict(r.verdict), r.evidence});
            }
            m_serviceGatesAtMs = nowMs;
        }
        health.gates = m_serviceGates;
    }
    return health;
}

GateResult LedgerHealthSource::gate(const QString &id, qint64 nowMs)
{
    if (observed()) {
        if (id == QLatin1String("shadow_clean"))
            return ServiceLedgerGates::cleanWindow(m_config, m_config.ledger.shadowCleanWindowSeconds, nowMs);
        if (id == QLatin1String("cutover_clean"))
            return ServiceLedgerGates::cleanWindow(m_config, m_config.ledger.cutoverCleanWindowSeconds,
                                                   nowMs);
        if (id == QLatin1String("strict_clean"))
            return ServiceLedgerGates::strictClean(m_config, m_config.ledger.strictCleanWindowSeconds, nowMs);
        if (id == QLatin1String("performance"))
            return ServiceLedgerGates::performance(m_config, nowMs);
        return GateResult::make(GateResult::Verdict::Inconclusive,
                                Text::translate("Gates", "no ledger gate %1").arg(id));
    }
    if (Result<void> opened = openStore(); !opened)
        return GateResult::make(
            GateResult::Verdict::Inconclusive,
            Text::translate("Gates", "ledger database unreachable: %1").arg(opened.error().message));
    const Result<LedgerHealth> health = LedgerMonitor::load(*m_store, m_config.ledger, nowMs);
    if (!health) {
        m_store.reset();
        return GateResult::make(
            GateResult::Verdict::Inconclusive,
            Text::translate("Gates", "cannot read the ledger metrics: %1").arg(health.error().message));
    }
    for (const LedgerGate &g : health->gates) {
        if (g.id == id)
            return GateResult::make(gateVerdict(g.verdict), g.evidence);
    }
    return GateResult::make(GateResult::Verdict::Inconclusive,
                            Text::translate("Gates", "the ledger reports no gate %1").arg(id));
}

} // namespace Cockpit
