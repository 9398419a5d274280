// SPDX-License-Identifier: MIT
#include "ui/reconcile/discrepancy_panel.h"

#include "reconcile/discrepancy_exporter.h"
#include "reconcile/live_reconciler.h"
#include "reconcile/reconcile_connection.h"
#include "reconcile/reconcile_job.h"
#include "reconcile/reconcile_schema.h"
#include "ui/reconcile/discrepancy_charts.h"
#include "ui/reconcile/discrepancy_model.h"
#include "ui/reconcile/discrepancy_proxy_model.h"
#include "ui/reconcile/run_stream_model.h"
#include "ui/shell/data_table.h"
#include "ui/shell/elided_label.h"
#include "ui/shell/theme.h"
#include "wiring/environment_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Cockpit {

namespace {

ReconcileStorage reconcileStorage(const EnvironmentSession *session)
{
    return ReconcileStorage::of(session->config().ledger, session->config().filePath);
}

DiscrepancyPanel::ChartData readChartData(const ReconcileStorage &storage)
{
    DiscrepancyPanel::ChartData data;
    ReconcileConnection connection(storage, QStringLiteral("reconcile-charts"));
    if (Result<void> opened = connection.open(); !opened)
        return {{}, {}, opened.error().message};
    const Result<bool> present = connection.prepareTables();
    if (!present)
        return {{}, {}, present.error().message};
    if (!*present)
        return {};
    DiscrepancyStore store(connection.database(), connection.dialect(), connection.describe());
    const qint64 day = 24 * 3600 * 1000;
    if (auto h = store.openHistory(QDateTime::currentMSecsSinceEpoch() - day))
        data.history = *h;
    else
        data.error = h.error().message;
    if (auto t = store.openByAccountType())
        data.byType = *t;
    else
        data.error = t.error().message;
    return data;
}

// The stored and the streamed table look alike; the record's own columns come first in both models.
DataTable *discrepancyTable(QAbstractItemModel *model, const QString &settingsKey,
                            const QString &accessibleName, QWidget *parent)
{
    auto *table = new DataTable(settingsKey, accessibleName, parent);
    table->setModel(model);
    table->setActivateText(DiscrepancyPanel::tr("&Look Up User"));
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setColumnWidth(RunStreamModel::User, 160);
    table->setColumnWidth(RunStreamModel::AccountType, 140);
    table->setColumnWidth(RunStreamModel::LegacyColumn, 150);
    for (int c : {int(RunStreamModel::Ledger), int(RunStreamModel::Legacy), int(RunStreamModel::Difference)})
        table->setColumnWidth(c, 130);
    return table;
}

Money toleranceOf(const EnvironmentSession *session)
{
    return Money::parse(session->config().ledger.tolerance).value_or(Money::fromMicros(10000));
}

} // namespace

DiscrepancyPanel::DiscrepancyPanel(EnvironmentSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    m_model = new DiscrepancyModel(reconcileStorage(session), this);
    m_proxy = new DiscrepancyProxyModel(this);
    m_proxy->setSourceModel(m_model);
    buildUi();
    connect(m_model, &DiscrepancyModel::countChanged, this, [this](qint64 count) {
        m_count->setText(
            tr("%Ln discrepancies match the filter", nullptr, int(qMin<qint64>(count, INT_MAX))));
    });
    connect(m_model, &DiscrepancyModel::errorOccurred, this,
            [this](const QString &e) { onBackend(false, e); });
    refreshCharts();
}

DiscrepancyPanel::~DiscrepancyPanel()
{
    if (m_running)
        m_run->context()->cancel(); // thread-safe: interrupts the statement the database is running
    setLive(false);
}

void DiscrepancyPanel::buildUi()
{
    m_runButton = new QPushButton(tr("&Run reconciliation now"), this);
    m_runButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runButton->setToolTip(tr("Compare every ledger balance with the legacy table (Ctrl+R)"));
    m_runButton->setAccessibleName(tr("Run reconciliation now"));
    m_cancelButton = new QPushButton(tr("&Cancel"), this);
    m_cancelButton->setAccessibleName(tr("Cancel the reconciliation run"));
    m_cancelButton->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setAccessibleName(tr("Reconciliation progress"));
    m_progress->setMinimumWidth(160);
    m_eta = new QLabel(this);
    m_eta->setMinimumWidth(90);
    m_liveBox = new QCheckBox(tr("&Live"), this);
    m_liveBox->setToolTip(tr("Re-check changed users continuously"));
    m_liveBox->setAccessibleName(tr("Live reconciliation"));
    m_backend = new ElidedLabel(this, Qt::ElideRight);
    m_backend->setAccessibleName(tr("Database status"));
    m_summary = new QLabel(tr("No run yet in this session."), this);
    m_summary->setWordWrap(true);
    // A wrapped message (a failed run's reason) gets the lines it needs instead of being squeezed.
    m_summary->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_summary->setAccessibleName(tr("Last run"));
    m_count = new QLabel(this);

    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress, 1);
    runRow->addWidget(m_eta);
    runRow->addSpacing(12);
    runRow->addWidget(m_liveBox);
    runRow->addSpacing(12);
    runRow->addWidget(m_backend);

    m_userFilter = new QLineEdit(this);
    m_userFilter->setPlaceholderText(tr("User id contains…"));
    m_userFilter->setAccessibleName(tr("Filter by user"));
    m_userFilter->setClearButtonEnabled(true);
    m_typeFilter = new QComboBox(this);
    m_typeFilter->setAccessibleName(tr("Filter by account type"));
    m_typeFilter->addItem(tr("All account types"), QString());
    for (const AccountMapping &m : m_session->config().ledger.mapping)
        m_typeFilter->addItem(m.accountType, m.accountType);
    m_minAmount = new QLineEdit(this);
    m_minAmount->setPlaceholderText(tr("min"));
    m_minAmount->setAccessibleName(tr("Smallest absolute difference"));
    m_maxAmount = new QLineEdit(this);
    m_maxAmount->setPlaceholderText(tr("max"));
    m_maxAmount->setAccessibleName(tr("Largest absolute difference"));
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setAccessibleName(tr("Filter by status"));
    m_statusFilter->addItem(tr("Open"), int(DiscrepancyFilter::Status::Open));
    m_statusFilter->addItem(tr("Resolved"), int(DiscrepancyFilter::Status::Resolved));
    m_statusFilter->addItem(tr("Open and resolved"), int(DiscrepancyFilter::Status::Any));
    m_exportCsv = new QPushButton(tr("Export C&SV…"), this);
    m_exportCsv->setAccessibleName(tr("Export the filtered discrepancies as CSV"));
    m_exportJson = new QPushButton(tr("Export &JSON…"), this);
    m_exportJson->setAccessibleName(tr("Export the filtered discrepancies as JSON"));

    // Two rows, so that the filters keep their width on a 1024 px wide window, in German too.
    m_filterBar = new QWidget(this);
    auto *filterRows = new QVBoxLayout(m_filterBar);
    filterRows->setContentsMargins(0, 0, 0, 0);
    auto *filterRow = new QHBoxLayout;
    auto *exportRow = new QHBoxLayout;
    filterRows->addLayout(filterRow);
    filterRows->addLayout(exportRow);
    auto *userLabel = new QLabel(tr("&User:"), this);
    userLabel->setBuddy(m_userFilter);
    filterRow->addWidget(userLabel);
    filterRow->addWidget(m_userFilter, 2);
    filterRow->addWidget(m_typeFilter, 1);
    auto *amountLabel = new QLabel(tr("&Amount:"), this);
    amountLabel->setBuddy(m_minAmount);
    filterRow->addWidget(amountLabel);
    filterRow->addWidget(m_minAmount, 1);
    filterRow->addWidget(new QLabel(QStringLiteral("–"), this));
    filterRow->addWidget(m_maxAmount, 1);
    filterRow->addWidget(m_statusFilter);
    exportRow->addWidget(m_count);
    exportRow->addStretch();
    exportRow->addWidget(m_exportCsv);
    exportRow->addWidget(m_exportJson);

    m_table = discrepancyTable(m_proxy, QStringLiteral("reconcile/discrepancies"), tr("Discrepancies"), this);
    m_table->setSortingEnabled(true);
    connect(m_table, &DataTable::openRequested, this, [this](const QModelIndex &index) {
        emit userActivated(index.sibling(index.row(), DiscrepancyModel::User).data().toString());
    });
    m_table->horizontalHeader()->setSortIndicator(DiscrepancyModel::Difference, Qt::DescendingOrder);
    for (int c : {int(DiscrepancyModel::FirstSeen), int(DiscrepancyModel::LastSeen)})
        m_table->setColumnWidth(
            c, m_table->fontMetrics().horizontalAdvance(QStringLiteral("2026-11-22 01:44:00")) + 16);

    // Page 0: the stored discrepancies; page 1: what the running run has found so far.
    m_views = new QStackedWidget(this);
    m_views->addWidget(m_table);
    m_views->addWidget(buildStreamView());

    m_charts = new DiscrepancyCharts(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_views);
    splitter->addWidget(m_charts);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(runRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_filterBar);
    layout->addWidget(splitter, 1);

    m_etaTimer = new QTimer(this);
    m_etaTimer->setInterval(250);
    connect(m_etaTimer, &QTimer::timeout, this, &DiscrepancyPanel::updateEta);
    // Live runs come every second or faster: coalesce the view's refreshes.
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(250);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        m_model->refresh();
        refreshCharts();
    });
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(300);
    connect(m_filterTimer, &QTimer::timeout, this, &DiscrepancyPanel::applyFilters);

    connect(m_runButton, &QPushButton::clicked, this, &DiscrepancyPanel::runNow);
    connect(m_cancelButton, &QPushButton::clicked, this, &DiscrepancyPanel::cancelRun);
    connect(m_liveBox, &QCheckBox::toggled, this, &DiscrepancyPanel::setLive);
    connect(m_userFilter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_minAmount, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_maxAmount, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, &DiscrepancyPanel::applyFilters);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &DiscrepancyPanel::applyFilters);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { chooseExport(false); });
    connect(m_exportJson, &QPushButton::clicked, this, [this] { chooseExport(true); });
    onBackend(true, QString());
}

void DiscrepancyPanel::applyFilters()
{
    DiscrepancyFilter f;
    f.userContains = m_userFilter->text().trimmed();
    f.accountType = m_typeFilter->currentData().toString();
    f.status = DiscrepancyFilter::Status(m_statusFilter->currentData().toInt());
    bool valid = true;
    for (auto [edit, target] :
         {std::pair{m_minAmount, &f.minAbsDifference}, std::pair{m_maxAmount, &f.maxAbsDifference}}) {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            continue;
        const Result<Money> m = Money::parse(text);
        // Say which field is wrong in words, not only by its colour.
        edit->setToolTip(m ? QString() : tr("Not an exact amount, e.g. 0.01"));
        edit->setStyleSheet(m ? QString() : QStringLiteral("color: palette(highlight);"));
        if (m)
            *target = m->abs();
        else
            valid = false;
    }
    if (!valid) {
        m_count->setText(tr("Amount filter is not a number"));
        return;
    }
    if (f.userContains == m_model->filter().userContains && f.accountType == m_model->filter().accountType
        && f.status == m_model->filter().status && f.minAbsDifference == m_model->filter().minAbsDifference
        && f.maxAbsDifference == m_model->filter().maxAbsDifference)
        return;
    m_model->setFilter(f);
}

void DiscrepancyPanel::runNow()
{
    if (m_running)
        return;
    Reconciler::Options options;
    options.tolerance = toleranceOf(m_session);
    m_run = std::make_unique<JobThread<ReconcileJob>>(
        QStringLiteral("reconcile-run"), std::make_unique<ReconcileJob>(m_session->config().ledger, options));
    m_running = true;
    const ReconcileJob *job = m_run->context();
    connect(job, &ReconcileJob::progress, this, [this](int percent) {
        m_stageProgress = percent;
        m_progress->setValue(qMax(m_progress->value(), percent));
    });
    connect(job, &ReconcileJob::progressMessage, m_progress,
            [this](const QString &message) { m_progress->setFormat(QStringLiteral("%p% · ") + message); });
    connect(job, &ReconcileJob::etaChanged, this, [this](qint64 end) { m_expectedEndMs = end; });
    // Rows stream in while the database still works and are listed at once; they are stored (and join
    // the stored table) only if the run completes.
    connect(job, &ReconcileJob::discrepanciesFound, this, &DiscrepancyPanel::onStreamed);
    connect(job, &ReconcileJob::summaryReady, this, &DiscrepancyPanel::onSummary);
    m_runStartedMs = QDateTime::currentMSecsSinceEpoch();
    m_expectedEndMs = 0;
    m_stageProgress = 0;
    m_stream->clear();
    m_streamLabel->setText(tr("Discrepancies found so far by the running reconciliation (stored when it "
                              "completes):"));
    m_showStored->hide();
    m_views->setCurrentIndex(1);
    m_filterBar->setEnabled(false);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%p% · starting"));
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_etaTimer->start();
    m_summary->setText(tr("Reconciliation running…"));
    m_run->post([](ReconcileJob &run) { run.run(); });
}

QWidget *DiscrepancyPanel::buildStreamView()
{
    auto *page = new QWidget(this);
    m_stream = new RunStreamModel(this);
    m_streamLabel = new QLabel(page);
    m_streamLabel->setWordWrap(true);
    m_showStored = new QPushButton(tr("Show &stored discrepancies"), page);
    m_showStored->setAccessibleName(tr("Show the stored discrepancies"));
    m_showStored->hide();
    connect(m_showStored, &QPushButton::clicked, this, &DiscrepancyPanel::showStored);
    auto *table = discrepancyTable(m_stream, QStringLiteral("reconcile/running"),
                                   tr("Discrepancies of the running reconciliation"), page);
    connect(table, &DataTable::openRequested, this, [this](const QModelIndex &index) {
        emit userActivated(index.sibling(index.row(), RunStreamModel::User).data().toString());
    });
    auto *top = new QHBoxLayout;
    top->addWidget(m_streamLabel, 1);
    top->addWidget(m_showStored);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(table, 1);
    return page;
}

void DiscrepancyPanel::onStreamed(const QList<DiscrepancyRecord> &rows)
{
    m_stream->append(rows);
    const qint64 total = m_stream->totalFound();
    m_summary->setText(
        total > m_stream->rowCount()
            ? tr("Reconciliation running… %1 discrepancies found so far (the first %2 are listed below)")
                  .arg(total)
                  .arg(m_stream->rowCount())
            : tr("Reconciliation running… %1 discrepancies found so far").arg(total));
}

bool DiscrepancyPanel::isShowingStream() const
{
    return m_views->currentIndex() == 1;
}

void DiscrepancyPanel::showStored()
{
    m_views->setCurrentIndex(0);
    m_filterBar->setEnabled(true);
}

void DiscrepancyPanel::cancelRun()
{
    if (m_running) {
        m_run->context()->cancel(); // thread-safe: interrupts the statement the database is running
        m_cancelButton->setEnabled(false);
        m_eta->setText(tr("cancelling…"));
    }
}

void DiscrepancyPanel::updateEta()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_expectedEndMs <= 0) {
        m_eta->setText(tr("elapsed %1 s").arg((now - m_runStartedMs) / 1000));
        return;
    }
    const qint64 total = qMax<qint64>(1, m_expectedEndMs - m_runStartedMs);
    const int estimated = int(qMin<qint64>(95, (now - m_runStartedMs) * 100 / total));
    m_progress->setValue(qMax(m_stageProgress, estimated));
    const qint64 left = qMax<qint64>(0, m_expectedEndMs - now);
    m_eta->setText(left > 0 ? tr("about %1 s left").arg((left + 999) / 1000) : tr("finishing…"));
}

void DiscrepancyPanel::onSummary(const RunSummary &s)
{
    m_running = false;
    m_etaTimer->stop();
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    m_eta->clear();
    if (s.isComplete()) {
        m_progress->setValue(100);
        m_progress->setFormat(tr("%p% · done"));
        QStringList byType;
        for (auto it = s.byAccountType.cbegin(); it != s.byAccountType.cend(); ++it)
            byType.append(it.key() + QLatin1String(": ") + QString::number(it.value()));
        m_summary->setText(
            tr("Run %1 complete in %2 s: %3 accounts checked, %4 discrepancies (%5), %6 new, %7 "
               "resolved. Ledger invariants: %8 violations.")
                .arg(s.runId)
                .arg(QLocale().toString(double(s.finishedMs - s.startedMs) / 1000, 'f', 1))
                .arg(s.accounts)
                .arg(s.discrepancies)
                .arg(byType.join(QLatin1String(", ")))
                .arg(s.newDiscrepancies)
                .arg(s.resolvedDiscrepancies)
                .arg(s.invariantViolationCount));
        onBackend(true, QString());
        showStored();
    } else {
        m_progress->setFormat(tr("%p% · %1").arg(runStatusName(s.status)));
        // Never shown as a result: a run that did not complete says so, with the reason.
        const QString outcome = s.status == RunStatus::Cancelled ? tr("was cancelled") : tr("failed");
        m_summary->setText(s.runId > 0 ? tr("Run %1 %2, its results are incomplete and were not stored: %3")
                                             .arg(s.runId)
                                             .arg(outcome, s.error)
                                       : tr("The run %1 before it started: %2").arg(outcome, s.error));
        if (s.status == RunStatus::Failed)
            onBackend(false, s.error);
        m_streamLabel->setText(tr("Partial results of a run that did not complete: %n discrepancies found "
                                  "before it stopped. Not stored, not a complete picture.",
                                  nullptr, int(qMin<qint64>(m_stream->totalFound(), INT_MAX))));
        m_showStored->show();
    }
    scheduleRefresh();
    Q_EMIT runFinished(s);
}

void DiscrepancyPanel::onBackend(bool reachable, const QString &message)
{
    // Words first, colour second.
    m_backend->setFullText(
        reachable ? tr("● Database reachable")
                  : (isLive() ? tr("● Database unreachable, retrying") : tr("● Database unreachable")));
    m_backend->setStyleSheet(Theme::labelStyle(reachable ? Theme::Tone::Good : Theme::Tone::Bad, palette()));
    m_backend->setToolTip(message.isEmpty() ? m_session->config().ledger.database.describe() : message);
    Q_EMIT backendChanged(reachable, message);
}

void DiscrepancyPanel::setLive(bool on)
{
    if (on == isLive())
        return;
    if (m_liveBox->isChecked() != on)
        m_liveBox->setChecked(on);
    if (!on) {
        // Its check in progress ends alone; what it would report is no longer shown.
        disconnect(m_live->context(), nullptr, this, nullptr);
        m_live.reset();
        return;
    }
    m_live = std::make_unique<JobThread<LiveReconciler>>(
        QStringLiteral("reconcile-live"),
        std::make_unique<LiveReconciler>(m_session->config().ledger, toleranceOf(m_session)));
    connect(m_live->context(), &LiveReconciler::backendChanged, this, &DiscrepancyPanel::onBackend);
    connect(m_live->context(), &LiveReconciler::checked, this, &DiscrepancyPanel::scheduleRefresh);
    m_live->post([](LiveReconciler &live) { live.start(false); });
}

void DiscrepancyPanel::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void DiscrepancyPanel::refreshCharts()
{
    const ReconcileStorage storage = reconcileStorage(m_session);
    m_chartRead.start([storage](const JobToken &) { return readChartData(storage); },
                      [this](const DiscrepancyPanel::ChartData &data) {
                          if (data.error.isEmpty())
                              m_charts->setData(data.history, data.byType);
                      },
                      JobStart::SkipIfCancelled);
}

void DiscrepancyPanel::chooseExport(bool json)
{
    const QString path = QFileDialog::getSaveFileName(
        this, json ? tr("Export discrepancies as JSON") : tr("Export discrepancies as CSV"),
        json ? QStringLiteral("discrepancies.json") : QStringLiteral("discrepancies.csv"),
        json ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
    if (!path.isEmpty())
        exportTo(path, json);
}

void DiscrepancyPanel::setExportEnabled(bool enabled)
{
    m_exportCsv->setEnabled(enabled);
    m_exportJson->setEnabled(enabled);
}

void DiscrepancyPanel::exportTo(const QString &path, bool json)
{
    if (m_export.isRunning()) {
        // One export at a time, so that each one's outcome is reported.
        m_summary->setText(tr("An export is still running; try again when it is done."));
        return;
    }
    const DiscrepancyFilter filter = m_model->filter();
    const int column = m_model->sortColumn();
    const bool descending = m_model->sortOrder() == Qt::DescendingOrder;
    static const DiscrepancyStore::SortColumn sorts[] = {
        DiscrepancyStore::SortColumn::User,        DiscrepancyStore::SortColumn::AccountType,
        DiscrepancyStore::SortColumn::AccountType, DiscrepancyStore::SortColumn::Ledger,
        DiscrepancyStore::SortColumn::Legacy,      DiscrepancyStore::SortColumn::Difference,
        DiscrepancyStore::SortColumn::FirstSeen,   DiscrepancyStore::SortColumn::LastSeen,
        DiscrepancyStore::SortColumn::Status};
    const ReconcileStorage storage = reconcileStorage(m_session);
    // Closing the panel drops the message, not the file: the export finishes in the pool.
    const DiscrepancyStore::SortColumn sort = sorts[column];
    setExportEnabled(false);
    m_export.start(
        [=](const JobToken &) {
            return DiscrepancyExporter::exportTo(storage, filter, sort, descending, path,
                                                 json ? DiscrepancyExporter::Format::Json
                                                      : DiscrepancyExporter::Format::Csv);
        },
        [this, path](const Result<qint64> &r) {
            setExportEnabled(true);
            m_summary->setText(r ? tr("Exported %1 discrepancies to %2").arg(*r).arg(path)
                                 : tr("Export failed: %1").arg(r.error().message));
            if (r)
                Q_EMIT exported(path, *r);
            else
                Q_EMIT exportFailed(r.error().message);
        });
}

} // namespace Cockpit
