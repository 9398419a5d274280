// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_tracker.h"
#include "control/gate_registry.h"
#include "control/migration_status.h"
#include "wiring/environment_session.h"

#include <QWidget>

#include <memory>

class QHBoxLayout;
class QResizeEvent;
class QLabel;
class QPushButton;

namespace Cockpit {

// A migration's phases in a row, the current one marked (bold, framed, "▶", and "current" in its accessible
// name, never by colour alone), with Cutover and Rollback buttons that open the TransitionDialog. Lane pages
// embed it:
//
//     auto *stepper = new PhaseStepper(session, QStringLiteral("ledger"), this);
//     connect(stepper, &PhaseStepper::transitionCompleted, this, &LedgerPage::refresh);
//
// refresh() reads the state in a worker thread; showStatus() takes a status somebody else already read
// (the Overview). An interrupted transition turns the buttons into Resume and Roll back.
class PhaseStepper : public QWidget
{
    Q_OBJECT

public:
    PhaseStepper(EnvironmentSession *session, QString migrationId, QWidget *parent = nullptr);
    ~PhaseStepper() override;

    // Gates for the dialog; defaults to the session's. Must outlive the stepper.
    void setGateRegistry(std::shared_ptr<const GateRegistry> registry) { m_registry = std::move(registry); }
    QString migrationId() const { return m_migrationId; }
    QString currentPhase() const { return m_status.state.phase; }
    QPushButton *cutoverButton() const { return m_cutover; }
    QPushButton *rollbackButton() const { return m_rollback; }
    // Whether Rollback/Cutover move below the phases when both do not fit in one row (the default); off for
    // a stepper in a horizontally scrolling area, which keeps one row.
    void setButtonsWrap(bool wrap);
    // Accessible names of the phase chips, in order (tests, screen readers).
    QStringList phaseTexts() const;

public slots:
    void refresh();
    void showStatus(const Cockpit::MigrationStatus &status);

signals:
    void transitionCompleted(const QString &migrationId, const QString &phase);
    // Every time a status is shown (after refresh(), showStatus() or a transition): pages follow the phase.
    void statusChanged(const Cockpit::MigrationStatus &status);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void openDialog(bool advance);
    void rebuild();
    void updateButtons();
    void placeButtons(int width);

    EnvironmentSession *m_session;
    QString m_migrationId;
    std::shared_ptr<const GateRegistry> m_registry; // shared with the reads, which may outlive the stepper
    MigrationStatus m_status;
    bool m_loaded = false;
    JobTracker<MigrationStatus> m_read;

    QHBoxLayout *m_chips = nullptr;
    QHBoxLayout *m_top = nullptr;    // the phases, and the buttons when they fit beside them
    QHBoxLayout *m_bottom = nullptr; // the interrupted-transition notice, and the buttons when they do not
    QWidget *m_buttons = nullptr;
    bool m_oneRow = true;
    bool m_wrap = true;
    QList<QLabel *> m_chipLabels;
    QLabel *m_interrupted = nullptr;
    QPushButton *m_cutover = nullptr;
    QPushButton *m_rollback = nullptr;
    bool m_refreshAgain = false; // the store changed while a read was running
};

} // namespace Cockpit
