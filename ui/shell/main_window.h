// SPDX-License-Identifier: MIT
#pragma once

#include "common/environment_config.h"
#include "common/environment_session.h"
#include "shell/page_descriptor.h"

#include <QFutureWatcher>
#include <QList>
#include <QMainWindow>
#include <QPointer>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace Cockpit {

class BackendMonitor;
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
    void openEnvironment(const QString &path, bool readOnly = false);
    EnvironmentSession *session() const { return m_session; }
    EnvironmentBar *environmentBar() const { return m_bar; }
    int pageCount() const;
    QString currentPageId() const;
    void showPage(const QString &id);

signals:
    void environmentOpened(const QString &path);
    void environmentFailed(const QString &path, const QStringList &errors);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct LoadResult
    {
        QString path;
        QStringList errors;
        std::optional<EnvironmentConfig> config;
    };

    void createMenus();
    void rebuildRecentMenu();
    void onEnvironmentLoaded();
    void applySession(EnvironmentSession *session);
    void showLoadError(const QString &path, const QStringList &errors);
    void chooseEnvironment();
    void editOperatorName();
    void showShortcuts();

    QList<PageDescriptor> m_pages;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_stack = nullptr;
    EnvironmentBar *m_bar = nullptr;
    BackendMonitor *m_monitor = nullptr;
    QLabel *m_operatorLabel = nullptr;
    QLabel *m_checkedLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_readOnlyAction = nullptr;
    QPointer<EnvironmentSession> m_session;
    QFutureWatcher<LoadResult> m_loader;
    bool m_pendingReadOnly = false;
};

} // namespace Cockpit
