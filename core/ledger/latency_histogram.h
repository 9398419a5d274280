// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

namespace Cockpit {

// A duration histogram with geometric buckets 5 % apart (100 ns to ~10 min), so that a percentile read
// from it is within 5 % of the true value; small enough to store one per second per metric as text.
// A value type; not synchronised.
class LatencyHistogram
{
public:
    LatencyHistogram();

    void add(qint64 nanoseconds);
    void merge(const LatencyHistogram &other);
    qint64 count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    // Upper bound of the bucket holding the p-th percentile (0 < p <= 100); 0 when empty.
    qint64 percentileNs(int percent) const;

    // "index:count,index:count" of the non-empty buckets.
    QString serialize() const;
    static std::optional<LatencyHistogram> deserialize(QStringView text);

    static qint64 bucketUpperBoundNs(int index);
    static int bucketCount();

private:
    std::vector<qint64> m_buckets;
    qint64 m_count = 0;
};

} // namespace Cockpit
