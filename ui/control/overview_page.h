// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_tracker.h"
#include "control/control_snapshot.h"
#include "wiring/environment_session.h"

#include <QMap>
#include <QWidget>

class QGridLayout;
class QLabel;
class QPushButton;

namespace Cockpit {

class GateRegistry;
class MigrationCard;

// The Overview page: one card per migration (phase, health, next transition's gates, latest audit entries).
// Data is read in a worker thread (ControlSnapshot); a refresh that arrives after a newer one was started is
// dropped, and closing the page never waits for one.
class OverviewPage : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewPage(EnvironmentSession *session, QWidget *parent = nullptr);
    ~OverviewPage() override;

    // Gates for the next-transition summaries and the dialogs; defaults to the session's. Shared with the
    // loads, which may outlive the page.
    void setGateRegistry(std::shared_ptr<const GateRegistry> registry);
    MigrationCard *card(const QString &migrationId) const { return m_cards.value(migrationId); }
    QString statusText() const;

public slots:
    void refresh();

signals:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void arrangeCards(int columns);
    void apply(const ControlSnapshot &snapshot);

    EnvironmentSession *m_session;
    std::shared_ptr<const GateRegistry> m_registry; // shared with the loads, which may outlive the page
    bool m_loadedOnce = false;
    JobTracker<ControlSnapshot> m_load;
    QMap<QString, MigrationCard *> m_cards;
    QStringList m_order;
    QWidget *m_content = nullptr;
    int m_columns = 0;
    QGridLayout *m_grid = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_refresh = nullptr;
    bool m_refreshAgain = false; // the store changed while a load was running
};

} // namespace Cockpit
