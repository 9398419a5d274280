// SPDX-License-Identifier: MIT
#include "ledger/ledger_workload.h"

#include "common/logging.h"

#include "ledger/ledger_integration.h"
#include "ledger/ledger_store.h"

#include <QElapsedTimer>
#include <QThread>

namespace Cockpit {

LedgerWorkload::LedgerWorkload(LedgerConfig config, LedgerMode mode, LedgerWorkloadOptions options,
                               QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_mode(mode)
    , m_options(std::move(options))
    , m_rng(static_cast<quint32>(m_options.seed ^ (m_options.seed >> 32)))
    , m_faultRng(static_cast<quint32>(m_options.seed * 2654435761u + 1))
{}

Result<void> LedgerWorkload::permitted(const EnvironmentConfig &environment, bool readOnly)
{
    if (!environment.isDemo())
        return fail(
            QLatin1String("the demo workload writes synthetic deposits and orders; it runs only against "
                          "a demo environment, and \"")
                + environment.name + QLatin1String("\" is ") + environmentKindName(environment.kind),
            ErrorKind::Refused);
    if (readOnly || environment.readOnly)
        return fail(QLatin1String("environment \"") + environment.name + QLatin1String("\" is read-only"),
                    ErrorKind::Refused);
    return ok();
}

void LedgerWorkload::run()
{
    std::unique_ptr<LedgerStore> store = LedgerStore::create(m_config.database, m_config.mapping);
    if (Result<void> opened = store->open(); !opened) {
        emit failed(opened.error().message);
        return;
    }
    if (!store->isWritable()) {
        emit failed(store->readOnlyReason());
        return;
    }
    LedgerIntegration facade(*store, m_config, m_mode);
    if (Result<void> ran = runWith(facade); !ran) {
        emit failed(ran.error().message);
        return;
    }
    emit finished();
}

Money LedgerWorkload::randomAmount(Money atMost)
{
    // 0.000001 .. 1000.000000, capped by what the user has.
    const qint64 micros = 1 + static_cast<qint64>(m_rng.generate64() % 1000000000ULL);
    const Money amount = Money::fromMicros(micros);
    return amount > atMost ? atMost : amount;
}

Result<void> LedgerWorkload::step(LedgerIntegration &facade)
{
    const int index = static_cast<int>(m_rng.bounded(m_options.users));
    const QString user = m_options.userPrefix + QString::number(index);
    UserModel &model = m_users[index];
    const QString tag = QString::number(m_options.seed) + QLatin1Char('-') + QString::number(++m_counter);
    int dice = static_cast<int>(m_rng.bounded(100));
    if (dice >= 35 && dice < 75 && model.usdc.isZero())
        dice = 10; // nothing to move or reserve: a fresh deposit instead
    if (dice >= 75 && model.orders.isEmpty())
        dice = 10;

    OperationResult r;
    if (dice < 3 && !m_recentDeposits.isEmpty()) {
        // A replayed deposit notification: must be posted once only.
        const qsizetype i = static_cast<qsizetype>(m_rng.bounded(static_cast<int>(m_recentDeposits.size())));
        r = facade.creditUserUsdc(m_recentDepositUsers.at(i), m_recentDeposits.at(i).second,
                                  QStringLiteral("Deposit (replayed)"), m_recentDeposits.at(i).first);
    } else if (dice < 35) {
        const Money amount = randomAmount(Money::fromMicros(1000000000));
        const QString ref = QLatin1String("dep-") + tag;
        r = facade.creditUserUsdc(user, amount, QLatin1String("Deposit ") + ref, ref);
        if (r.status == OperationResult::Status::Ok) {
            model.usdc = model.usdc.plus(amount).value_or(model.usdc);
            if (m_recentDeposits.size() > 64) {
                m_recentDeposits.removeFirst();
                m_recentDepositUsers.removeFirst();
            }
            m_recentDeposits.append({ref, amount});
            m_recentDepositUsers.append(user);
        }
    } else if (dice < 50) {
        const Money amount = randomAmount(model.usdc);
        r = facade.moveFundsToFiatExposure(user, amount, QStringLiteral("Move to fiat exposure"),
                                           QLatin1String("fx-") + tag);
        if (r.status == OperationResult::Status::Ok) {
            model.usdc = *model.usdc.minus(amount);
            model.fiat = model.fiat.plus(amount).value_or(model.fiat);
        }
    } else if (dice < 75) {
        const Money amount = randomAmount(model.usdc);
        const QString order = QLatin1String("ord-") + tag;
        r = facade.reserveForInvestment(user, amount, order);
        if (r.status == OperationResult::Status::Ok) {
            model.usdc = *model.usdc.minus(amount);
            model.orders.append({order, amount});
        }
    } else {
        const Order order = model.orders.takeFirst();
        if (dice < 90) {
            r = facade.executeInvestment(user, order.amount, order.id);
            if (r.status == OperationResult::Status::Ok)
                model.fiat = model.fiat.plus(order.amount).value_or(model.fiat);
        } else {
            r = facade.releaseReservation(user, order.amount, QLatin1String("rel-") + order.id);
            if (r.status == OperationResult::Status::Ok)
                model.usdc = model.usdc.plus(order.amount).value_or(model.usdc);
        }
        if (r.status != OperationResult::Status::Ok && r.status != OperationResult::Status::Duplicate)
            model.orders.prepend(order); // not consumed, try again later
    }
    ++m_summary.operations;
    switch (r.status) {
    case OperationResult::Status::Ok:
        ++m_summary.ok;
        break;
    case OperationResult::Status::Duplicate:
        ++m_summary.duplicates;
        break;
    case OperationResult::Status::Rejected:
        ++m_summary.rejected;
        break;
    case OperationResult::Status::Failed:
        ++m_summary.failed;
        break;
    }
    if (r.shadowWriteFailed)
        ++m_summary.shadowFailures;

    if (m_options.readEvery > 0 && m_summary.operations % m_options.readEvery == 0) {
        const auto view = facade.getUserBalance(user);
        ++m_summary.reads;
        if (view)
            m_summary.readDiscrepancies += view->discrepancies.size();
        else if (!errorMessage(view).contains(QLatin1String("strict mode")))
            return fail(view.error());
        else
            ++m_summary.readDiscrepancies;
    }
    return ok();
}

void LedgerWorkload::attach(LedgerIntegration &facade)
{
    const int perMillion = m_options.legacyFaultPerMillion;
    facade.setLegacyFaultHook(
        [this, perMillion](const QString &operation, const QString &userId) -> Result<void> {
            if (perMillion <= 0 || static_cast<int>(m_faultRng.bounded(1000000)) >= perMillion)
                return ok();
            ++m_summary.injectedFaults;
            return fail(QLatin1String("injected legacy write fault (") + operation + QLatin1String(", ")
                        + userId + QLatin1Char(')'));
        });
}

Result<void> LedgerWorkload::runWith(LedgerIntegration &facade)
{
    attach(facade);
    QElapsedTimer clock;
    clock.start();
    const qint64 total = m_options.operations;
    int lastPercent = -1;
    qint64 lastMessageMs = -1000;
    Result<void> outcome = ok();
    while (outcome && !m_cancelled.load() && (total == 0 || m_summary.operations < total)) {
        const bool batched = m_options.batchSize > 1;
        if (batched && (outcome = facade.beginBatch())) {
            for (int i = 0;
                 i < m_options.batchSize && outcome && (total == 0 || m_summary.operations < total); ++i)
                outcome = step(facade);
            // A step's failure is the one to report; the rollback after it is only logged if it fails too.
            const Result<void> ended = outcome ? facade.commitBatch() : facade.rollbackBatch();
            if (outcome)
                outcome = ended;
            else if (!ended)
                qCWarning(lcLedger).noquote() << ended.error().message;
        } else if (!batched) {
            outcome = step(facade);
        }
        if (m_options.opsPerSecond > 0) {
            const qint64 due = m_summary.operations * 1000 / m_options.opsPerSecond;
            if (due > clock.elapsed())
                QThread::msleep(static_cast<unsigned long>(due - clock.elapsed()));
        }
        const int percent = total > 0 ? static_cast<int>(m_summary.operations * 100 / total) : -1;
        if (percent != lastPercent && total > 0) {
            lastPercent = percent;
            emit progress(percent);
        }
        if (clock.elapsed() - lastMessageMs >= 500) {
            lastMessageMs = clock.elapsed();
            emit progressMessage(tr("%1 operations, %2 legacy-write failures, %3 discrepancies seen")
                                     .arg(m_summary.operations)
                                     .arg(m_summary.shadowFailures)
                                     .arg(m_summary.readDiscrepancies));
        }
    }
    facade.setLegacyFaultHook({});
    // The workload's own outcome is the news; metrics it could not write are logged.
    if (Result<void> flushed = facade.flushMetrics(); !flushed)
        qCWarning(lcLedger).noquote() << flushed.error().message;
    m_summary.elapsedMs = clock.elapsed();
    return outcome;
}

} // namespace Cockpit
