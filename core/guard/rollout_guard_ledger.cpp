// SPDX-License-Identifier: MIT
// The guard's ledger lane: HighDiscrepancyRate in strict mode disables strict mode.
#include "guard/rollout_guard.h"

#include "control/control_store.h"
#include "control/gate_registry.h"
#include "control/transition_service.h"
#include "wiring/ledger_health_source.h"

#include <QDateTime>

namespace Cockpit {

void RolloutGuard::guardLedger(bool autoRollbackOn, qint64 nowMs, const EventSink &sink)
{
    const QString ledger = QStringLiteral("ledger");
    if (!m_store)
        return;
    const Result<std::optional<MigrationState>> read = m_store->state(ledger);
    if (!read) {
        sink({nowMs, Event::Kind::Failed, ledger, QLatin1String("control store: ") + read.error().message});
        return;
    }
    const std::optional<MigrationState> &state = *read;
    if (!state || state->phase != QLatin1String("strict"))
        return;
    if (!m_ledgerHealth)
        m_ledgerHealth = std::make_unique<LedgerHealthSource>(m_config);
    const Result<LedgerHealth> health = m_ledgerHealth->read(nowMs, {});
    const QString error = health ? health->sourceError : health.error().message;
    if (!health || !health->sourceError.isEmpty()) {
        if (m_lastErrors.value(ledger) != error)
            sink({nowMs, Event::Kind::Failed, ledger,
                  QLatin1String("no alert verdict, nothing rolled back: ") + error});
        m_lastErrors.insert(ledger, error);
        return;
    }
    m_lastErrors.remove(ledger);
    const LedgerAlert *high = nullptr;
    for (const LedgerAlert &a : health->alerts) {
        if (a.name == QLatin1String("HighDiscrepancyRate"))
            high = &a;
    }
    // Inconclusive (no traffic, no series) is not firing: missing data never rolls back.
    if (!high || !high->firing || high->inconclusive)
        return;
    const QString summary =
        QStringLiteral("HighDiscrepancyRate firing in strict mode (%1, from %2); %3")
            .arg(high->detail.english(), m_ledgerHealth->describe(), high->action.english());
    const qint64 enteredAtMs = state->changedAt.isValid() ? state->changedAt.toMSecsSinceEpoch() : 0;
    actOn({ledger + QLatin1Char('@') + QString::number(enteredAtMs), ledger, QStringLiteral("ledger_reads"),
           summary},
          autoRollbackOn, nowMs, sink, [this, &summary, enteredAtMs](QString *message) {
              TransitionService service(m_config, m_identity, false, *m_store, *m_gates);
              if (const Result<void> opened = service.open(); !opened) {
                  *message = errorMessage(opened);
                  return false;
              }
              const Result<std::optional<MigrationState>> read = m_store->state(QStringLiteral("ledger"));
              if (!read) {
                  *message = read.error().message;
                  return false;
              }
              const std::optional<MigrationState> &now = *read;
              if (!now || now->phase != QLatin1String("strict")
                  || (now->changedAt.isValid() && now->changedAt.toMSecsSinceEpoch() != enteredAtMs)) {
                  *message =
                      QStringLiteral("the ledger left strict mode since the alert was read: not rolled back");
                  return false;
              }
              TransitionService::Request request;
              request.migration = QStringLiteral("ledger");
              request.direction = TransitionService::Direction::Rollback;
              request.toPhase = QStringLiteral("ledger_reads");
              request.fromPhase = QStringLiteral("strict"); // a move since the check makes it refuse
              TransitionService::Options options;
              options.reason = QLatin1String("automatic rollback: ") + summary;
              options.confirmedName = m_config.name; // the environment's setting decided
              const TransitionService::Outcome outcome = service.execute(service.plan(request), options);
              *message = outcome.result.has_value() ? outcome.phase : errorMessage(outcome.result);
              return outcome.result.has_value();
          });
}

} // namespace Cockpit
