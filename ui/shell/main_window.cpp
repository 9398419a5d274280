// SPDX-License-Identifier: MIT
#include "ui/shell/main_window.h"

#include "common/logging.h"
#include "ui/shell/activity_model.h"
#include "ui/shell/activity_panel.h"
#include "ui/shell/cockpit_settings.h"
#include "ui/shell/desktop_notifier.h"
#include "ui/shell/elided_label.h"
#include "ui/shell/environment_bar.h"
#include "ui/shell/sidebar_badge_delegate.h"
#include "ui/shell/theme.h"
#include "wiring/audit_events.h"
#include "wiring/backend_monitor.h"
#include "wiring/control_store_follower.h"
#include "wiring/environment_opener.h"
#include "wiring/environment_session.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Cockpit {

MainWindow::MainWindow(QList<PageDescriptor> pages, QWidget *parent)
    : QMainWindow(parent)
    , m_pages(std::move(pages))
{
    setWindowTitle(tr("Migration Cockpit"));

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_bar = new EnvironmentBar(central);
    outer->addWidget(m_bar);

    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    m_sidebar = new QListWidget(central);
    m_sidebar->setObjectName(QStringLiteral("navigationSidebar"));
    m_sidebar->setAccessibleName(tr("Pages"));
    m_sidebar->setIconSize(QSize(20, 20));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    styleSidebar();
    Theme::onPaletteChange(m_sidebar, [this] {
        styleSidebar();
        updateActivityButton();
    });
    m_sidebar->setItemDelegate(new SidebarBadgeDelegate(m_sidebar));
    int shortcut = 1;
    for (const PageDescriptor &page : std::as_const(m_pages)) {
        auto *item = new QListWidgetItem(page.icon, page.title, m_sidebar);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(page.title).arg(shortcut++));
    }
    m_sidebar->setFixedWidth(210);
    m_stack = new QStackedWidget(central);
    body->addWidget(m_sidebar);
    body->addWidget(m_stack, 1);
    outer->addLayout(body, 1);
    setCentralWidget(central);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    m_operatorLabel = new ElidedLabel(this, Qt::ElideRight);
    m_checkedLabel = new ElidedLabel(this, Qt::ElideRight);
    statusBar()->addWidget(m_operatorLabel);
    statusBar()->addPermanentWidget(m_checkedLabel);
    m_notifier = new DesktopNotifier(this);
    createActivityDock();

    m_monitor = new BackendMonitor(this);
    connect(m_monitor, &BackendMonitor::statusesChanged, this, [this](const QList<BackendStatus> &statuses) {
        m_bar->setStatuses(statuses);
        reportBackendChanges(statuses);
        int down = 0;
        for (const BackendStatus &s : statuses)
            down += s.reachable ? 0 : 1;
        m_checkedLabel->setFullText(
            down == 0 ? tr("All backends reachable — checked %1 UTC")
                            .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("HH:mm")))
                      : tr("%n backend(s) unreachable — hover the red lights for details", "", down));
    });

    createMenus();
    resize(1280, 820);
    if (const QByteArray geometry = CockpitSettings::windowGeometry(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = CockpitSettings::windowState(); !state.isEmpty())
        restoreState(state);
}

MainWindow::~MainWindow() = default;

int MainWindow::pageCount() const
{
    return m_stack->count();
}

QString MainWindow::currentPageId() const
{
    const int row = m_sidebar->currentRow();
    return row >= 0 && row < m_pages.size() ? m_pages.at(row).id : QString();
}

void MainWindow::showPage(const QString &id)
{
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i).id == id)
            m_sidebar->setCurrentRow(i);
    }
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Environment…"), this, &MainWindow::chooseEnvironment);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    QAction *reload = file->addAction(tr("Re&load Environment"), this, [this] {
        if (!m_session)
            return;
        // A lock (command line, environment file) stays a lock; read-only switched on here stays a choice
        // that can be switched off again.
        const bool locked = m_session->config().readOnly;
        m_reloadKeepsReadOnly = m_session->isReadOnly() && !locked;
        openEnvironment(m_session->config().filePath, locked);
    });
    reload->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5)); // F5 refreshes the current page
    file->addSeparator();
    m_readOnlyAction = file->addAction(tr("Read-&only Mode"));
    m_readOnlyAction->setCheckable(true);
    m_readOnlyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_readOnlyAction->setToolTip(tr("Disable every action that changes a migration"));
    connect(m_readOnlyAction, &QAction::toggled, this, [this](bool on) {
        if (m_session)
            m_session->setReadOnlyOverride(on);
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("Operator &Name…"), this, &MainWindow::editOperatorName);
    QMenu *language = settings->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(language);
    const QList<QPair<QString, QString>> choices = {{QString(), tr("&System Default")},
                                                    {QStringLiteral("en"), QStringLiteral("&English")},
                                                    {QStringLiteral("de"), QStringLiteral("&Deutsch")}};
    for (const auto &[code, label] : choices) {
        QAction *action = language->addAction(label);
        action->setCheckable(true);
        action->setChecked(CockpitSettings::language() == code);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] {
            if (CockpitSettings::language() == code)
                return;
            CockpitSettings::setLanguage(code);
            if (!qEnvironmentVariableIsSet("COCKPIT_NO_MODAL_DIALOGS"))
                QMessageBox::information(
                    this, tr("Language"),
                    tr("The new language is used from the next start of Migration Cockpit."));
        });
    }

    // Qt 6.4 hears of a dark desktop only through some platform themes; elsewhere the user says so here.
    QMenu *scheme = settings->addMenu(tr("&Colour Scheme"));
    auto *schemes = new QActionGroup(scheme);
    const QList<QPair<Theme::Scheme, QString>> schemeChoices = {{Theme::Scheme::System, tr("&System")},
                                                                {Theme::Scheme::Light, tr("&Light")},
                                                                {Theme::Scheme::Dark, tr("&Dark")}};
    for (const auto &[value, label] : schemeChoices) {
        QAction *action = scheme->addAction(label);
        action->setCheckable(true);
        action->setChecked(Theme::schemeFromName(CockpitSettings::colorScheme()) == value);
        schemes->addAction(action);
        connect(action, &QAction::triggered, this, [value = value] {
            CockpitSettings::setColorScheme(Theme::schemeName(value));
            Theme::applyScheme(value);
        });
    }

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_pages.size(); ++i) {
        QAction *action = view->addAction(m_pages.at(i).icon, m_pages.at(i).title, this,
                                          [this, i] { m_sidebar->setCurrentRow(i); });
        if (i < 9)
            action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QAction *activity = m_activityDock->toggleViewAction();
    activity->setText(tr("&Activity"));
    activity->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    view->addAction(activity);
    QAction *refresh = view->addAction(tr("Check &Backends Now"), this, [this] { m_monitor->refreshNow(); });
    refresh->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Migration Cockpit"), this, [this] {
        QMessageBox::about(
            this, tr("About Migration Cockpit"),
            tr("<h3>Migration Cockpit %1</h3><p>Run risky data and code migrations against "
               "staging and production, and see at every moment whether it is safe to go on.</p>")
                .arg(QStringLiteral(COCKPIT_VERSION)));
    });
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = CockpitSettings::recentEnvironments();
    int index = 1;
    for (const QString &path : recent) {
        const QString label = QStringLiteral("&%1 %2").arg(index++).arg(QFileInfo(path).fileName());
        QAction *action = m_recentMenu->addAction(label, this, [this, path] { openEnvironment(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent environments"))->setEnabled(false);
}

void MainWindow::chooseEnvironment()
{
    const QString start = m_session ? QFileInfo(m_session->config().filePath).absolutePath() : QString();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Environment"), start, tr("Environment files (*.json)"));
    if (!path.isEmpty())
        openEnvironment(path);
}

void MainWindow::reopenEnvironment(const QString &path)
{
    m_reopenedAtStart = true;
    openEnvironment(path);
}

void MainWindow::openEnvironment(const QString &path, bool readOnly)
{
    readOnly = readOnly || m_lockedReadOnly;
    if (m_loader.isRunning()) {
        // One open at a time (the demo's first-use data is written by it); the newest asked for runs next
        // and the running one's result is dropped. Nothing waits here.
        m_queuedOpen = std::make_pair(path, readOnly);
        statusBar()->showMessage(tr("Opening %1…").arg(path));
        return;
    }
    m_pendingReadOnly = readOnly;
    statusBar()->showMessage(tr("Opening %1…").arg(path));
    const QString displayName = CockpitSettings::operatorDisplayName();
    m_loader.start(
        [path, displayName, readOnly](const JobToken &) {
            OpenOptions options;
            options.readOnly = readOnly;
            OpenedEnvironment opened = Cockpit::openEnvironment(path, options);
            // A read-only session writes nothing, not even this entry.
            if (opened.ok() && !opened.config->readOnly) {
                // The environment opens either way; a log that cannot be written refuses every transition.
                if (const Result<void> audited = AuditEvents::record(
                        *opened.config, QStringLiteral("environment_opened"), QString(), QStringLiteral("ok"),
                        QStringLiteral("migration-cockpit ") + QStringLiteral(COCKPIT_VERSION), displayName);
                    !audited)
                    qCWarning(lcAudit)
                        << "cannot audit the opening of" << path << ":" << audited.error().message;
            }
            return opened;
        },
        [this](const LoadResult &result) {
            if (const auto queued = std::exchange(m_queuedOpen, std::nullopt))
                openEnvironment(queued->first, queued->second);
            else
                onEnvironmentLoaded(result);
        });
}

void MainWindow::onEnvironmentLoaded(const LoadResult &result)
{
    statusBar()->clearMessage();
    const bool keepReadOnly = std::exchange(m_reloadKeepsReadOnly, false);
    const bool reopened = std::exchange(m_reopenedAtStart, false);
    if (!result.config) {
        qCWarning(lcUi) << "cannot open" << result.path << result.errors;
        showLoadError(result.path, result.errors);
        emit environmentFailed(result.path, result.errors);
        return;
    }
    auto *session = new EnvironmentSession(*result.config, result.gates, this);
    session->setOperatorDisplayName(CockpitSettings::operatorDisplayName());
    session->setReadOnlyOverride(m_pendingReadOnly || keepReadOnly
                                 || (reopened && result.config->kind == EnvironmentKind::Prod));
    applySession(session);
    CockpitSettings::addRecentEnvironment(result.path);
    CockpitSettings::setLastEnvironment(result.path);
    rebuildRecentMenu();
    emit environmentOpened(result.path);
}

void MainWindow::applySession(EnvironmentSession *session)
{
    const int previousRow =
        m_sidebar->currentRow() >= 0 ? m_sidebar->currentRow() : CockpitSettings::lastPage();
    while (m_stack->count() > 0) {
        QWidget *page = m_stack->widget(0);
        m_stack->removeWidget(page);
        page->deleteLater();
    }
    if (m_session)
        m_session->deleteLater();
    m_session = session;
    m_backendReachable.clear();
    for (int i = 0; i < m_sidebar->count(); ++i) {
        m_sidebar->item(i)->setData(SidebarBadgeDelegate::BadgeRole, 0);
        m_sidebar->item(i)->setToolTip(tr("%1 (Ctrl+%2)").arg(m_pages.at(i).title).arg(i + 1));
    }
    connect(session, &EnvironmentSession::activity, this, &MainWindow::onActivity);
    connect(session, &EnvironmentSession::attentionChanged, this, &MainWindow::onAttention);
    new ControlStoreFollower(session); // the views follow changes by anyone
    for (const PageDescriptor &page : std::as_const(m_pages)) {
        // A page shows whole when the window is big enough; on a small screen it scrolls instead of
        // pushing the window, its status lights and its buttons off the screen.
        auto *scroll = new QScrollArea(m_stack);
        scroll->setObjectName(page.id + QLatin1String("Page"));
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        QWidget *widget = page.create(session, scroll);
        widget->setObjectName(page.id + QLatin1String("Content"));
        scroll->setWidget(widget);
        m_stack->addWidget(scroll);
    }
    m_sidebar->setCurrentRow(std::clamp(previousRow, 0, static_cast<int>(m_pages.size()) - 1));
    m_stack->setCurrentIndex(m_sidebar->currentRow());
    m_bar->setSession(session);
    {
        const QSignalBlocker blocker(m_readOnlyAction);
        m_readOnlyAction->setChecked(session->isReadOnly());
    }
    m_readOnlyAction->setEnabled(!session->config().readOnly);
    const EnvironmentConfig &config = session->config();
    setWindowTitle(tr("%1 (%2) — Migration Cockpit").arg(config.name, environmentKindName(config.kind)));
    const OperatorIdentity op = session->operatorIdentity();
    m_operatorLabel->setFullText(tr("Operator: %1 on %2").arg(op.label(), op.host));
    m_monitor->setEnvironment(config);
}

void MainWindow::showLoadError(const QString &path, const QStringList &errors)
{
    QMessageBox box(QMessageBox::Critical, tr("Cannot open environment"),
                    tr("The environment file %1 cannot be opened.").arg(path), QMessageBox::Ok, this);
    box.setInformativeText(
        errors.mid(0, 5).join(QLatin1Char('\n'))
        + (errors.size() > 5 ? tr("\n… and %n more", "", static_cast<int>(errors.size() - 5)) : QString()));
    box.setDetailedText(errors.join(QLatin1Char('\n')));
    if (qEnvironmentVariableIsSet("COCKPIT_NO_MODAL_DIALOGS"))
        return; // automated runs (tests, screenshot script) read the signal instead
    box.exec();
}

void MainWindow::editOperatorName()
{
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Operator Name"), tr("Name recorded with your OS user in the audit log:"), QLineEdit::Normal,
        CockpitSettings::operatorDisplayName(), &ok);
    if (!ok)
        return;
    CockpitSettings::setOperatorDisplayName(name.trimmed());
    if (m_session) {
        m_session->setOperatorDisplayName(name.trimmed());
        const OperatorIdentity op = m_session->operatorIdentity();
        m_operatorLabel->setFullText(tr("Operator: %1 on %2").arg(op.label(), op.host));
    }
}

void MainWindow::showShortcuts()
{
    QString rows;
    for (int i = 0; i < m_pages.size() && i < 9; ++i)
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i))
                             .toString(QKeySequence::NativeText),
                         m_pages.at(i).title);
    QMessageBox::information(
        this, tr("Keyboard Shortcuts"),
        tr("<table cellspacing=6>%1<tr><td>Ctrl+O</td><td>Open environment</td></tr>"
           "<tr><td>F5</td><td>Refresh the current page</td></tr><tr><td>Ctrl+Shift+F5</td><td>Reload environment</td></tr><tr><td>Ctrl+B</td><td>Check "
           "backends now</td></tr>"
           "<tr><td>Ctrl+R</td><td>Run reconciliation now (Ledger, Discrepancies)</td></tr>"
           "<tr><td>Ctrl+Shift+A</td><td>Activity panel</td></tr>"
           "<tr><td>Ctrl+Shift+R</td><td>Read-only "
           "mode</td></tr><tr><td>Ctrl+Q</td><td>Quit</td></tr></table>")
                .arg(rows)
            + tr(
                "<table cellspacing=6><tr><td>In a chart</td><td>Drag: zoom · Shift+drag: pan · + − ← →: zoom "
                "and pan · Home or Escape: whole range · click a legend entry: hide or show it</td></tr>"
                "<tr><td>In a table</td><td>Ctrl+C: copy the selected rows · Enter or double-click: open · "
                "Tab: leave the table · right-click: copy, columns</td></tr></table>"));
}

void MainWindow::createActivityDock()
{
    m_activity = new ActivityModel(ActivityModel::DefaultMaxRows, this);
    auto *panel = new ActivityPanel(m_activity);
    m_activityDock = new QDockWidget(tr("Activity"), this);
    m_activityDock->setObjectName(QStringLiteral("activityDock"));
    m_activityDock->setWidget(panel);
    m_activityDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_activityDock);
    m_activityDock->hide(); // opened from the status bar or View > Activity
    m_activityButton = new QToolButton(this);
    m_activityButton->setObjectName(QStringLiteral("activityButton"));
    m_activityButton->setAutoRaise(true);
    m_activityButton->setToolTip(tr("Show the background activity (Ctrl+Shift+A)"));
    statusBar()->addPermanentWidget(m_activityButton);
    connect(m_activityButton, &QToolButton::clicked, this,
            [this] { m_activityDock->setVisible(!m_activityDock->isVisible()); });
    // Opened for the first time, it gets room for a dozen rows rather than its minimum.
    connect(m_activityDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && !std::exchange(m_activitySized, true))
            resizeDocks({m_activityDock}, {std::max(220, height() / 3)}, Qt::Vertical);
    });
    connect(m_activityDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            m_activity->markSeen();
        updateActivityButton();
    });
    connect(m_activity, &ActivityModel::unseenWarningsChanged, this, &MainWindow::updateActivityButton);
    updateActivityButton();
}

// The sidebar stands apart from the pages by a shade of the window colour, light or dark alike.
void MainWindow::styleSidebar()
{
    const QPalette p = QGuiApplication::palette();
    const bool dark = Theme::isDark(p);
    const QColor window = p.color(QPalette::Window);
    const QColor background = dark ? window.darker(125) : window.darker(108);
    const QColor hover = dark ? window.lighter(115) : window.darker(115);
    m_sidebar->setStyleSheet(
        QStringLiteral("#navigationSidebar { background: %1; padding-top: 8px; outline: 0; }"
                       "#navigationSidebar::item { padding: 10px 14px; border-left: 3px solid transparent; }"
                       "#navigationSidebar::item:selected { background: palette(highlight); "
                       "color: palette(highlighted-text); border-left: 3px solid %2; }"
                       "#navigationSidebar::item:hover:!selected { background: %3; }")
            .arg(background.name(), Theme::text(Theme::Tone::Good, p).name(), hover.name()));
}

void MainWindow::updateActivityButton()
{
    const int unseen = m_activityDock->isVisible() ? 0 : m_activity->unseenWarnings();
    m_activityButton->setText(unseen > 0 ? tr("⚠ Activity: %n new warning(s)", "", unseen) : tr("Activity"));
    m_activityButton->setStyleSheet(
        unseen > 0 ? QStringLiteral("QToolButton { color: %1; font-weight: bold; }")
                         .arg(Theme::text(Theme::Tone::Bad, QApplication::palette(m_activityButton)).name())
                   : QString());
}

void MainWindow::onActivity(const ActivityEvent &event)
{
    if (!m_session || sender() != m_session)
        return; // a closed environment's last words
    const QString environment = m_session->config().name;
    const bool added = m_activity->add(environment, event);
    if (m_activityDock->isVisible())
        m_activity->markSeen();
    // A repeat is counted, not notified again.
    if (added && event.notify)
        m_notifier->notify(tr("%1: %2").arg(environment, event.source), event.text,
                           event.severity == ActivityEvent::Severity::Critical);
}

void MainWindow::onAttention(const QString &page, int count, const QString &summary)
{
    if (sender() != m_session)
        return;
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i).id != page)
            continue;
        QListWidgetItem *item = m_sidebar->item(i);
        item->setData(SidebarBadgeDelegate::BadgeRole, count);
        const QString base = tr("%1 (Ctrl+%2)").arg(m_pages.at(i).title).arg(i + 1);
        item->setToolTip(count > 0 ? base + QLatin1Char('\n') + summary : base);
        item->setData(Qt::AccessibleDescriptionRole, count > 0 ? summary : QString());
    }
}

void MainWindow::reportBackendChanges(const QList<BackendStatus> &statuses)
{
    if (!m_session)
        return;
    for (const BackendStatus &s : statuses) {
        const auto known = m_backendReachable.constFind(s.label);
        const bool first = known == m_backendReachable.cend();
        if ((first && s.reachable) || (!first && *known == s.reachable)) {
            m_backendReachable.insert(s.label, s.reachable);
            continue;
        }
        m_backendReachable.insert(s.label, s.reachable);
        ActivityEvent event;
        event.source = tr("Backends");
        event.severity = s.reachable ? ActivityEvent::Severity::Info : ActivityEvent::Severity::Warning;
        event.text = s.reachable ? tr("%1 is reachable again (%2)").arg(s.label, s.target)
                                 : tr("%1 is unreachable: %2").arg(s.label, s.message);
        m_session->report(event);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    CockpitSettings::setWindowGeometry(saveGeometry());
    CockpitSettings::setWindowState(saveState());
    CockpitSettings::setLastPage(m_sidebar->currentRow());
    event->accept();
}

} // namespace Cockpit
