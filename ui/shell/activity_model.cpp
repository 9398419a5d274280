// SPDX-License-Identifier: MIT
#include "ui/shell/activity_model.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace Cockpit {

namespace {

// How far back a repeat is looked for: the same message from the same source among the newest rows.
constexpr int RepeatWindow = 20;

} // namespace

ActivityModel::ActivityModel(int maxRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxRows(std::max(1, maxRows))
{}

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ActivityModel::severityName(ActivityEvent::Severity severity)
{
    switch (severity) {
    case ActivityEvent::Severity::Info:
        return tr("info");
    case ActivityEvent::Severity::Warning:
        return tr("warning");
    case ActivityEvent::Severity::Critical:
        return tr("critical");
    }
    return QString();
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case SeverityRole:
        return static_cast<int>(row.event.severity);
    case SourceRole:
        return row.event.source;
    case Qt::ToolTipRole:
        if (row.repeats > 1)
            return tr("%1\n%n time(s) since %2", "", row.repeats)
                .arg(row.event.text,
                     QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.firstMs), QLocale::LongFormat));
        return row.event.text;
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (static_cast<Column>(index.column())) {
    case TimeColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.event.atMs), QStringLiteral("HH:mm:ss"));
    case SeverityColumn:
        return severityName(row.event.severity);
    case SourceColumn:
        return row.environment.isEmpty() ? row.event.source
                                         : row.environment + QStringLiteral(" · ") + row.event.source;
    case EventColumn:
        return row.repeats > 1 ? tr("%1 (×%2)").arg(row.event.text).arg(row.repeats) : row.event.text;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case TimeColumn:
        return tr("Time");
    case SeverityColumn:
        return tr("Severity");
    case SourceColumn:
        return tr("Source");
    case EventColumn:
        return tr("Event");
    case ColumnCount:
        break;
    }
    return {};
}

bool ActivityModel::add(const QString &environment, const ActivityEvent &event)
{
    const bool warning = event.severity != ActivityEvent::Severity::Info;
    const int window = std::min(RepeatWindow, static_cast<int>(m_rows.size()));
    for (int i = 0; i < window; ++i) {
        Row &row = m_rows[i];
        if (row.environment != environment || row.event.source != event.source)
            continue;
        if (row.event.text != event.text || row.event.severity != event.severity)
            break; // the source said something else since: a new row
        ++row.repeats;
        row.event.atMs = event.atMs;
        // Newest first: the repeated row moves to the top.
        if (i > 0) {
            beginMoveRows(QModelIndex(), i, i, QModelIndex(), 0);
            m_rows.move(i, 0);
            endMoveRows();
        }
        emit dataChanged(index(0, 0), index(0, ColumnCount - 1));
        return false;
    }
    beginInsertRows(QModelIndex(), 0, 0);
    m_rows.prepend({environment, event, event.atMs, 1});
    endInsertRows();
    if (m_rows.size() > m_maxRows) {
        beginRemoveRows(QModelIndex(), m_maxRows, static_cast<int>(m_rows.size()) - 1);
        m_rows.resize(m_maxRows);
        endRemoveRows();
    }
    if (warning) {
        ++m_unseenWarnings;
        emit unseenWarningsChanged(m_unseenWarnings);
    }
    return true;
}

void ActivityModel::markSeen()
{
    if (m_unseenWarnings == 0)
        return;
    m_unseenWarnings = 0;
    emit unseenWarningsChanged(0);
}

} // namespace Cockpit
