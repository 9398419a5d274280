// SPDX-License-Identifier: MIT
#include "ui/ledger/ledger_page.h"

#include "ledger/ledger_workload.h"
#include "ui/ledger/ledger_balance_model.h"
#include "ui/ledger/ledger_charts.h"
#include "ui/ledger/ledger_history_model.h"
#include "ui/shell/data_table.h"
#include "ui/shell/display_path.h"
#include "ui/shell/elided_label.h"
#include "ui/shell/theme.h"
#include "wiring/environment_session.h"
#include "wiring/lane_wiring.h"

#include <QApplication>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Cockpit {

namespace {

// The banner's lines: each firing alert with its numbers and action, and the names of those without data.
struct AlertLines
{
    QStringList firing;
    QStringList noData;
};

// The alert rules' severities are words of the rules, shown in the operator's language.
QString severityText(const QString &severity)
{
    if (severity == QLatin1String("CRITICAL"))
        return LedgerPage::tr("CRITICAL");
    if (severity == QLatin1String("HIGH"))
        return LedgerPage::tr("HIGH");
    if (severity == QLatin1String("MEDIUM"))
        return LedgerPage::tr("MEDIUM");
    return severity;
}

AlertLines alertLines(const QList<LedgerAlert> &alerts)
{
    AlertLines lines;
    for (const LedgerAlert &a : alerts) {
        if (a.firing)
            lines.firing.append(QStringLiteral("<b>⚠ %1 %2</b>: %3. <i>%4</i>")
                                    .arg(severityText(a.severity).toHtmlEscaped(), a.name.toHtmlEscaped(),
                                         a.detail.shown().toHtmlEscaped(), a.action.shown().toHtmlEscaped()));
        else if (a.inconclusive)
            lines.noData.append(a.name);
    }
    return lines;
}

// A percentile of nothing is 0: shown as a dash, not as a measured 0.0.
QString micros(qint64 ns)
{
    return ns > 0 ? QLocale().toString(double(ns) / 1000.0, 'f', 1) : QStringLiteral("–");
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

LedgerPage::LedgerPage(EnvironmentSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_mode(*LedgerMode::forPhase(QStringLiteral("shadow")))
    , m_jobs(QStringLiteral("ledger-page-worker"), std::make_unique<LedgerPageWorker>(session->config()))
{
    setAccessibleName(tr("Ledger"));
    m_workloadOptions.users = 50;
    m_workloadOptions.operations = 0; // until stopped
    m_workloadOptions.legacyFaultPerMillion = 50000;
    m_workloadOptions.readEvery = 2;
    m_workloadOptions.opsPerSecond = 40;
    const LedgerConfig config = session->config().ledger;

    m_phaseSlot = new QWidget(this);
    m_phaseSlot->setObjectName(QStringLiteral("phaseSlot"));
    auto *slotLayout = new QVBoxLayout(m_phaseSlot);
    slotLayout->setContentsMargins(0, 0, 0, 0);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("alertBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setMargin(8);
    m_banner->setAccessibleName(tr("Ledger alerts"));
    Theme::onPaletteChange(m_banner, [this] { setBannerTone(m_bannerTone); });

    m_backend = new ElidedLabel(this);
    m_backend->setFullText(tr("Ledger database: %1").arg(DisplayPath::shorten(config.database.describe())));
    m_backend->setToolTip(config.database.describe());
    m_summary = new QLabel(tr("Loading metrics…"), this);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Ledger metrics summary"));

    m_gates = new QTreeWidget(this);
    m_gates->setAccessibleName(tr("Ledger migration gates"));
    // Every ledger gate, with the phases it guards: the Overview counts only the next transition's.
    m_gates->setHeaderLabels({tr("Gate"), tr("Needed for"), tr("Verdict"), tr("Evidence")});
    m_gates->setRootIsDecorated(false);
    m_gates->setMaximumHeight(110);
    m_gates->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_charts = new LedgerCharts(this);

    // User lookup.
    m_userEdit = new QLineEdit(this);
    m_userEdit->setPlaceholderText(tr("User id, e.g. user-7"));
    m_userEdit->setAccessibleName(tr("User id"));
    m_lookUp = new QPushButton(tr("&Look up"), this);
    m_lookUp->setAccessibleName(tr("Look up user"));
    m_userStatus = new QLabel(this);
    m_userStatus->setWordWrap(true);
    m_balances = new LedgerBalanceModel(this);
    m_balanceView = new DataTable(QStringLiteral("ledger/balances"), tr("Ledger and legacy balances"));
    m_balanceView->setModel(m_balances);
    m_balanceView->setMaximumHeight(130);
    m_history = new LedgerHistoryModel(this);
    auto *historyProxy = new QSortFilterProxyModel(this);
    historyProxy->setSourceModel(m_history);
    historyProxy->setSortRole(LedgerHistoryModel::SortRole);
    m_historyView = new DataTable(QStringLiteral("ledger/history"), tr("Transaction history"));
    m_historyView->setModel(historyProxy);
    m_historyView->setSortingEnabled(true);
    m_historyView->sortByColumn(LedgerHistoryModel::Time, Qt::DescendingOrder);

    // Demo workload toggle: only where synthetic writes are harmless.
    m_workloadButton = new QPushButton(tr("&Start demo workload"), this);
    m_workloadButton->setCheckable(true);
    m_workloadButton->setAccessibleName(tr("Demo workload"));
    m_workloadStatus = new QLabel(this);
    m_workloadStatus->setWordWrap(true);
    const bool demo = LedgerWorkload::permitted(session->config(), session->isReadOnly()).has_value();
    m_workloadButton->setEnabled(demo);
    m_workloadStatus->setText(
        demo ? tr("Demo workload: deposits, orders, fills and releases with failing legacy writes.")
             : tr("The demo workload runs only in a writable demo environment."));

    auto *top = new QHBoxLayout;
    top->addWidget(m_backend, 1);
    top->addWidget(m_workloadStatus);
    top->addWidget(m_workloadButton);

    auto *health = new QGroupBox(tr("Health"), this);
    auto *healthLayout = new QVBoxLayout(health);
    healthLayout->addWidget(m_summary);
    healthLayout->addWidget(m_gates);
    healthLayout->addWidget(m_charts, 1);

    auto *lookup = new QGroupBox(tr("User lookup"), this);
    auto *lookupLayout = new QVBoxLayout(lookup);
    auto *lookupRow = new QHBoxLayout;
    auto *userLabel = new QLabel(tr("&User:"), lookup);
    userLabel->setBuddy(m_userEdit);
    lookupRow->addWidget(userLabel);
    lookupRow->addWidget(m_userEdit, 1);
    lookupRow->addWidget(m_lookUp);
    lookupLayout->addLayout(lookupRow);
    lookupLayout->addWidget(m_userStatus);
    lookupLayout->addWidget(m_balanceView);
    lookupLayout->addWidget(m_historyView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(health);
    splitter->addWidget(lookup);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_phaseSlot);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_lookUp, &QPushButton::clicked, this, &LedgerPage::lookUpUser);
    connect(m_userEdit, &QLineEdit::returnPressed, this, &LedgerPage::lookUpUser);
    connect(m_workloadButton, &QPushButton::toggled, this, &LedgerPage::setWorkloadRunning);
    // A session made read-only stops the workload: it writes.
    connect(session, &EnvironmentSession::readOnlyChanged, this, [this] {
        const QString refused =
            errorMessage(LedgerWorkload::permitted(m_session->config(), m_session->isReadOnly()));
        if (!refused.isEmpty() && isWorkloadRunning()) {
            setWorkloadRunning(false);
            m_workloadStatus->setText(tr("Demo workload stopped: %1").arg(refused));
        }
        m_workloadButton->setEnabled(refused.isEmpty());
    });

    m_timer = new QTimer(this);
    m_timer->setInterval(std::max(config.liveIntervalMs, 250));
    connect(m_timer, &QTimer::timeout, this, &LedgerPage::refresh);
    m_timer->start();
    refresh();
}

LedgerPage::~LedgerPage()
{
    stopWorkload();
}

void LedgerPage::refresh()
{
    if (m_healthJob.isRunning())
        return;
    m_jobs.start(
        m_healthJob, [](LedgerPageWorker &worker, const JobToken &) { return worker.health(); },
        [this](const Result<LedgerHealth> &health) {
            if (health)
                showHealth(*health);
            else
                showHealthError(health.error().message);
        },
        JobStart::SkipIfCancelled);
}

void LedgerPage::setBannerTone(Theme::Tone tone)
{
    m_bannerTone = tone;
    m_banner->setStyleSheet(Theme::labelStyle(tone, QApplication::palette(m_banner), true));
}

void LedgerPage::lookUp(const QString &userId)
{
    m_userEdit->setText(userId);
    lookUpUser();
    m_userEdit->setFocus();
    for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(w)) {
            scroll->ensureWidgetVisible(m_balanceView);
            break;
        }
    }
}

void LedgerPage::lookUpUser()
{
    const QString user = m_userEdit->text().trimmed();
    if (user.isEmpty()) {
        m_userStatus->setText(tr("Type a user id first."));
        return;
    }
    m_userStatus->setText(tr("Looking up %1…").arg(user));
    m_jobs.start(
        m_userJob, [user](LedgerPageWorker &worker, const JobToken &) { return worker.lookupUser(user); },
        [this](const Result<LedgerUserSnapshot> &snapshot) {
            if (snapshot)
                showUser(*snapshot);
            else
                m_userStatus->setText(tr("Lookup failed: %1").arg(snapshot.error().message));
        },
        JobStart::SkipIfCancelled);
}

void LedgerPage::showHealth(const LedgerHealth &health)
{
    noteAlerts(health);
    if (!health.telemetrySource.isEmpty()) {
        showServiceHealth(health);
        return;
    }
    const AlertLines alerts = alertLines(health.alerts);
    if (!alerts.firing.isEmpty()) {
        m_banner->setText(alerts.firing.join(QLatin1String("<br>")));
        setBannerTone(Theme::Tone::Bad);
    } else if (!alerts.noData.isEmpty()) {
        m_banner->setText(
            tr("? No data in the last %1 s for %2 (no ledger writes or balance reads): not judged, "
               "not healthy.")
                .arg(health.alertWindowSeconds)
                .arg(alerts.noData.join(QLatin1String(", ")).toHtmlEscaped()));
        setBannerTone(Theme::Tone::Warning);
    } else {
        m_banner->setText(tr("✓ No ledger alerts firing (window %1 s).").arg(health.alertWindowSeconds));
        setBannerTone(Theme::Tone::Good);
    }
    m_summary->setText(
        tr("Last %1 s: write success rate %2 (%3 ok, %4 failed, %5 refused) · shadow-write failures %6 · "
           "discrepancies %7 · p95 balance read ledger %8 µs / legacy %9 µs · p95 dual-write lag %10 µs")
            .arg(count(health.alertWindowSeconds),
                 // A rate of no writes is no measurement: a dash, as for a percentile of nothing.
                 health.writesOk + health.writesFailed == 0 ? QStringLiteral("–")
                                                            : Text::decimal(health.successRateText()).shown(),
                 count(health.writesOk), count(health.writesFailed), count(health.writesRejected),
                 count(health.shadowFailures), count(health.discrepancies),
                 micros(health.ledgerQuery.percentileNs(95)), micros(health.legacyQuery.percentileNs(95)),
                 micros(health.writeLag.percentileNs(95))));
    showGates(health.gates);
    m_charts->setData(health.chart);
    emit healthShown(health);
}

void LedgerPage::noteAlerts(const LedgerHealth &health)
{
    if (!health.sourceError.isEmpty()) {
        // No answer is no news about the alerts: what fired still fires until the telemetry says otherwise.
        m_session->report({0, ActivityEvent::Severity::Warning, tr("Ledger alerts"),
                           tr("The service's telemetry did not answer (%1): %2")
                               .arg(health.telemetrySource, health.sourceError),
                           false});
        return;
    }
    QStringList firing;
    for (const LedgerAlert &a : health.alerts) {
        // An alert that fired and now has no data to judge is not over.
        if (a.inconclusive && m_firing.contains(a.name))
            firing.append(a.name);
        if (!a.firing)
            continue;
        firing.append(a.name);
        if (m_firing.contains(a.name))
            continue;
        ActivityEvent event;
        event.source = tr("Ledger alerts");
        event.severity = a.severity == QLatin1String("CRITICAL") ? ActivityEvent::Severity::Critical
                                                                 : ActivityEvent::Severity::Warning;
        event.text = tr("%1 %2 started firing: %3. %4")
                         .arg(severityText(a.severity), a.name, a.detail.shown(), a.action.shown());
        event.notify = true;
        m_session->report(event);
    }
    for (const QString &name : std::as_const(m_firing)) {
        if (!firing.contains(name))
            m_session->report({0, ActivityEvent::Severity::Info, tr("Ledger alerts"),
                               tr("%1 stopped firing").arg(name), false});
    }
    m_firing = firing;
    m_session->setAttention(QStringLiteral("ledger"), static_cast<int>(firing.size()),
                            tr("Firing: %1").arg(firing.join(QLatin1String(", "))));
}

void LedgerPage::showGates(const QList<LedgerGate> &gates)
{
    m_gates->clear();
    for (const LedgerGate &g : gates) {
        QString verdict;
        switch (g.verdict) {
        case LedgerGate::Verdict::Pass:
            verdict = tr("✓ pass");
            break;
        case LedgerGate::Verdict::Fail:
            verdict = tr("✗ fail");
            break;
        case LedgerGate::Verdict::Inconclusive:
            verdict = tr("? inconclusive");
            break;
        }
        QStringList phases = LaneWiring::ledgerGatePhases(g.id);
        for (QString &phase : phases)
            phase.prepend(QStringLiteral("→ "));
        auto *item = new QTreeWidgetItem(
            m_gates, {g.title.shown(), phases.join(QStringLiteral(", ")), verdict, g.evidence.shown()});
        item->setToolTip(1, tr("The transitions into these phases wait for this gate"));
        item->setToolTip(3, g.evidence.shown()); // a service's evidence names two sources and is long
    }
}

void LedgerPage::showServiceHealth(const LedgerHealth &health)
{
    const AlertLines alerts = alertLines(health.alerts);
    const QStringList &firing = alerts.firing;
    const QStringList &noData = alerts.noData;
    QStringList details;
    for (const LedgerAlert &a : health.alerts)
        details.append(a.name + QLatin1String(": ") + a.detail.shown());
    if (!firing.isEmpty()) {
        m_banner->setText(firing.join(QLatin1String("<br>")));
        setBannerTone(Theme::Tone::Bad);
    } else if (!health.sourceError.isEmpty()) {
        m_banner->setText(
            tr("? The service's telemetry did not answer (%1): %2. Nothing is judged.")
                .arg(health.telemetrySource.toHtmlEscaped(), health.sourceError.toHtmlEscaped()));
        setBannerTone(Theme::Tone::Warning);
    } else if (!noData.isEmpty()) {
        // No data is not health: say which rules cannot be judged.
        m_banner->setText(tr("? No data from the service's telemetry for %1 (%2): not judged, not healthy.")
                              .arg(noData.join(QLatin1String(", ")).toHtmlEscaped(),
                                   health.telemetrySource.toHtmlEscaped()));
        setBannerTone(Theme::Tone::Warning);
    } else {
        m_banner->setText(tr("✓ No ledger alerts firing in the service's telemetry (%1, window %2 s).")
                              .arg(health.telemetrySource.toHtmlEscaped())
                              .arg(health.alertWindowSeconds));
        setBannerTone(Theme::Tone::Good);
    }
    m_summary->setText(details.join(QLatin1Char('\n')));
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // The same gates migration control asks before a transition: the service's telemetry and the cockpit's
    // own reconciliation runs.
    showGates(health.gates);
    m_charts->setData(health.chart);
    emit healthShown(health);
}

void LedgerPage::showUser(const LedgerUserSnapshot &snapshot)
{
    const UserLedgerReport &report = snapshot.report;
    m_balances->setBalances(report.accounts);
    m_history->setEntries(report.history);
    m_balanceView->resizeColumnsToContents();
    m_historyView->resizeColumnsToContents();
    if (report.isUnknown())
        m_userStatus->setText(tr("%1 has no ledger accounts and no legacy balances.").arg(snapshot.userId));
    else if (report.anyDiscrepancy())
        m_userStatus->setText(tr("⚠ %1: ledger and legacy differ beyond the tolerance %2.")
                                  .arg(snapshot.userId, m_session->config().ledger.tolerance));
    else
        m_userStatus->setText(tr("✓ %1: ledger and legacy agree; %n entries shown.", nullptr,
                                 static_cast<int>(report.history.size()))
                                  .arg(snapshot.userId));
    emit userShown(snapshot.userId);
}

void LedgerPage::showHealthError(const QString &error)
{
    m_banner->setText(tr("✗ Ledger health cannot be read, retrying: %1").arg(error.toHtmlEscaped()));
    setBannerTone(Theme::Tone::Bad);
    // Not "Loading…" for ever: the banner says why, and what was shown before is no longer current.
    m_summary->setText(tr("No metrics while the ledger health cannot be read."));
}

void LedgerPage::setWorkloadRunning(bool running)
{
    if (running == isWorkloadRunning())
        return;
    const QString refused =
        errorMessage(LedgerWorkload::permitted(m_session->config(), m_session->isReadOnly()));
    if (running && !refused.isEmpty()) {
        m_workloadStatus->setText(tr("The demo workload cannot start: %1").arg(refused));
        const QSignalBlocker block(m_workloadButton);
        m_workloadButton->setChecked(false);
        return;
    }
    if (!running) {
        stopWorkload();
    } else {
        LedgerWorkloadOptions options = m_workloadOptions;
        options.seed = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch());
        m_workload = std::make_unique<JobThread<LedgerWorkload>>(
            QStringLiteral("ledger-demo-workload"),
            std::make_unique<LedgerWorkload>(m_session->config().ledger, m_mode, options));
        const LedgerWorkload *workload = m_workload->context();
        connect(workload, &LedgerWorkload::progressMessage, m_workloadStatus, &QLabel::setText);
        connect(workload, &LedgerWorkload::failed, this, [this](const QString &error) {
            m_workloadStatus->setText(tr("Workload stopped: %1").arg(error));
            m_workloadButton->setChecked(false);
        });
        m_workload->post([](LedgerWorkload &w) { w.run(); });
    }
    QSignalBlocker block(m_workloadButton);
    m_workloadButton->setChecked(running);
    m_workloadButton->setText(running ? tr("&Stop demo workload") : tr("&Start demo workload"));
    emit workloadRunningChanged(running);
}

void LedgerPage::stopWorkload()
{
    if (!m_workload)
        return;
    // Thread-safe; run() returns after the step it is in and the thread ends alone. What it would still
    // report is no longer this page's.
    m_workload->context()->cancel();
    disconnect(m_workload->context(), nullptr, nullptr, nullptr);
    m_workload.reset();
}

} // namespace Cockpit
