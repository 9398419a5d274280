// SPDX-License-Identifier: MIT
#include "ui/control/overview_page.h"

#include "ui/control/migration_card.h"
#include "ui/control/phase_stepper.h"

#include <utility>

#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Cockpit {

OverviewPage::OverviewPage(EnvironmentSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_registry(session->sharedGates())
{
    setAccessibleName(tr("Overview"));
    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_status = new QLabel(tr("Loading…"), this);
    m_status->setAccessibleName(tr("Overview status"));
    m_status->setWordWrap(true); // a backend's error can be long; it wraps rather than widening the window
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setAccessibleName(tr("Refresh overview"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_refresh);

    auto *content = new QWidget;
    m_grid = new QGridLayout(content);
    m_grid->setSpacing(12);
    int index = 0;
    m_content = content;
    for (const MigrationDefinition &d : MigrationDefinition::allFor(session->config())) {
        auto *card = new MigrationCard(session, d.id(), m_registry, content);
        connect(card, &MigrationCard::transitionCompleted, this, &OverviewPage::refresh);
        m_cards.insert(d.id(), card);
        m_order.append(d.id());
        ++index;
    }
    Q_UNUSED(index)
    arrangeCards(2);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);

    auto updateBanner = [this] {
        m_banner->setText(tr("READ-ONLY session: Cutover and Rollback are disabled."));
        m_banner->setVisible(m_session->isReadOnly());
    };
    updateBanner();
    connect(session, &EnvironmentSession::readOnlyChanged, this, updateBanner);
    // Follows changes by anyone; a hidden page reloads when it is shown (its gates are not free to judge).
    connect(session, &EnvironmentSession::controlStoreChanged, this, [this] {
        if (!isVisible())
            m_loadedOnce = false;
        else if (m_load.isRunning())
            m_refreshAgain = true; // one more load when this one is done, however many changes came
        else
            refresh();
    });
    connect(m_refresh, &QPushButton::clicked, this, &OverviewPage::refresh);
}

OverviewPage::~OverviewPage() = default;

void OverviewPage::setGateRegistry(std::shared_ptr<const GateRegistry> registry)
{
    m_registry = std::move(registry);
    for (MigrationCard *card : std::as_const(m_cards))
        card->stepper()->setGateRegistry(m_registry);
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce)
        refresh();
}

QString OverviewPage::statusText() const
{
    return m_status->text();
}

void OverviewPage::refresh()
{
    m_loadedOnce = true;
    const EnvironmentConfig config = m_session->config();
    const OperatorIdentity identity = m_session->operatorIdentity();
    const bool readOnly = m_session->isReadOnly();
    const std::shared_ptr<const GateRegistry> registry = m_registry;
    m_status->setText(tr("Loading…"));
    m_refresh->setEnabled(false);
    m_load.start(
        [=](const JobToken &) {
            return ControlSnapshot::load(config, identity, readOnly, *registry, true, 3);
        },
        [this](const ControlSnapshot &snapshot) {
            apply(snapshot);
            if (std::exchange(m_refreshAgain, false))
                refresh();
        },
        JobStart::SkipIfCancelled);
}

void OverviewPage::apply(const ControlSnapshot &snapshot)
{
    m_refresh->setEnabled(true);
    if (!snapshot.result) {
        m_status->setText(
            tr("Error: cannot read the control database: %1").arg(errorMessage(snapshot.result)));
        emit refreshed();
        return;
    }
    int interrupted = 0;
    int running = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const MigrationStatus &s : snapshot.migrations) {
        if (s.interrupted)
            ++(s.interrupted->isRunning(now) ? running : interrupted);
        if (MigrationCard *card = m_cards.value(s.definition.id())) {
            card->show(s, snapshot.nextGates.value(s.definition.id()),
                       snapshot.nextGates.contains(s.definition.id()),
                       snapshot.recentAudit.value(s.definition.id()));
        }
    }
    const QString when = QDateTime::currentDateTimeUtc().toString(QStringLiteral("HH:mm:ss"));
    m_status->setText(
        interrupted > 0
            ? QStringLiteral("⚠ ") + tr("%n interrupted transition(s) need attention", nullptr, interrupted)
                  + tr(" · updated %1 UTC").arg(when)
        : running > 0
            ? QStringLiteral("↻ ") + tr("%n transition(s) running", nullptr, running)
                  + tr(" · updated %1 UTC").arg(when)
            : tr("%n migration(s) · updated %1 UTC", nullptr, int(snapshot.migrations.size())).arg(when));
    emit refreshed();
}

} // namespace Cockpit

namespace Cockpit {

void OverviewPage::arrangeCards(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (MigrationCard *card : std::as_const(m_cards))
        m_grid->removeWidget(card);
    // Ledger and state first, then the module rollouts, `columns` per row.
    for (int i = 0; i < m_order.size(); ++i)
        m_grid->addWidget(m_cards.value(m_order.at(i)), i / columns, i % columns);
    for (int row = 0; row < m_grid->rowCount(); ++row)
        m_grid->setRowStretch(row, 0);
    m_grid->setRowStretch(m_grid->rowCount(), 1);
}

void OverviewPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Two columns only when two cards fit side by side without being cut off.
    int widest = 0;
    for (const MigrationCard *card : std::as_const(m_cards))
        widest = std::max(widest, card->sizeHint().width());
    const int available = width() - 40;
    arrangeCards(available >= 2 * widest + m_grid->horizontalSpacing() ? 2 : 1);
}

} // namespace Cockpit
