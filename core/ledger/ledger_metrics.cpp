// SPDX-License-Identifier: MIT
#include "ledger/ledger_metrics.h"

namespace Cockpit {

namespace {

QString key(const QString &metric, const QString &label)
{
    return metric + QLatin1Char('\x1f') + label;
}

} // namespace

LedgerMetrics::Second &LedgerMetrics::at(qint64 nowMs)
{
    const qint64 second = nowMs / 1000;
    if (second != m_second) {
        close();
        m_second = second;
    }
    return m_current;
}

void LedgerMetrics::close()
{
    if (m_second == 0)
        return;
    static const QString outcomes[] = {QStringLiteral("ok"), QStringLiteral("failed"),
                                       QStringLiteral("rejected")};
    for (int i = 0; i < 3; ++i) {
        if (m_current.writes[i] != 0)
            m_done.append({m_second, LedgerMetricName::write(), outcomes[i], m_current.writes[i], QString()});
    }
    for (auto it = m_current.counts.cbegin(); it != m_current.counts.cend(); ++it) {
        const qsizetype sep = it.key().indexOf(QLatin1Char('\x1f'));
        m_done.append({m_second, it.key().left(sep), it.key().mid(sep + 1), it.value(), QString()});
    }
    const auto histogram = [this](const QString &metric, const QString &label, const LatencyHistogram &h) {
        if (!h.isEmpty())
            m_done.append({m_second, metric, label, h.count(), h.serialize()});
    };
    histogram(LedgerMetricName::balanceQuery(), QStringLiteral("ledger"), m_current.ledgerQuery);
    histogram(LedgerMetricName::balanceQuery(), QStringLiteral("legacy"), m_current.legacyQuery);
    histogram(LedgerMetricName::writeLag(), QString(), m_current.lag);
    m_current = Second();
    m_second = 0;
}

void LedgerMetrics::recordWrite(Outcome outcome, qint64 nowMs)
{
    ++at(nowMs).writes[static_cast<int>(outcome)];
}

void LedgerMetrics::recordWrite(const QString &outcome, qint64 nowMs)
{
    if (outcome == QLatin1String("ok"))
        recordWrite(Outcome::Ok, nowMs);
    else if (outcome == QLatin1String("failed"))
        recordWrite(Outcome::Failed, nowMs);
    else if (outcome == QLatin1String("rejected"))
        recordWrite(Outcome::Rejected, nowMs);
    else
        ++at(nowMs).counts[key(LedgerMetricName::write(), outcome)];
}

void LedgerMetrics::recordShadowFailure(qint64 nowMs)
{
    ++at(nowMs).counts[key(LedgerMetricName::shadowFailure(), QString())];
}

void LedgerMetrics::recordDiscrepancy(const QString &accountType, qint64 nowMs)
{
    ++at(nowMs).counts[key(LedgerMetricName::discrepancy(), accountType)];
}

void LedgerMetrics::recordBalanceQuery(const QString &source, qint64 nanoseconds, qint64 nowMs)
{
    Second &s = at(nowMs);
    (source == QLatin1String("ledger") ? s.ledgerQuery : s.legacyQuery).add(nanoseconds);
}

void LedgerMetrics::recordWriteLag(qint64 nanoseconds, qint64 nowMs)
{
    at(nowMs).lag.add(nanoseconds);
}

QList<MetricRow> LedgerMetrics::takeRows()
{
    close();
    QList<MetricRow> rows;
    rows.swap(m_done);
    return rows;
}

} // namespace Cockpit
