// SPDX-License-Identifier: MIT
#include "ui/state/deployment_state_page.h"

#include "common/logging.h"
#include "state/state_diff_engine.h"
#include "state/state_diff_report.h"
#include "ui/shell/data_table.h"
#include "ui/shell/display_path.h"
#include "ui/shell/theme.h"
#include "ui/state/record_compare_view.h"
#include "ui/state/state_diff_filter_proxy.h"
#include "ui/state/state_diff_model.h"
#include "ui/state/state_sync_panel.h"
#include "wiring/environment_session.h"

#include <QBrush>
#include <QCheckBox>
#include <QColor>
#include <QDateTime>
#include <QDir>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Cockpit {

namespace {

using ResultPtr = std::shared_ptr<const StateDiffResult>;

constexpr int DebounceMs = 400;

enum ChainTreeColumn
{
    ChainNameColumn,
    ChainHealthColumn,
    ChainDiffColumn,
    ChainLeveldbColumn,
    ChainJsonColumn,
    ChainColumnCount
};

QString percent(double value)
{
    return QLocale().toString(value, 'f', 1) + QStringLiteral(" %"); // "92,9 %" in German
}

} // namespace

DeploymentStatePage::DeploymentStatePage(EnvironmentSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_phaseSlot(new QWidget(this))
    , m_phaseLayout(new QVBoxLayout(m_phaseSlot))
    , m_sources(new QLabel(this))
    , m_status(new QLabel(this))
    , m_findings(new QLabel(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_syncButton(new QPushButton(tr("S&ync…"), this))
    , m_differencesOnly(new QCheckBox(tr("&Differences only"), this))
    , m_search(new QLineEdit(this))
    , m_chains(new QTreeWidget(this))
    , m_model(new StateDiffModel(this))
    , m_proxy(new StateDiffFilterProxy(this))
    , m_table(new DataTable(QStringLiteral("state/records"), tr("Records compared"), this))
    , m_compare(new RecordCompareView(this))
    , m_syncPanel(new StateSyncPanel(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("DeploymentStatePage"));
    m_phaseLayout->setContentsMargins(0, 0, 0, 0);
    m_phaseSlot->setObjectName(QStringLiteral("phaseSlot"));

    const StateConfig &state = m_session->config().state;
    m_sources->setText(
        tr("LevelDB: %1    JSON files: %2")
            .arg(DisplayPath::shorten(state.leveldbPath), DisplayPath::shorten(state.jsonDir)));
    m_sources->setToolTip(QDir::toNativeSeparators(state.leveldbPath) + QLatin1Char('\n')
                          + QDir::toNativeSeparators(state.jsonDir));
    m_sources->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sources->setWordWrap(true);
    m_findings->setWordWrap(true);
    m_findings->setTextFormat(Qt::PlainText);
    m_findings->setAccessibleName(tr("Diff findings"));
    m_status->setAccessibleName(tr("Diff status"));

    m_refreshButton->setAccessibleName(tr("Refresh diff"));
    m_refreshButton->setToolTip(tr("Compare the stores again (F5)"));
    m_syncButton->setAccessibleName(tr("Sync LevelDB to JSON"));
    m_syncButton->setToolTip(
        tr("Plan a sync LevelDB → JSON (dry run first; nothing is written until you apply)"));
    m_differencesOnly->setAccessibleName(tr("Show differences only"));
    m_search->setPlaceholderText(tr("Filter contracts…"));
    m_search->setAccessibleName(tr("Filter contracts by name"));
    m_search->setClearButtonEnabled(true);
    auto *refreshShortcut = new QShortcut(QKeySequence(Qt::Key_F5), this);
    connect(refreshShortcut, &QShortcut::activated, this, &DeploymentStatePage::refresh);

    m_chains->setColumnCount(ChainColumnCount);
    m_chains->setHeaderLabels({tr("Chain"), tr("Health"), tr("Differences"), tr("LevelDB"), tr("JSON")});
    // "All chains" is always expanded: no branch arrow, and the chains under it indented by two characters
    // only, so that their names keep the width.
    m_chains->setRootIsDecorated(false);
    m_chains->setItemsExpandable(false);
    m_chains->setIndentation(2 * fontMetrics().averageCharWidth());
    m_chains->setAccessibleName(tr("Chains"));
    // The numbers always fit; the chain names ("11155420  optimismsepolia  (drift)") take the rest and are
    // elided only when the window is too narrow for them (the full name leads their tooltip).
    m_chains->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_chains->header()->setSectionResizeMode(ChainNameColumn, QHeaderView::Stretch);
    m_chains->header()->setStretchLastSection(false);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::DisplayRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(StateDiffModel::ChainColumn, Qt::AscendingOrder);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTextElideMode(Qt::ElideMiddle); // contract paths and addresses: both ends tell
    m_table->horizontalHeader()->setSectionResizeMode(StateDiffModel::ContractColumn,
                                                      QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(StateDiffModel::ChainColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->setColumnWidth(StateDiffModel::ContractColumn, 230);
    m_table->setColumnWidth(StateDiffModel::StatusColumn, 120);
    m_table->setColumnWidth(StateDiffModel::NoteColumn, 240);
    // At least its header's width: a clipped "Differing fields" in the middle of the table reads as nothing.
    m_table->setColumnWidth(
        StateDiffModel::FieldsColumn,
        std::max(m_table->horizontalHeader()->sectionSizeHint(StateDiffModel::FieldsColumn),
                 m_table->columnWidth(StateDiffModel::FieldsColumn)));
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_refreshButton);
    toolbar->addWidget(m_syncButton);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_differencesOnly);
    toolbar->addWidget(m_search, 1);
    toolbar->addWidget(m_status);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_table);
    right->addWidget(m_compare);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->addWidget(m_chains);
    m_split->addWidget(right);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 3);
    m_split->setSizes({470, 930});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_phaseSlot);
    layout->addWidget(m_sources);
    layout->addLayout(toolbar);
    layout->addWidget(m_findings);
    layout->addWidget(m_split, 1);
    layout->addWidget(m_syncPanel);
    m_syncPanel->hide();
    m_syncPanel->setEnvironment(m_session->config());

    connect(m_refreshButton, &QPushButton::clicked, this, &DeploymentStatePage::refresh);
    connect(m_syncButton, &QPushButton::clicked, m_syncPanel, &StateSyncPanel::preview);
    connect(m_syncPanel, &StateSyncPanel::syncFinished, this, &DeploymentStatePage::refresh);
    connect(m_differencesOnly, &QCheckBox::toggled, m_proxy, &StateDiffFilterProxy::setDifferencesOnly);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &StateDiffFilterProxy::setText);
    connect(m_chains, &QTreeWidget::itemSelectionChanged, this, &DeploymentStatePage::onChainSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DeploymentStatePage::onRowSelected);
    connect(m_session, &EnvironmentSession::readOnlyChanged, this, &DeploymentStatePage::updateActions);

    // A deploy script writing beside the cockpit shows up by itself: changes are coalesced for DebounceMs.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &DeploymentStatePage::refresh);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_debounce, qOverload<>(&QTimer::start));
    rewatch();
    updateActions();
    refresh();
}

DeploymentStatePage::~DeploymentStatePage() = default;

void DeploymentStatePage::setPhaseStepper(QWidget *stepper)
{
    while (QLayoutItem *item = m_phaseLayout->takeAt(0)) {
        if (item->widget())
            item->widget()->hide();
        delete item;
    }
    if (stepper)
        m_phaseLayout->addWidget(stepper);
}

std::shared_ptr<const StateDiffResult> DeploymentStatePage::currentResult() const
{
    return m_model->result();
}

void DeploymentStatePage::refresh()
{
    const StateConfig state = m_session->config().state;
    m_status->setText(tr("Comparing…"));
    // The worker gets copies of the paths only, never the page or the session. A newer request drops this
    // one's result.
    m_diff.start(
        [state](const JobToken &) {
            return std::make_shared<const StateDiffResult>(
                StateDiffEngine::run(state.leveldbPath, state.jsonDir, state.networks));
        },
        [this](const ResultPtr &result) { applyResult(result); }, JobStart::SkipIfCancelled);
}

void DeploymentStatePage::applyResult(std::shared_ptr<const StateDiffResult> result)
{
    const QString selectedKey = [&] {
        const QModelIndex current = m_table->currentIndex();
        const DiffEntry *e =
            current.isValid() ? m_model->entry(m_proxy->mapToSource(current).row()) : nullptr;
        return e ? e->key() : QString();
    }();
    m_model->setResult(result);
    fillChainTree(*result);
    QStringList lines;
    for (const Text &finding : StateDiffReport::findings(*result))
        lines.append(finding.shown());
    for (const StateError &e : result->errors)
        lines.append(tr("Error: %1").arg(e.describe()));
    for (const QString &note : result->notes)
        lines.append(tr("Note: %1").arg(note));
    m_findings->setText(lines.join(QLatin1Char('\n')));
    m_status->setText(
        tr("Compared at %1 UTC").arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("HH:mm:ss"))));
    // Keep the operator's place across refreshes.
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, StateDiffModel::ContractColumn);
        const DiffEntry *e = m_model->entry(m_proxy->mapToSource(index).row());
        if (e && e->key() == selectedKey) {
            m_table->setCurrentIndex(index);
            break;
        }
    }
    onRowSelected();
    rewatch();
    emit diffUpdated();
}

void DeploymentStatePage::fillChainTree(const StateDiffResult &result)
{
    const QVariant selected =
        m_chains->currentItem() ? m_chains->currentItem()->data(0, Qt::UserRole) : QVariant();
    QSignalBlocker block(m_chains);
    m_chains->clear();
    const DiffSummary &s = result.summary;
    auto *all = new QTreeWidgetItem(m_chains);
    all->setText(ChainNameColumn, tr("All chains"));
    QFont bold = m_chains->font();
    bold.setBold(true);
    for (int column = 0; column < ChainColumnCount; ++column)
        all->setFont(column, bold);
    all->setText(ChainLeveldbColumn, QString::number(s.leveldbRecords));
    all->setText(ChainJsonColumn, QString::number(s.jsonRecords));
    all->setText(ChainDiffColumn,
                 QString::number(s.onlyInLeveldb + s.onlyInLeveldbNoJsonFile + s.onlyInJson + s.mismatched));
    all->setText(ChainHealthColumn, percent(s.dataHealthPercent()));
    QTreeWidgetItem *toSelect = all;
    for (const ChainSummary &c : result.chains) {
        auto *item = new QTreeWidgetItem(all);
        item->setData(0, Qt::UserRole, c.chainId);
        QString name = QStringLiteral("%1  %2").arg(c.chainId).arg(c.network);
        // Short markers in the tree, the full explanation in the tooltip.
        QString tip = c.hasJsonFile ? c.jsonFile : tr("No JSON file for this chain");
        if (!c.hasJsonFile) {
            name += tr("  (no file)");
        } else if (c.networkNameDrift) {
            name += tr("  (drift)");
            tip +=
                QLatin1Char('\n')
                + tr("LevelDB networkName values: %1").arg(c.leveldbNetworkNames.join(QLatin1String(", ")));
        }
        item->setText(ChainNameColumn, name);
        item->setText(ChainLeveldbColumn, QString::number(c.leveldbRecords));
        item->setText(ChainJsonColumn, QString::number(c.jsonRecords));
        item->setText(ChainDiffColumn, QString::number(c.onlyInLeveldb + c.onlyInJson + c.mismatched));
        // The percentage alone keeps the column narrow; the count is in the tooltip, the colour flags it.
        item->setText(ChainHealthColumn, percent(c.healthPercent()));
        if (c.healthy != c.checked) {
            item->setForeground(ChainHealthColumn, Theme::text(Theme::Tone::Bad, palette()));
            item->setToolTip(
                ChainHealthColumn,
                tr("%1 of %2 records fail validation").arg(c.checked - c.healthy).arg(c.checked));
        } else {
            item->setToolTip(ChainHealthColumn, tr("All %1 records pass validation").arg(c.checked));
        }
        item->setToolTip(ChainNameColumn, name + QLatin1Char('\n') + tip);
        if (selected.isValid() && selected.toLongLong() == c.chainId)
            toSelect = item;
    }
    m_chains->expandAll();
    m_chains->setCurrentItem(toSelect);
    fitChainTreeWidth();
}

void DeploymentStatePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // A result that arrived while the page was hidden is fitted now that the splitter has its real width.
    if (m_chains->topLevelItemCount() > 0)
        fitChainTreeWidth();
}

void DeploymentStatePage::fitChainTreeWidth()
{
    if (m_chainWidthFitted || !m_split->isVisible())
        return;
    m_chainWidthFitted = true;
    const QList<int> sizes = m_split->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    int needed = 2 * m_chains->frameWidth() + m_chains->verticalScrollBar()->sizeHint().width();
    // The name column stretches: what it needs is its contents' width, not its current size.
    const QAbstractItemView *view = m_chains; // sizeHintForColumn is public there, protected in QTreeView
    needed += std::max(view->sizeHintForColumn(ChainNameColumn),
                       m_chains->header()->sectionSizeHint(ChainNameColumn));
    for (int column = ChainNameColumn + 1; column < m_chains->columnCount(); ++column)
        needed += m_chains->header()->sectionSize(column);
    // At most 56 %: the records table, the page's main content, keeps its chain, contract and status.
    const int width = std::min(needed, total * 56 / 100);
    if (width > sizes.value(0))
        m_split->setSizes({width, total - width});
}

void DeploymentStatePage::onChainSelected()
{
    QTreeWidgetItem *item = m_chains->currentItem();
    const QVariant chain = item ? item->data(0, Qt::UserRole) : QVariant();
    m_proxy->setChain(chain.isValid() ? std::optional<qint64>(chain.toLongLong()) : std::nullopt);
}

void DeploymentStatePage::onRowSelected()
{
    const QModelIndex current = m_table->currentIndex();
    m_compare->showEntry(current.isValid() ? m_model->entry(m_proxy->mapToSource(current).row()) : nullptr);
}

void DeploymentStatePage::rewatch()
{
    const StateConfig &state = m_session->config().state;
    // Atomic writes replace files by rename, which drops them from the watcher: watch the folders (new,
    // renamed, removed files) and re-add the files after every refresh.
    QStringList wanted;
    for (const QString &dir : {state.leveldbPath, state.jsonDir}) {
        if (QFileInfo(dir).isDir())
            wanted.append(dir);
    }
    const QDir json(state.jsonDir);
    for (const QString &name : json.entryList({QStringLiteral("*.json")}, QDir::Files))
        wanted.append(json.filePath(name));
    QStringList missing;
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    for (const QString &path : wanted) {
        if (!watched.contains(path))
            missing.append(path);
    }
    if (!missing.isEmpty())
        m_watcher->addPaths(missing);
}

void DeploymentStatePage::updateActions()
{
    const bool readOnly = m_session->isReadOnly();
    m_syncButton->setEnabled(!readOnly);
    m_syncButton->setToolTip(readOnly ? tr("The environment is read-only")
                                      : tr("Plan a sync LevelDB → JSON (dry run first)"));
    m_syncPanel->setReadOnly(readOnly);
}

} // namespace Cockpit
