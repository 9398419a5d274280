// SPDX-License-Identifier: MIT
#include "ui/state/state_diff_model.h"

#include "ui/shell/theme.h"

#include <QBrush>
#include <QGuiApplication>

namespace Cockpit {

StateDiffModel::StateDiffModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void StateDiffModel::setResult(std::shared_ptr<const StateDiffResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

const DiffEntry *StateDiffModel::entry(int row) const
{
    if (!m_result || row < 0 || row >= int(m_result->entries.size()))
        return nullptr;
    return &m_result->entries[std::size_t(row)];
}

int StateDiffModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_result)
        return 0;
    return int(m_result->entries.size());
}

int StateDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString StateDiffModel::statusText(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Equal:
        return tr("Equal");
    case DiffStatus::OnlyInLeveldb:
        return tr("Only in LevelDB");
    case DiffStatus::OnlyInJson:
        return tr("Only in JSON");
    case DiffStatus::Mismatch:
        return tr("Mismatch");
    }
    return QString();
}

QVariant StateDiffModel::data(const QModelIndex &index, int role) const
{
    const DiffEntry *e = index.isValid() ? entry(index.row()) : nullptr;
    if (!e)
        return {};
    switch (role) {
    case ChainIdRole:
        return e->chainId;
    case StatusRole:
        return int(e->status);
    case HealthyRole:
        return e->healthProblems.isEmpty();
    case EntryIndexRole:
        return index.row();
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case ChainColumn:
            return e->chainId;
        case ContractColumn:
            return toQString(e->contractName);
        case StatusColumn:
            // Text, not colour alone: the status reads the same for every reader.
            return statusText(e->status);
        case FieldsColumn:
            return e->fields.join(QLatin1String(", "));
        case NoteColumn: {
            QStringList notes;
            if (!e->chainHasJsonFile)
                notes.append(tr("chain has no JSON file"));
            if (!e->mentionedAs.isEmpty())
                notes.append(tr("named by proxy in %1").arg(e->mentionedAs));
            if (e->networkNameDrift)
                notes.append(tr("network \"%1\" vs \"%2\"").arg(e->leveldbNetwork, e->jsonNetwork));
            return notes.join(QLatin1String("; "));
        }
        case HealthColumn:
            if (role == Qt::ToolTipRole && !e->healthProblems.isEmpty())
                return e->healthProblems.join(QLatin1Char('\n'));
            return e->healthProblems.isEmpty() ? tr("OK") : tr("Invalid: %1").arg(e->healthProblems.first());
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == HealthColumn && !e->healthProblems.isEmpty())
            return QBrush(Theme::text(Theme::Tone::Bad, QGuiApplication::palette()));
        if (index.column() == StatusColumn && e->status != DiffStatus::Equal)
            return QBrush(Theme::text(Theme::Tone::Warning, QGuiApplication::palette()));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ChainColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant StateDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case ChainColumn:
        return tr("Chain");
    case ContractColumn:
        return tr("Contract");
    case StatusColumn:
        return tr("Status");
    case FieldsColumn:
        return tr("Differing fields");
    case NoteColumn:
        return tr("Notes");
    case HealthColumn:
        return tr("Health");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Cockpit
