// SPDX-License-Identifier: MIT
#include "ui/shell/environment_bar.h"

#include "ui/shell/display_path.h"
#include "ui/shell/elided_label.h"
#include "ui/shell/status_light.h"
#include "ui/shell/theme.h"
#include "wiring/environment_session.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>

namespace Cockpit {

namespace {

QString kindText(EnvironmentKind kind)
{
    switch (kind) {
    case EnvironmentKind::Prod:
        return EnvironmentBar::tr("PRODUCTION");
    case EnvironmentKind::Staging:
        return EnvironmentBar::tr("STAGING");
    case EnvironmentKind::Demo:
        break;
    }
    return EnvironmentBar::tr("DEMO");
}

} // namespace

EnvironmentBar::EnvironmentBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("environmentBar"));
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(12);

    m_kind = new QLabel(this);
    m_kind->setObjectName(QStringLiteral("environmentKind"));
    m_kind->setAlignment(Qt::AlignCenter);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("environmentName"));
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.25);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_path = new ElidedLabel(this);
    m_path->setObjectName(QStringLiteral("environmentPath"));
    // The whole path: in the tooltip, and copied by the context menu.
    m_path->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copyPath = new QAction(tr("&Copy Path"), m_path);
    connect(copyPath, &QAction::triggered, this,
            [this] { QGuiApplication::clipboard()->setText(m_path->toolTip()); });
    m_path->addAction(copyPath);
    m_readOnly = new QLabel(tr("READ-ONLY: actions disabled"), this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyBadge"));
    m_readOnly->setStyleSheet(QStringLiteral(
        "QLabel { border: 1px solid palette(window-text); border-radius: 3px; padding: 2px 6px; font-weight: bold; }"));
    m_readOnly->hide();

    layout->addWidget(m_kind);
    layout->addWidget(m_name);
    layout->addWidget(m_readOnly);
    layout->addWidget(m_path, 1);

    const QList<QPair<BackendStatus::Id, QString>> lights = {
        {BackendStatus::Id::Ledger, tr("Ledger DB")},
        {BackendStatus::Id::LevelDb, tr("LevelDB")},
        {BackendStatus::Id::JsonFolder, tr("JSON folder")},
        {BackendStatus::Id::Metrics, tr("Metrics")},
    };
    for (const auto &[id, label] : lights) {
        auto *light = new StatusLight(label, this);
        m_lights.insert(id, light);
        layout->addWidget(light);
    }
    applyKindColours();
    Theme::onPaletteChange(this, [this] { applyKindColours(); });
}

void EnvironmentBar::setSession(EnvironmentSession *session)
{
    const EnvironmentConfig &config = session->config();
    m_kindValue = config.kind;
    m_kind->setText(kindText(config.kind));
    m_kind->setAccessibleName(tr("Environment kind: %1").arg(environmentKindName(config.kind)));
    m_name->setText(config.name);
    m_name->setAccessibleName(tr("Environment: %1").arg(config.name));
    m_path->setFullText(DisplayPath::shorten(config.filePath));
    m_path->setToolTip(config.filePath);
    applyKindColours();
    for (StatusLight *light : std::as_const(m_lights))
        light->setState(StatusLight::State::Unknown, tr("Checking…"));
    updateReadOnly(session->isReadOnly());
    connect(session, &EnvironmentSession::readOnlyChanged, this, &EnvironmentBar::updateReadOnly);
}

void EnvironmentBar::applyKindColours()
{
    const Theme::KindColours colours = Theme::kindColours(m_kindValue, QGuiApplication::palette());
    m_kind->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; font-weight: bold; "
                                         "border-radius: 3px; padding: 3px 8px; letter-spacing: 1px; }")
                              .arg(colours.badge.name(), colours.badgeText.name()));
    setStyleSheet(QStringLiteral("#environmentBar { background: %1; border-bottom: 3px solid %2; }")
                      .arg(colours.bar.name(), colours.badge.name()));
}

void EnvironmentBar::updateReadOnly(bool readOnly)
{
    m_readOnly->setVisible(readOnly);
}

QString EnvironmentBar::problemText(BackendStatus::Problem problem)
{
    switch (problem) {
    case BackendStatus::Problem::None:
    case BackendStatus::Problem::Unreachable:
        break;
    case BackendStatus::Problem::AuthenticationFailed:
        return tr("login refused");
    case BackendStatus::Problem::PermissionDenied:
        return tr("permission denied");
    case BackendStatus::Problem::SchemaMismatch:
        return tr("schema mismatch");
    case BackendStatus::Problem::NotSetUp:
        return tr("not set up");
    }
    return QString(); // the light's own "unreachable"
}

void EnvironmentBar::setStatuses(const QList<BackendStatus> &statuses)
{
    for (const BackendStatus &status : statuses) {
        if (StatusLight *light = m_lights.value(status.id)) {
            const QString detail = status.target + QLatin1String("<br>") + status.message;
            light->setState(status.reachable ? StatusLight::State::Ok : StatusLight::State::Error, detail,
                            problemText(status.problem));
        }
    }
}

} // namespace Cockpit
