// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/environment_config.h"
#include "control/migration_state.h"
#include "rollout/rollout_verdict.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Cockpit {

class ControlStore;

// One analysed interval of a module as the guard stored it: the interval's verdict with every metric's
// evidence (PromQL as sent, sample summaries, compared values, threshold, both verdicts) and the context it
// was judged in.
struct StoredInterval
{
    QString module;
    IntervalVerdict interval;
    int weightPercent = 0;      // V2's traffic share in that step
    qint64 stepEnteredAtMs = 0; // when that step began
    QString source;             // the metrics source ("Prometheus at …")
    QString decides;            // which verdict decided: thresholds, both, either
    QString recordedBy;
    QDateTime recordedAt; // UTC

    // The stored document, with who recorded it and when.
    QJsonObject toJson() const;
    // Every metric's evidence in words, one block per metric: the text of "why".
    QString why() const;
};

// The guard's evidence of analysed intervals in the control store: what it writes per interval, how it is
// read back for `cockpitctl rollout history` and the Rollout page, and its CSV shape. Blocking (the store).
class RolloutEvidence
{
public:
    struct Context
    {
        int weightPercent = 0;
        qint64 stepEnteredAtMs = 0;
        QString source;
        QString decides;
        QString recordedBy;
        QDateTime recordedAt;
    };
    // One record per interval of the verdict.
    static QList<EvidenceRecord> records(const ModuleVerdict &verdict, const Context &context);
    struct History
    {
        QList<StoredInterval> intervals;
        // Records that cannot be read (damaged, or written by a newer cockpit) are skipped and counted; the
        // first one is named.
        int unreadable = 0;
        QString firstUnreadable;
    };
    // The module's stored intervals ending in (fromMs, toMs], oldest first, the newest `limit`; fails
    // naming the store when it cannot be read.
    static Result<History> read(ControlStore &store, const QString &module, qint64 fromMs, qint64 toMs,
                                int limit);

    // One CSV row per interval and metric (an interval without metrics gets one row with empty metric
    // columns).
    static QStringList csvHeader();
    static QList<QStringList> csvRows(const StoredInterval &stored);
};

} // namespace Cockpit
