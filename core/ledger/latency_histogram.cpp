// SPDX-License-Identifier: MIT
#include "ledger/latency_histogram.h"

#include <QStringList>

#include <algorithm>

namespace Cockpit {

namespace {

const std::vector<qint64> &bounds()
{
    static const std::vector<qint64> b = [] {
        std::vector<qint64> v;
        qint64 bound = 100;
        while (bound < 600LL * 1000 * 1000 * 1000) {
            v.push_back(bound);
            bound = std::max(bound + 1, bound * 105 / 100);
        }
        v.push_back(std::numeric_limits<qint64>::max());
        return v;
    }();
    return b;
}

} // namespace

LatencyHistogram::LatencyHistogram()
    : m_buckets(bounds().size(), 0)
{}

int LatencyHistogram::bucketCount()
{
    return static_cast<int>(bounds().size());
}

qint64 LatencyHistogram::bucketUpperBoundNs(int index)
{
    return bounds().at(static_cast<std::size_t>(std::clamp(index, 0, bucketCount() - 1)));
}

void LatencyHistogram::add(qint64 nanoseconds)
{
    const auto &b = bounds();
    const auto it = std::lower_bound(b.begin(), b.end(), nanoseconds);
    ++m_buckets[static_cast<std::size_t>(it - b.begin())];
    ++m_count;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (std::size_t i = 0; i < m_buckets.size(); ++i)
        m_buckets[i] += other.m_buckets[i];
    m_count += other.m_count;
}

qint64 LatencyHistogram::percentileNs(int percent) const
{
    if (m_count == 0)
        return 0;
    // ceil(count * p / 100) samples must be at or below the answer.
    const qint64 rank = std::max<qint64>(1, (m_count * percent + 99) / 100);
    qint64 seen = 0;
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        seen += m_buckets[i];
        if (seen >= rank)
            return bounds()[i];
    }
    return bounds().back();
}

QString LatencyHistogram::serialize() const
{
    QStringList parts;
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        if (m_buckets[i] != 0)
            parts.append(QString::number(i) + QLatin1Char(':') + QString::number(m_buckets[i]));
    }
    return parts.join(QLatin1Char(','));
}

std::optional<LatencyHistogram> LatencyHistogram::deserialize(QStringView text)
{
    LatencyHistogram h;
    if (text.isEmpty())
        return h;
    for (QStringView part : text.split(QLatin1Char(','))) {
        const qsizetype colon = part.indexOf(QLatin1Char(':'));
        bool okIndex = false;
        bool okCount = false;
        const int index = colon > 0 ? part.left(colon).toInt(&okIndex) : -1;
        const qint64 count = colon > 0 ? part.mid(colon + 1).toLongLong(&okCount) : -1;
        if (!okIndex || !okCount || index < 0 || index >= bucketCount() || count < 0)
            return std::nullopt;
        h.m_buckets[static_cast<std::size_t>(index)] += count;
        h.m_count += count;
    }
    return h;
}

} // namespace Cockpit
