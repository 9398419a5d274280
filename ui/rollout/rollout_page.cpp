// SPDX-License-Identifier: MIT
#include "ui/rollout/rollout_page.h"

#include "common/logging.h"
#include "ui/rollout/analysis_history_model.h"
#include "ui/rollout/rollout_chart_panel.h"
#include "ui/rollout/rollout_module_model.h"
#include "ui/shell/data_table.h"
#include "ui/shell/elided_label.h"
#include "wiring/environment_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

namespace Cockpit {

namespace {

constexpr int kCoalesceMs = 40; // ~25 refreshes per second at most

QTableView *makeTable(QAbstractItemModel *model, const QString &settingsKey, const QString &accessibleName)
{
    auto *view = new DataTable(settingsKey, accessibleName);
    view->setModel(model);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    return view;
}

} // namespace

RolloutPage::RolloutPage(EnvironmentSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_config(session->config())
    , m_jobs(QStringLiteral("rollout-worker"), std::make_unique<RolloutWorker>(m_config.metrics))
{
    qRegisterMetaType<Cockpit::RolloutChartData>();
    qRegisterMetaType<Cockpit::ModuleVerdict>();
    qRegisterMetaType<QList<Cockpit::ModuleRolloutState>>();
    qRegisterMetaType<Cockpit::RolloutGuard::Event>();
    qRegisterMetaType<QList<Cockpit::StoredInterval>>();
    m_guardToken = QUuid::createUuid().toString(QUuid::WithoutBraces);

    m_modules = new RolloutModuleModel(m_config.rollout, this);
    m_history = new AnalysisHistoryModel(AnalysisHistoryModel::DefaultMaxRows, this);
    buildUi();

    // A promotion, pause or rollback by anyone shows in the module table within the follower's poll.
    connect(session, &EnvironmentSession::controlStoreChanged, this, &RolloutPage::reloadStates);
    const RolloutWorker *worker = m_jobs.context();
    connect(worker, &RolloutWorker::guardEvent, this, &RolloutPage::onGuardEvent);
    connect(session, &EnvironmentSession::readOnlyChanged, this, &RolloutPage::updateGuard);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kCoalesceMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &RolloutPage::requestCharts);
    m_analysisTimer = new QTimer(this);
    m_analysisTimer->setInterval(std::max(1, m_config.rollout.intervalSeconds) * 1000);
    connect(m_analysisTimer, &QTimer::timeout, this, &RolloutPage::analyzeNow);
    m_analysisTimer->start();

    reloadStates();
    if (!m_config.rollout.modules.isEmpty())
        selectModule(m_config.rollout.modules.first().id);
    updateGuard();
    analyzeNow();
}

// The JobThread ends by itself after the round it may be in, releasing the lease as the worker goes.
RolloutPage::~RolloutPage() = default;

void RolloutPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *bar = new QHBoxLayout;
    m_source = new ElidedLabel(nullptr, Qt::ElideRight);
    m_source->setFullText(
        m_config.metrics.source == MetricsConfig::Source::Simulator
            ? tr("Metrics: built-in simulator (seed %1)").arg(m_config.metrics.simulatorSeed)
            : tr("Metrics: Prometheus at %1").arg(m_config.metrics.prometheusUrl.toString()));
    bar->addWidget(m_source, 1);
    auto *rangeLabel = new QLabel(tr("&Range:"));
    m_range = new QComboBox;
    m_range->setAccessibleName(tr("Time range"));
    const QList<std::pair<QString, qint64>> ranges = {{tr("15 minutes"), 15 * 60},
                                                      {tr("1 hour"), 3600},
                                                      {tr("6 hours"), 6 * 3600},
                                                      {tr("1 day"), 86400},
                                                      {tr("7 days"), 7 * 86400}};
    for (const auto &[label, seconds] : ranges)
        m_range->addItem(label, seconds);
    rangeLabel->setBuddy(m_range);
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        m_chartJob.cancel();
        m_refreshTimer->start();
    });
    bar->addWidget(rangeLabel);
    bar->addWidget(m_range);

    m_autoRollback = new QCheckBox(tr("&Auto-rollback"));
    m_autoRollback->setAccessibleName(tr("Automatic rollback on a confirmed breach"));
    // The config's default until the environment's setting has been read from the control store.
    m_autoRollback->setChecked(m_config.rollout.autoRollback && !m_session->isReadOnly());
    m_autoRollback->setEnabled(!m_session->isReadOnly());
    m_autoRollback->setToolTip(m_session->isReadOnly()
                                   ? tr("This environment is read-only: nothing is rolled back from here.")
                                   : tr("Roll a module back to V1 after %n failing interval(s) in a row.",
                                        nullptr, m_config.rollout.consecutiveBreaches));
    connect(m_autoRollback, &QCheckBox::clicked, this, [this](bool checked) {
        const QSignalBlocker blocker(m_autoRollback);
        m_autoRollback->setChecked(!checked); // the setting changes only once confirmed and stored
        emit autoRollbackChangeRequested(checked);
    });
    bar->addWidget(m_autoRollback);

    m_inject = new QPushButton(tr("&Inject regression"));
    m_inject->setObjectName(QStringLiteral("injectRegression"));
    m_inject->setAccessibleName(tr("Inject a V2 regression into the simulator"));
    m_inject->setToolTip(tr("Degrades V2 of the selected module in the simulator so that the analysis and "
                            "automatic rollback can be watched."));
    auto *menu = new QMenu(m_inject);
    const QList<std::tuple<QString, QString, double>> regressions = {
        {tr("Latency ×2"), MetricName::latency(), 2.0},
        {tr("Throughput ÷2"), MetricName::throughput(), 2.0},
        {tr("Memory ×1.6"), MetricName::memory(), 1.6},
        {tr("Error rate ×8"), MetricName::errorRate(), 8.0},
    };
    for (const auto &[label, metric, factor] : regressions)
        menu->addAction(label, this,
                        [this, metric = metric, factor = factor] { injectRegression(metric, factor); });
    menu->addSeparator();
    menu->addAction(tr("&Clear injected regressions"), this, [this] {
        m_jobs.post([](RolloutWorker &worker) { worker.clearRegressions(); });
        showBanner(tr("Simulator: injected regressions cleared; V2 is healthy again from now on."));
    });
    m_inject->setMenu(menu);
    m_inject->setVisible(m_config.metrics.source == MetricsConfig::Source::Simulator);
    bar->addWidget(m_inject);

    auto *analyze = new QPushButton(tr("Analyze &now"));
    analyze->setAccessibleName(tr("Analyze every module now"));
    analyze->setShortcut(QKeySequence(Qt::Key_F5));
    analyze->setToolTip(tr("Analyze every module now (F5)"));
    connect(analyze, &QPushButton::clicked, this, &RolloutPage::analyzeNow);
    bar->addWidget(analyze);
    layout->addLayout(bar);

    m_banner = new QLabel;
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setAccessibleName(tr("Rollout notice"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->hide();
    layout->addWidget(m_banner);

    // The selected module's phase stepper with Cutover/Rollback and Pause: across the page, like the other
    // lanes' steppers, so the seven rollout phases and the buttons are visible without scrolling.
    auto *actions = new QGroupBox(tr("Actions for the selected module"));
    m_controlSlot = new QVBoxLayout(actions);
    auto *placeholder = new QLabel(tr("Promote, pause and rollback are provided by migration control."));
    placeholder->setObjectName(QStringLiteral("rolloutControlPlaceholder"));
    placeholder->setWordWrap(true);
    m_controlSlot->addWidget(placeholder);
    layout->addWidget(actions);

    auto *vertical = new QSplitter(Qt::Vertical);
    auto *horizontal = new QSplitter(Qt::Horizontal);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_moduleProxy = new QSortFilterProxyModel(this);
    m_moduleProxy->setSourceModel(m_modules);
    m_moduleView = makeTable(m_moduleProxy, QStringLiteral("rollout/modules"), tr("Rollout modules"));
    m_moduleView->setObjectName(QStringLiteral("rolloutModules"));
    m_moduleView->setSortingEnabled(true);
    m_moduleView->sortByColumn(-1, Qt::AscendingOrder); // configured order until the user sorts
    m_moduleView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_moduleView->horizontalHeader()->setStretchLastSection(true);
    m_moduleView->setMinimumWidth(240); // with the charts beside it, it fits a 1024 px wide window
    connect(m_moduleView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    selectModule(m_moduleProxy->data(current, RolloutModuleModel::ModuleIdRole).toString());
            });
    leftLayout->addWidget(m_moduleView);
    horizontal->addWidget(left);

    m_charts = new RolloutChartPanel;
    horizontal->addWidget(m_charts);
    horizontal->setStretchFactor(0, 1);
    horizontal->setStretchFactor(1, 3);
    horizontal->setSizes({420, 860});
    vertical->addWidget(horizontal);

    // The guard's judgement of every interval, and beside it why the selected one was judged so.
    auto *history = new QSplitter(Qt::Horizontal);
    m_historyView = makeTable(m_history, QStringLiteral("rollout/analyses"), tr("Analysis history"));
    m_historyView->setObjectName(QStringLiteral("rolloutHistory"));
    m_historyView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    history->addWidget(m_historyView);
    m_why = new QPlainTextEdit;
    m_why->setObjectName(QStringLiteral("rolloutWhy"));
    m_why->setReadOnly(true);
    m_why->setAccessibleName(tr("Why the selected interval was judged so"));
    m_why->setPlaceholderText(
        tr("Select an interval to see why it was judged so: the queries as sent, the samples of V1 and V2, "
           "the compared values, the threshold and the judge's verdict. The guard keeps them in the control "
           "store (cockpitctl rollout history)."));
    m_why->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    history->addWidget(m_why);
    history->setStretchFactor(0, 3);
    history->setStretchFactor(1, 2);
    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_why->setPlainText(
                    current.isValid()
                        ? current.siblingAtColumn(0).data(AnalysisHistoryModel::DetailsRole).toString()
                        : QString());
            });
    vertical->addWidget(history);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);
    layout->addWidget(vertical, 1);
}

const RolloutModuleConfig *RolloutPage::moduleConfig(const QString &id) const
{
    for (const RolloutModuleConfig &m : m_config.rollout.modules) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

void RolloutPage::selectModule(const QString &module)
{
    if (module == m_selected || !moduleConfig(module))
        return;
    m_selected = module;
    const int row = m_modules->rowOf(module);
    const QModelIndex proxyIndex = m_moduleProxy->mapFromSource(m_modules->index(row, 0));
    if (m_moduleView->currentIndex().row() != proxyIndex.row())
        m_moduleView->setCurrentIndex(proxyIndex);
    m_chartJob.cancel();
    m_charts->clear();
    m_refreshTimer->start();
    emit selectedModuleChanged(module);
}

bool RolloutPage::autoRollbackEnabled() const
{
    return m_autoRollback->isChecked();
}

void RolloutPage::showAutoRollbackSetting(bool on, const QString &toolTip)
{
    const QSignalBlocker blocker(m_autoRollback);
    m_autoRollback->setChecked(on);
    if (!m_session->isReadOnly())
        m_autoRollback->setToolTip(toolTip);
}

qint64 RolloutPage::rangeSeconds() const
{
    return m_range->currentData().toLongLong();
}

void RolloutPage::setRangeSeconds(qint64 seconds)
{
    const int index = m_range->findData(seconds);
    if (index >= 0)
        m_range->setCurrentIndex(index);
}

void RolloutPage::requestCharts()
{
    if (m_selected.isEmpty())
        return;
    if (m_chartJob.isRunning()) {
        m_chartRequestQueued = true; // one more refresh after the current one, however many were asked
        return;
    }
    const qint64 to = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = to - rangeSeconds() * 1000;
    m_jobs.startAsync(
        m_chartJob,
        [module = m_selected, from, to](RolloutWorker &worker, const JobToken &,
                                        const JobReply<RolloutChartData> &reply) {
            worker.fetchCharts(module, from, to, reply);
        },
        [this](const RolloutChartData &data) { onChartsReady(data); }, JobStart::SkipIfCancelled);
}

void RolloutPage::onChartsReady(const RolloutChartData &data)
{
    if (data.module == m_selected) {
        if (const RolloutModuleConfig *module = moduleConfig(data.module))
            m_charts->setData(data, *module);
        if (!data.errors.isEmpty()) {
            // One line per distinct cause: an unreachable Prometheus fails every series the same way.
            QStringList causes;
            QHash<QString, int> count;
            for (const QString &error : data.errors) {
                if (count[error]++ == 0)
                    causes.append(error);
            }
            for (QString &cause : causes) {
                if (const int n = count.value(cause); n > 1)
                    cause = tr("%1 (%n series)", nullptr, n).arg(cause);
            }
            showBanner(tr("⚠ %n series could not be fetched: %1", nullptr, int(data.errors.size()))
                           .arg(causes.join(QLatin1String("; "))));
        }
        emit chartsUpdated();
    }
    if (m_chartRequestQueued) {
        m_chartRequestQueued = false;
        m_refreshTimer->start();
    }
}

void RolloutPage::analyzeNow()
{
    RolloutConfig rollout = m_config.rollout;
    rollout.autoRollback = autoRollbackEnabled();
    const qint64 intervalMs = qint64(std::max(1, rollout.intervalSeconds)) * 1000;
    const qint64 to = QDateTime::currentMSecsSinceEpoch() / intervalMs * intervalMs;
    const qint64 from = to - std::max(5, 2 * rollout.consecutiveBreaches) * intervalMs;
    for (const RolloutModuleConfig &module : m_config.rollout.modules) {
        m_jobs.startAsync(
            m_analysisJobs[module.id],
            [module, rollout, from, to](RolloutWorker &worker, const JobToken &,
                                        const JobReply<Result<ModuleVerdict>> &reply) {
                worker.analyze(module, rollout, from, to, reply);
            },
            [this, id = module.id](const Result<ModuleVerdict> &verdict) {
                if (verdict)
                    onVerdict(*verdict);
                else
                    onAnalysisFailed(id, verdict.error().message);
            },
            JobStart::SkipIfCancelled);
    }
    m_refreshTimer->start(); // the charts follow the analysis clock
    loadEvidence();
}

void RolloutPage::loadEvidence()
{
    if (m_evidenceJob.isRunning())
        return; // the next interval asks again
    QHash<QString, qint64> after;
    const qint64 dayAgo = QDateTime::currentMSecsSinceEpoch() - qint64(86400) * 1000;
    // The guard's window: intervals it may still judge again (late data) are read again too.
    const qint64 again = qint64(std::max(5, 2 * m_config.rollout.consecutiveBreaches))
                         * std::max(1, m_config.rollout.intervalSeconds) * 1000;
    for (const RolloutModuleConfig &module : m_config.rollout.modules)
        after.insert(module.id, std::max(dayAgo, m_history->lastIntervalEnd(module.id) - again));
    m_jobs.start(
        m_evidenceJob,
        [config = m_config, after](RolloutWorker &worker, const JobToken &) {
            return worker.loadEvidence(config, after);
        },
        [this](const Result<RolloutWorker::EvidenceRead> &evidence) { onEvidenceLoaded(evidence); },
        JobStart::SkipIfCancelled);
}

void RolloutPage::onEvidenceLoaded(const Result<RolloutWorker::EvidenceRead> &evidence)
{
    if (!evidence) {
        showBanner(tr("⚠ The analysis history cannot be read: %1").arg(evidence.error().message));
        return;
    }
    if (!evidence->skipped.isEmpty())
        showBanner(tr("⚠ The analysis history cannot be read: %1").arg(evidence->skipped));
    m_history->addStored(evidence->intervals);
}

void RolloutPage::updateGuard()
{
    const bool wanted = !m_session->isReadOnly();
    if (wanted == m_guardRunning)
        return;
    m_guardRunning = wanted;
    if (wanted) {
        m_jobs.post([config = m_config, identity = m_session->operatorIdentity(), token = m_guardToken](
                        RolloutWorker &worker) { worker.startGuard(config, identity, token); });
    } else {
        m_jobs.post([](RolloutWorker &worker) { worker.stopGuard(); });
    }
}

void RolloutPage::onGuardEvent(const RolloutGuard::Event &event)
{
    using Kind = RolloutGuard::Event::Kind;
    if (event.kind != Kind::Info || !event.module.isEmpty()) {
        const QString text =
            event.module.isEmpty() ? event.text : event.module + QLatin1String(": ") + event.text;
        showBanner(event.kind == Kind::RolledBack ? tr("✔ Rolled back automatically: %1").arg(text)
                   : event.kind == Kind::Info     ? text
                                                  : tr("⚠ Guard: %1").arg(text));
    }
    if (event.kind == Kind::RolledBack) {
        reloadStates();
        loadEvidence();
    }
    ActivityEvent activity;
    activity.atMs = event.atMs;
    activity.source = tr("V2 Rollout guard");
    activity.text = event.module.isEmpty() ? event.text : event.module + QLatin1String(": ") + event.text;
    switch (event.kind) {
    case Kind::Info:
        activity.severity = ActivityEvent::Severity::Info;
        break;
    case Kind::Breach:
    case Kind::Failed:
        activity.severity = ActivityEvent::Severity::Warning;
        break;
    case Kind::RolledBack:
        // Every rollback, by any guard, reaches the Activity panel and the desktop from the audit log
        // (ControlStoreFollower); this window's own needs no second line.
        emit guardEvent(event);
        return;
    }
    activity.notify = event.needsOperator;
    m_session->report(activity);
    emit guardEvent(event);
}

void RolloutPage::noteVerdict(const QString &module, const QString &status, const QString &detail,
                              bool breach)
{
    const QString before = m_lastStatus.value(module);
    m_lastStatus.insert(module, status);
    if (breach)
        m_breaches.insert(module);
    else
        m_breaches.remove(module);
    QStringList names(m_breaches.cbegin(), m_breaches.cend());
    names.sort();
    m_session->setAttention(QStringLiteral("rollout"), static_cast<int>(names.size()),
                            tr("Confirmed breach: %1").arg(names.join(QLatin1String(", "))));
    // A module's first verdict is news only when it is not a pass.
    if (before == status
        || (before.isEmpty() && (status == QLatin1String("pass") || status == QLatin1String("inconclusive"))))
        return;
    ActivityEvent activity;
    activity.source = tr("V2 Rollout analysis");
    activity.severity = status == QLatin1String("pass") || status == QLatin1String("inconclusive")
                            ? ActivityEvent::Severity::Info
                            : ActivityEvent::Severity::Warning;
    activity.text =
        before.isEmpty() ? tr("%1: %2").arg(module, status) : tr("%1: %2 -> %3").arg(module, before, status);
    if (!detail.isEmpty())
        activity.text += QLatin1String(" (") + detail + QLatin1Char(')');
    m_session->report(activity);
}

void RolloutPage::reloadStates()
{
    m_jobs.start(
        m_statesJob,
        [config = m_config](RolloutWorker &worker, const JobToken &) { return worker.loadStates(config); },
        [this](const Result<QList<ModuleRolloutState>> &states) { onStatesLoaded(states); },
        JobStart::SkipIfCancelled);
}

void RolloutPage::onStatesLoaded(const Result<QList<ModuleRolloutState>> &states)
{
    if (!states) {
        showBanner(tr("⚠ %1").arg(states.error().message));
        return;
    }
    for (const ModuleRolloutState &state : *states) {
        m_modules->setState(state);
        // The simulator draws the weight step series from what this lane knows of each module.
        const int weight = RolloutPlan::weightPercent(m_config.rollout, state);
        m_jobs.post(
            [module = state.module, weight](RolloutWorker &worker) { worker.setWeight(module, weight); });
    }
}

void RolloutPage::onVerdict(const ModuleVerdict &verdict)
{
    m_modules->setVerdict(verdict);
    QString detail;
    if (verdict.trigger)
        detail = verdict.trigger->describe();
    noteVerdict(verdict.module, verdictStatusName(verdict.status), detail, verdict.breachConfirmed());
    emit verdictAvailable(verdict);
}

void RolloutPage::onAnalysisFailed(const QString &module, const QString &message)
{
    m_modules->setError(module, message);
    m_history->addFailure(module, QDateTime::currentMSecsSinceEpoch(), message);
    noteVerdict(module, tr("no verdict"), message, false);
    showBanner(tr("⚠ No verdict for %1, nothing rolled back: %2").arg(module, message));
}

void RolloutPage::injectRegression(const QString &metric, double factor)
{
    if (m_selected.isEmpty())
        return;
    m_jobs.post([module = m_selected, metric, factor](RolloutWorker &worker) {
        worker.injectRegression(module, metric, factor);
    });
    showBanner(
        tr("Simulator: V2 %1 of %2 degraded by ×%3 from now on. A breach is confirmed after %n failing "
           "interval(s).",
           nullptr, m_config.rollout.consecutiveBreaches)
            .arg(metric, m_selected)
            .arg(factor));
}

void RolloutPage::showBanner(const QString &text)
{
    m_banner->setText(text);
    m_banner->show();
}

} // namespace Cockpit
