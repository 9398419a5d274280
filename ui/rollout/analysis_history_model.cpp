// SPDX-License-Identifier: MIT
#include "ui/rollout/analysis_history_model.h"

#include "common/utc_time.h"
#include "ui/rollout/rollout_module_model.h"

#include <QLocale>

#include <algorithm>

namespace Cockpit {

AnalysisHistoryModel::AnalysisHistoryModel(int maxRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxRows(std::max(1, maxRows))
{}

int AnalysisHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AnalysisHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AnalysisHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == StatusRole)
        return row.statusCode;
    if (role == Qt::ToolTipRole || role == DetailsRole)
        return row.details;
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case TimeColumn:
        // In UTC to the second, as every other table, the exports and the audit log show times.
        return UtcTime::text(row.toMs);
    case ModuleColumn:
        return row.module;
    case StatusColumn:
        return row.status;
    case JudgeColumn:
        return row.judge;
    case EvidenceColumn:
        return row.evidence;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AnalysisHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case TimeColumn:
        return tr("Interval end (UTC)");
    case ModuleColumn:
        return tr("Module");
    case StatusColumn:
        return tr("Verdict");
    case JudgeColumn:
        return tr("Judge");
    case EvidenceColumn:
        return tr("Evidence");
    case ColumnCount:
        break;
    }
    return {};
}

QString AnalysisHistoryModel::judgeSummary(const QList<MetricEvidence> &evidence)
{
    // The metrics the judge finds shifted the bad way, with the shift and its interval; "pass" when none is.
    // Without a judgement of any metric the interval held too few samples a side for the test (the
    // thresholds may still have decided it), which is not the same as having no data.
    QStringList shifted;
    int judged = 0;
    for (const MetricEvidence &e : evidence) {
        if (!e.judge || e.judge->verdict == MannWhitney::Verdict::NoData)
            continue;
        ++judged;
        if (!e.judgeFailing)
            continue;
        shifted << QStringLiteral("%1 %2 %3 [%4, %5]")
                       .arg(e.metric, e.judge->verdict == MannWhitney::Verdict::High ? QStringLiteral("↑")
                                                                                     : QStringLiteral("↓"))
                       .arg(e.judge->estimate, 0, 'g', 4)
                       .arg(e.judge->ciLow, 0, 'g', 4)
                       .arg(e.judge->ciHigh, 0, 'g', 4);
    }
    if (!shifted.isEmpty())
        return shifted.join(QLatin1String(", "));
    return judged > 0 ? tr("pass") : tr("too few samples");
}

AnalysisHistoryModel::Row AnalysisHistoryModel::rowFor(const QString &module, const IntervalVerdict &interval)
{
    Row row;
    row.module = module;
    row.toMs = interval.toMs;
    row.status = RolloutModuleModel::statusText(interval.status);
    row.statusCode = static_cast<int>(interval.status);
    QStringList shortEvidence;
    QStringList details;
    for (const MetricEvidence &e : interval.evidence) {
        details << e.describe();
        if (e.failing || e.inconclusive || interval.status == VerdictStatus::Pass)
            shortEvidence << e.threshold + QLatin1Char(' ')
                                 + (e.observedPercent
                                        ? QLocale().toString(*e.observedPercent, 'f', 1) + QLatin1String(" %")
                                        : tr("no data"))
                                 + QLatin1String(" / ") + QLocale().toString(e.thresholdPercent, 'g', 6)
                                 + QLatin1String(" %");
    }
    row.evidence = shortEvidence.join(QLatin1String(", "));
    row.judge = judgeSummary(interval.evidence);
    row.details = details.join(QLatin1Char('\n'));
    return row;
}

int AnalysisHistoryModel::addVerdict(const ModuleVerdict &verdict)
{
    const qint64 last = m_lastToMs.value(verdict.module, 0);
    QList<Row> rows;
    for (const IntervalVerdict &interval : verdict.intervals) {
        if (interval.toMs > last)
            rows.prepend(rowFor(verdict.module, interval)); // newest first
    }
    if (rows.isEmpty())
        return 0;
    m_lastToMs.insert(verdict.module, verdict.intervals.last().toMs);
    prepend(rows);
    return static_cast<int>(rows.size());
}

int AnalysisHistoryModel::addStored(const QList<StoredInterval> &intervals)
{
    int added = 0;
    for (const StoredInterval &stored : intervals) {
        Row row = rowFor(stored.module, stored.interval);
        row.details = stored.why();
        if (stored.interval.toMs <= m_lastToMs.value(stored.module, 0)) {
            // Read again: the guard may have judged it again since (data that arrived late).
            for (int i = 0; i < m_rows.size(); ++i) {
                Row &existing = m_rows[i];
                if (existing.module != row.module || existing.toMs != row.toMs)
                    continue;
                if (existing.status != row.status || existing.details != row.details) {
                    existing = row;
                    emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
                }
                break;
            }
            continue;
        }
        m_lastToMs.insert(stored.module, stored.interval.toMs);
        // Modules arrive one after the other: each row goes where its time puts it, newest first.
        const auto at =
            std::find_if(m_rows.cbegin(), m_rows.cend(), [&](const Row &r) { return r.toMs < row.toMs; });
        const int index = static_cast<int>(at - m_rows.cbegin());
        beginInsertRows(QModelIndex(), index, index);
        m_rows.insert(index, row);
        endInsertRows();
        ++added;
    }
    if (m_rows.size() > m_maxRows) {
        beginRemoveRows(QModelIndex(), m_maxRows, static_cast<int>(m_rows.size()) - 1);
        m_rows.resize(m_maxRows);
        endRemoveRows();
    }
    return added;
}

qint64 AnalysisHistoryModel::lastIntervalEnd(const QString &module) const
{
    return m_lastToMs.value(module, 0);
}

void AnalysisHistoryModel::addFailure(const QString &module, qint64 atMs, const QString &message)
{
    Row row;
    row.module = module;
    row.toMs = atMs;
    row.status = tr("no verdict");
    row.evidence = message;
    row.details = message + QLatin1Char('\n') + tr("Nothing was rolled back.");
    prepend({row});
}

void AnalysisHistoryModel::prepend(const QList<Row> &rows)
{
    beginInsertRows(QModelIndex(), 0, static_cast<int>(rows.size()) - 1);
    m_rows = rows + m_rows;
    endInsertRows();
    if (m_rows.size() > m_maxRows) {
        beginRemoveRows(QModelIndex(), m_maxRows, static_cast<int>(m_rows.size()) - 1);
        m_rows.resize(m_maxRows);
        endRemoveRows();
    }
}

} // namespace Cockpit
