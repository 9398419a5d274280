// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_tracker.h"
#include "config/environment_config.h"
#include "ui/shell/page_descriptor.h"
#include "wiring/backend_probe.h"
#include "wiring/environment_opener.h"
#include "wiring/environment_session.h"

#include <QHash>
#include <QList>
#include <QMainWindow>
#include <QPointer>

#include <optional>
#include <utility>

class QDockWidget;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QToolButton;

namespace Cockpit {

class ElidedLabel;

class ActivityModel;
class BackendMonitor;
class DesktopNotifier;
class EnvironmentBar;

// The main window only wires pages together: the sidebar, the environment bar, the menus and opening an
// environment. Each page is its own widget with its own controller.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QList<PageDescriptor> pages, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads and validates the file and (for demo) creates its data in a worker; the window stays responsive.
    // readOnly locks the session read-only (it cannot be switched off in the window).
    void openEnvironment(const QString &path, bool readOnly = false);
    // The environment open when the window last closed, opened again at start: a prod one opens read-only,
    // as a choice the user can switch off (File ▸ Read-only Mode), so that a start never lands in a
    // writable production session unasked.
    void reopenEnvironment(const QString &path);
    // Every environment this window opens is locked read-only (--read-only on the command line), also those
    // opened later from the File menu.
    void lockReadOnly() { m_lockedReadOnly = true; }
    EnvironmentSession *session() const { return m_session; }
    EnvironmentBar *environmentBar() const { return m_bar; }
    int pageCount() const;
    QString currentPageId() const;
    void showPage(const QString &id);
    ActivityModel *activity() const { return m_activity; }
    DesktopNotifier *notifier() const { return m_notifier; }

signals:
    void environmentOpened(const QString &path);
    void environmentFailed(const QString &path, const QStringList &errors);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    using LoadResult = OpenedEnvironment;

    void createMenus();
    void rebuildRecentMenu();
    void onEnvironmentLoaded(const LoadResult &result);
    void applySession(EnvironmentSession *session);
    void showLoadError(const QString &path, const QStringList &errors);
    void chooseEnvironment();
    void editOperatorName();
    void showShortcuts();
    void createActivityDock();
    // A background event of the open environment: the Activity panel, and the desktop when it asks for it.
    void onActivity(const ActivityEvent &event);
    void onAttention(const QString &page, int count, const QString &summary);
    // Backends that became unreachable or reachable again are activity too.
    void reportBackendChanges(const QList<BackendStatus> &statuses);
    void updateActivityButton();
    void styleSidebar();

    QList<PageDescriptor> m_pages;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_stack = nullptr;
    EnvironmentBar *m_bar = nullptr;
    BackendMonitor *m_monitor = nullptr;
    ElidedLabel *m_operatorLabel = nullptr;
    ElidedLabel *m_checkedLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_readOnlyAction = nullptr;
    bool m_reloadKeepsReadOnly = false;
    bool m_reopenedAtStart = false;
    bool m_lockedReadOnly = false;
    QPointer<EnvironmentSession> m_session;
    JobTracker<LoadResult> m_loader;
    std::optional<std::pair<QString, bool>> m_queuedOpen; // path, read-only: asked for while one opened
    bool m_pendingReadOnly = false;
    ActivityModel *m_activity = nullptr;
    QDockWidget *m_activityDock = nullptr;
    QToolButton *m_activityButton = nullptr;
    bool m_activitySized = false;
    DesktopNotifier *m_notifier = nullptr;
    QHash<QString, bool> m_backendReachable; // label -> reachable at the last probe of this environment
};

} // namespace Cockpit
