// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_tracker.h"
#include "state/state_diff_result.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;
class QSplitter;
class QTreeWidget;
class QVBoxLayout;

namespace Cockpit {

class EnvironmentSession;
class RecordCompareView;
class StateDiffFilterProxy;
class StateDiffModel;
class StateSyncPanel;

// The Deployment State page: LevelDB vs the JSON deployment files of one environment.
// Chain tree with counts and data health, the diff table, one record side by side, Sync (dry-run preview,
// progress, cancel), and a slot at the top where the main window embeds the phase stepper.
// The diff runs in a worker (JobTracker), so that a result older than the latest request is dropped and
// closing the page never waits for a diff; a debounced file watcher refreshes it when either store changes on
// disk. Threading: GUI thread only.
class DeploymentStatePage : public QWidget
{
    Q_OBJECT

public:
    explicit DeploymentStatePage(EnvironmentSession *session, QWidget *parent = nullptr);
    ~DeploymentStatePage() override;

    // Places the phase stepper (owned by the caller's widget tree) above everything else.
    void setPhaseStepper(QWidget *stepper);
    QWidget *phaseSlot() const { return m_phaseSlot; }

    std::shared_ptr<const StateDiffResult> currentResult() const;
    StateDiffModel *model() const { return m_model; }
    StateDiffFilterProxy *proxy() const { return m_proxy; }
    StateSyncPanel *syncPanel() const { return m_syncPanel; }

public slots:
    void refresh();

signals:
    // Emitted after each applied diff result (tests wait on it).
    void diffUpdated();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyResult(std::shared_ptr<const StateDiffResult> result);
    void fillChainTree(const StateDiffResult &result);
    void fitChainTreeWidth();
    void onChainSelected();
    void onRowSelected();
    void rewatch();
    void updateActions();

    EnvironmentSession *m_session;
    JobTracker<std::shared_ptr<const StateDiffResult>> m_diff;
    QWidget *m_phaseSlot;
    QVBoxLayout *m_phaseLayout;
    QLabel *m_sources;
    QLabel *m_status;
    QLabel *m_findings;
    QPushButton *m_refreshButton;
    QPushButton *m_syncButton;
    QCheckBox *m_differencesOnly;
    QLineEdit *m_search;
    QTreeWidget *m_chains;
    StateDiffModel *m_model;
    StateDiffFilterProxy *m_proxy;
    QTableView *m_table;
    RecordCompareView *m_compare;
    StateSyncPanel *m_syncPanel;
    QFileSystemWatcher *m_watcher;
    QTimer *m_debounce;
    QSplitter *m_split = nullptr;
    // The chain tree is widened to fit its columns once, at the first result; later the user's splitter
    // position is kept.
    bool m_chainWidthFitted = false;
};

} // namespace Cockpit
