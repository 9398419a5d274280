// SPDX-License-Identifier: MIT
#pragma once

#include "guard/rollout_evidence.h"
#include "rollout/rollout_verdict.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Cockpit {

// Analysed intervals of every module, newest first, each with its evidence so "why did it fail" can be read
// from the table (tooltip and DetailsRole: every threshold with both values, and for the guard's stored
// intervals the queries and samples too). Bounded; UI thread only.
class AnalysisHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        ModuleColumn,
        StatusColumn,
        JudgeColumn, // the statistical judge beside the thresholds
        EvidenceColumn,
        ColumnCount
    };
    enum Role
    {
        StatusRole = Qt::UserRole + 1,
        DetailsRole, // the row's "why": every metric's evidence in words
    };

    static constexpr int DefaultMaxRows = 2000;

    explicit AnalysisHistoryModel(int maxRows = DefaultMaxRows, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds the intervals of `verdict` newer than the module's last recorded one; returns how many.
    int addVerdict(const ModuleVerdict &verdict);
    // Adds the guard's stored intervals newer than the module's last recorded one, each with its "why", and
    // updates those shown already that were judged again; returns how many were added.
    int addStored(const QList<StoredInterval> &intervals);
    // The end of the module's newest interval in the table (0: none yet).
    qint64 lastIntervalEnd(const QString &module) const;
    // A failed analysis is history too: the row says the metrics were unavailable and nothing was decided.
    void addFailure(const QString &module, qint64 atMs, const QString &message);

    // The judge's column: each metric it finds shifted the bad way (↑/↓, the shift and its interval), else
    // pass or no data.
    static QString judgeSummary(const QList<MetricEvidence> &evidence);

private:
    struct Row
    {
        QString module;
        qint64 toMs = 0;
        QString status;
        int statusCode = -1;
        QString judge;
        QString evidence;
        QString details;
    };

    static Row rowFor(const QString &module, const IntervalVerdict &interval);
    void prepend(const QList<Row> &rows);

    int m_maxRows;
    QList<Row> m_rows;
    QHash<QString, qint64> m_lastToMs;
};

} // namespace Cockpit
