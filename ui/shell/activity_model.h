// SPDX-License-Identifier: MIT
#pragma once

#include "wiring/environment_session.h"

#include <QAbstractTableModel>
#include <QList>

namespace Cockpit {

// The background events of every environment opened in this window, newest first: what the Activity panel
// lists instead of a terminal full of log lines. An event that repeats the one of the same source just
// before it (the same message every interval) is counted on that row instead of added. Bounded; UI thread
// only.
class ActivityModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        SeverityColumn,
        SourceColumn,
        EventColumn,
        ColumnCount
    };
    enum Role
    {
        SeverityRole = Qt::UserRole + 1, // ActivityEvent::Severity as int
        SourceRole,                      // the source without the environment
    };

    static constexpr int DefaultMaxRows = 5000;

    explicit ActivityModel(int maxRows = DefaultMaxRows, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds the event of `environment`; returns false when it only counted a repeat.
    bool add(const QString &environment, const ActivityEvent &event);
    // Events added since markSeen() that are warnings or worse (the status bar's count).
    int unseenWarnings() const { return m_unseenWarnings; }
    void markSeen();

    static QString severityName(ActivityEvent::Severity severity);

signals:
    void unseenWarningsChanged(int count);

private:
    struct Row
    {
        QString environment;
        ActivityEvent event;
        qint64 firstMs = 0;
        int repeats = 1;
    };

    int m_maxRows;
    QList<Row> m_rows;
    int m_unseenWarnings = 0;
};

} // namespace Cockpit
