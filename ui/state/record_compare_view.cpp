// SPDX-License-Identifier: MIT
#include "ui/state/record_compare_view.h"

#include "state/record_converter.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Cockpit {

namespace {

enum CompareColumn
{
    MarkColumn,
    FieldColumn,
    LeveldbColumn,
    JsonColumn,
    CompareColumnCount
};

} // namespace

RecordCompareView::RecordCompareView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_table(new QTableWidget(0, CompareColumnCount, this))
{
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({QString(), tr("Field"), tr("LevelDB"), tr("JSON file")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(MarkColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(FieldColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LeveldbColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(JsonColumn, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Record compared side by side"));
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setTextElideMode(Qt::ElideMiddle);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_table);
    showEntry(nullptr);
}

void RecordCompareView::showEntry(const DiffEntry *entry)
{
    m_table->setRowCount(0);
    if (!entry) {
        m_title->setText(tr("Select a record to compare the two stores."));
        return;
    }
    m_title->setText(tr("%1 on chain %2").arg(toQString(entry->contractName)).arg(entry->chainId));
    struct Row
    {
        QString field;
        QString leveldb;
        QString json;
        bool differs;
    };
    QList<Row> rows;
    const std::optional<JsonDeploymentFile::Entry> fromLeveldb =
        entry->leveldb ? std::optional(RecordConverter::toJsonEntry(*entry->leveldb)) : std::nullopt;
    auto text = [](const std::optional<std::string> &s) {
        return s ? QString::fromStdString(*s) : QString();
    };
    const QString absent = tr("(absent)");
    auto side = [&](bool present, const QString &value) {
        return present ? value : absent;
    };
    const std::optional<JsonDeploymentFile::Entry> json = entry->jsonEntry();
    rows.append({tr("implementation"),
                 side(fromLeveldb.has_value(),
                      fromLeveldb ? QString::fromStdString(fromLeveldb->implementation) : QString()),
                 side(json.has_value(), json ? QString::fromStdString(json->implementation) : QString()),
                 entry->fields.contains(QLatin1String("implementation"))});
    rows.append(
        {tr("proxy"),
         side(fromLeveldb.has_value(), fromLeveldb ? QString::fromStdString(fromLeveldb->proxy) : QString()),
         side(json.has_value(), json ? QString::fromStdString(json->proxy) : QString()),
         entry->fields.contains(QLatin1String("proxy"))});
    rows.append(
        {tr("implementationHash"),
         side(fromLeveldb.has_value(), fromLeveldb ? text(fromLeveldb->implementationHash) : QString()),
         side(json.has_value(), json ? text(json->implementationHash) : QString()),
         entry->fields.contains(QLatin1String("implementationHash"))});
    rows.append({tr("network"),
                 side(entry->leveldb.has_value(),
                      entry->leveldb ? toQString(entry->leveldb->networkName()) : QString()),
                 side(entry->chainHasJsonFile, entry->jsonNetwork), entry->networkNameDrift});
    if (entry->leveldb) {
        rows.append(
            {tr("factoryByteCodeHash"), toQString(entry->leveldb->factoryByteCodeHash()), QString(), false});
        rows.append({tr("timestamp"), QString::number(entry->leveldb->timestampMs()), QString(), false});
        const JsonValue json = entry->leveldb->json();
        if (const JsonValue *args = json.find("deploymentArgs"))
            rows.append({tr("deploymentArgs"), QString::fromStdString(args->serialize()), QString(), false});
    }
    if (!entry->mentionedAs.isEmpty())
        rows.append({tr("named in JSON"), QString(), entry->mentionedAs, false});
    for (const QString &problem : entry->healthProblems)
        rows.append({tr("health"), problem, QString(), true});

    m_table->setRowCount(int(rows.size()));
    const QColor highlight(0xff, 0xe8, 0xb0);
    for (int r = 0; r < rows.size(); ++r) {
        const Row &row = rows.at(r);
        const QString values[] = {row.differs ? QStringLiteral("≠") : QString(), row.field, row.leveldb,
                                  row.json};
        for (int c = 0; c < CompareColumnCount; ++c) {
            auto *item = new QTableWidgetItem(values[c]);
            item->setToolTip(values[c]);
            if (row.differs)
                item->setBackground(highlight);
            if (c == MarkColumn && row.differs)
                item->setData(Qt::AccessibleTextRole, tr("differs"));
            m_table->setItem(r, c, item);
        }
    }
}

QStringList RecordCompareView::differingFields() const
{
    QStringList out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->item(r, MarkColumn) && !m_table->item(r, MarkColumn)->text().isEmpty())
            out.append(m_table->item(r, FieldColumn)->text());
    }
    return out;
}

} // namespace Cockpit
