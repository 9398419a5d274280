// SPDX-License-Identifier: MIT
#include "ui/control/phase_stepper.h"

#include "control/transition_service.h"
#include "ui/control/transition_dialog.h"
#include "ui/shell/theme.h"

#include <utility>

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace Cockpit {

PhaseStepper::PhaseStepper(EnvironmentSession *session, QString migrationId, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_migrationId(std::move(migrationId))
    , m_registry(session->sharedGates())
{
    if (auto definition = MigrationDefinition::find(session->config(), m_migrationId))
        m_status.definition = *definition;
    setAccessibleName(tr("Phases of %1").arg(m_migrationId));

    m_chips = new QHBoxLayout;
    m_chips->setSpacing(4);
    m_interrupted = new QLabel(this);
    m_interrupted->setWordWrap(true);
    m_interrupted->setVisible(false);
    m_cutover =
        new QPushButton(QApplication::style()->standardIcon(QStyle::SP_ArrowForward), tr("&Cutover…"), this);
    m_rollback = new QPushButton(tr("Roll&back…"), this);
    // Qt's own arrows are both green; going back is the path of an emergency, in the warning tone.
    const auto toneRollback = [this] {
        m_rollback->setIcon(Theme::toneIcon(QApplication::style()->standardIcon(QStyle::SP_ArrowBack),
                                            Theme::Tone::Warning, QApplication::palette(m_rollback)));
    };
    toneRollback();
    Theme::onPaletteChange(this, toneRollback);
    m_cutover->setAccessibleName(tr("Cutover %1").arg(m_migrationId));
    m_rollback->setAccessibleName(tr("Rollback %1").arg(m_migrationId));
    m_buttons = new QWidget(this);
    auto *buttons = new QHBoxLayout(m_buttons);
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_rollback);
    buttons->addWidget(m_cutover);
    // The buttons sit at the end of the phases' row when both fit, else on a row of their own (see
    // resizeEvent); the interrupted-transition notice always gets the row below.
    m_top = new QHBoxLayout;
    m_top->addLayout(m_chips, 1);
    m_top->addWidget(m_buttons, 0, Qt::AlignRight);
    m_bottom = new QHBoxLayout;
    m_bottom->addWidget(m_interrupted, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_top);
    layout->addLayout(m_bottom);

    connect(m_cutover, &QPushButton::clicked, this, [this] { openDialog(true); });
    connect(m_rollback, &QPushButton::clicked, this, [this] { openDialog(false); });
    connect(m_session, &EnvironmentSession::readOnlyChanged, this, &PhaseStepper::updateButtons);
    // A phase moved by anyone (another cockpit, cockpitctl, the guard) shows here within the follower's poll.
    connect(m_session, &EnvironmentSession::controlStoreChanged, this, [this] {
        if (m_read.isRunning())
            m_refreshAgain = true; // one more read when this one is done, however many changes came
        else
            refresh();
    });
    rebuild();
}

PhaseStepper::~PhaseStepper() = default;

void PhaseStepper::refresh()
{
    const EnvironmentConfig config = m_session->config();
    const OperatorIdentity identity = m_session->operatorIdentity();
    const bool readOnly = m_session->isReadOnly();
    const QString id = m_migrationId;
    const std::shared_ptr<const GateRegistry> registry = m_registry;
    m_read.start(
        [=](const JobToken &) {
            std::unique_ptr<ControlStore> store = ControlStore::create(config);
            TransitionService service(config, identity, readOnly, *store, *registry);
            if (!service.open())
                return MigrationStatus{};
            // An unreadable store leaves the stepper as it was: the backend lights say why.
            const Result<QList<MigrationStatus>> statuses = service.status();
            for (const MigrationStatus &s : statuses.value_or(QList<MigrationStatus>())) {
                if (s.definition.id() == id)
                    return s;
            }
            return MigrationStatus{};
        },
        [this](const MigrationStatus &status) {
            if (status.definition.isValid())
                showStatus(status);
            if (std::exchange(m_refreshAgain, false))
                refresh();
        },
        JobStart::SkipIfCancelled);
}

void PhaseStepper::showStatus(const MigrationStatus &status)
{
    m_status = status;
    m_loaded = true;
    rebuild();
    emit statusChanged(m_status);
}

QStringList PhaseStepper::phaseTexts() const
{
    QStringList texts;
    for (const QLabel *l : m_chipLabels)
        texts.append(l->accessibleName());
    return texts;
}

void PhaseStepper::rebuild()
{
    while (QLayoutItem *item = m_chips->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_chipLabels.clear();
    const QList<MigrationPhase> phases = m_status.definition.phases();
    const int current = m_loaded ? m_status.definition.phaseIndex(m_status.state.phase) : -1;
    for (int i = 0; i < phases.size(); ++i) {
        const MigrationPhase &p = phases.at(i);
        // Glyph and weight carry the state, so it reads without colour: ✓ done, ▶ current, ○ ahead.
        const QString glyph = i < current    ? QStringLiteral("✓")
                              : i == current ? QStringLiteral("▶")
                                             : QStringLiteral("○");
        auto *chip = new QLabel(glyph + QLatin1Char(' ') + p.id, this);
        QStringList flags;
        for (auto it = p.flags.cbegin(); it != p.flags.cend(); ++it)
            flags.append(it.key() + QLatin1Char('=') + it.value());
        chip->setToolTip(p.label + QLatin1Char('\n') + flags.join(QLatin1Char('\n')));
        chip->setAccessibleName(i == current  ? tr("%1, current phase").arg(p.id)
                                : i < current ? tr("%1, done").arg(p.id)
                                              : tr("%1, ahead").arg(p.id));
        chip->setMargin(4);
        if (i == current) {
            QFont f = chip->font();
            f.setBold(true);
            chip->setFont(f);
            chip->setFrameShape(QFrame::Box);
            chip->setLineWidth(2);
            chip->setBackgroundRole(QPalette::Highlight);
            chip->setForegroundRole(QPalette::HighlightedText);
            chip->setAutoFillBackground(true);
        } else {
            chip->setFrameShape(QFrame::StyledPanel);
            // Ahead: quieter, but readable (a disabled label's grey is not).
            if (i > current)
                chip->setForegroundRole(QPalette::PlaceholderText);
        }
        m_chips->addWidget(chip);
        chip->show(); // added after the stepper is visible: show now, not on the next event loop pass
        m_chipLabels.append(chip);
        if (i + 1 < phases.size()) {
            auto *arrow = new QLabel(QStringLiteral("→"), this);
            arrow->setAccessibleName(QString());
            m_chips->addWidget(arrow);
            arrow->show();
        }
    }
    m_chips->addStretch();
    if (m_status.interrupted) {
        const TransitionIntent &i = *m_status.interrupted;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_interrupted->setText(
            i.isRunning(now)
                ? QStringLiteral("↻ ")
                      + tr("Transition %1 → %2 is running (by %3 on %4, heartbeat %5 s ago).")
                            .arg(i.fromPhase, i.toPhase, i.operatorLabel, i.host)
                            .arg(i.heartbeatAt.secsTo(now))
                : QStringLiteral("⚠ ")
                      + tr("Interrupted transition %1 → %2 (started by %3 on %4). Resume it or roll it back.")
                            .arg(i.fromPhase, i.toPhase, i.operatorLabel, i.host));
    }
    m_interrupted->setVisible(m_status.interrupted.has_value());
    updateButtons();
    // The narrowest the stepper gets: the phases' row, or the buttons if wider; below one row's width the
    // buttons move to the next row instead of being squeezed. Kept in one row, its layout sets the minimum.
    if (m_wrap)
        setMinimumWidth(std::max(m_chips->minimumSize().width(), m_buttons->minimumSizeHint().width()));
    placeButtons(width());
}

void PhaseStepper::setButtonsWrap(bool wrap)
{
    m_wrap = wrap;
    if (!wrap)
        setMinimumWidth(0); // the layout's minimum (one row) applies again
    placeButtons(width());
}

void PhaseStepper::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    placeButtons(event->size().width());
}

void PhaseStepper::placeButtons(int width)
{
    const bool oneRow =
        !m_wrap || width >= m_chips->sizeHint().width() + m_top->spacing() + m_buttons->sizeHint().width();
    if (oneRow == m_oneRow)
        return;
    m_oneRow = oneRow;
    (oneRow ? m_bottom : m_top)->removeWidget(m_buttons);
    // Aligned, so that on a row of their own the buttons keep their size at the end instead of stretching.
    (oneRow ? m_top : m_bottom)->addWidget(m_buttons, 0, Qt::AlignRight);
    updateGeometry();
}

void PhaseStepper::updateButtons()
{
    const bool readOnly = m_session->isReadOnly();
    const bool interrupted = m_status.interrupted.has_value();
    m_cutover->setText(interrupted ? tr("&Resume…") : tr("&Cutover…"));
    m_rollback->setText(tr("Roll&back…"));
    const auto next = m_status.nextAdvance();
    const auto back = m_status.nextRollback();
    m_cutover->setEnabled(m_loaded && !readOnly && (interrupted || next.has_value()));
    m_rollback->setEnabled(m_loaded && !readOnly && (interrupted || back.has_value()));
    const QString ro = tr("Read-only session: actions are disabled");
    m_cutover->setToolTip(readOnly ? ro
                          : next   ? tr("%1 → %2: %3").arg(m_status.state.phase, next->to, next->label)
                                   : tr("Final phase"));
    m_rollback->setToolTip(readOnly ? ro
                           : back   ? tr("%1 → %2: %3").arg(m_status.state.phase, back->to, back->label)
                                    : tr("Nothing to roll back"));
}

void PhaseStepper::openDialog(bool advance)
{
    TransitionService::Request request;
    request.migration = m_migrationId;
    request.direction =
        m_status.interrupted
            ? (advance ? TransitionService::Direction::Resume : TransitionService::Direction::Rollback)
            : (advance ? TransitionService::Direction::Advance : TransitionService::Direction::Rollback);
    // The GUI always acts on the phase it showed.
    request.fromPhase = m_status.interrupted ? m_status.interrupted->fromPhase : m_status.state.phase;
    auto *dialog = new TransitionDialog(m_session, request, m_registry, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TransitionDialog::executionFinished, this, [this, dialog](bool ok) {
        if (ok)
            emit transitionCompleted(m_migrationId, dialog->outcome().phase);
        refresh();
    });
    dialog->open();
}

} // namespace Cockpit
