// SPDX-License-Identifier: MIT
#include "ui/shell/status_light.h"

#include "ui/shell/theme.h"

#include <QPainter>
#include <QPainterPath>

namespace Cockpit {

StatusLight::StatusLight(const QString &label, QWidget *parent)
    : QWidget(parent)
    , m_label(label)
{
    setState(State::Unknown, tr("Not checked yet"));
}

QString StatusLight::stateText() const
{
    switch (m_state) {
    case State::Ok:
        return tr("OK");
    case State::Error:
        return m_errorText.isEmpty() ? tr("unreachable") : m_errorText;
    case State::Unknown:
        break;
    }
    return tr("checking…");
}

void StatusLight::setState(State state, const QString &detail, const QString &errorText)
{
    m_state = state;
    m_errorText = errorText;
    setToolTip(QStringLiteral("<b>%1: %2</b><br>%3")
                   .arg(m_label.toHtmlEscaped(), stateText().toHtmlEscaped(), detail.toHtmlEscaped()));
    setAccessibleName(m_label + QLatin1String(": ") + stateText());
    setAccessibleDescription(detail);
    updateGeometry();
    update();
}

QSize StatusLight::sizeHint() const
{
    const QFontMetrics fm(font());
    const int text = fm.horizontalAdvance(m_label + QLatin1String(": ") + stateText());
    return {fm.height() + 6 + text + 4, fm.height() + 6};
}

QSize StatusLight::minimumSizeHint() const
{
    // On a narrow window the light keeps its sign and its name; the state word is in the tooltip and the
    // accessible name.
    const QFontMetrics fm(font());
    return {fm.height() + 6 + fm.horizontalAdvance(m_label) + 4, fm.height() + 6};
}

void StatusLight::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int d = fontMetrics().height();
    const QRectF disc(1, (height() - d) / 2.0, d, d);
    const QColor colour = Theme::text(m_state == State::Ok      ? Theme::Tone::Good
                                      : m_state == State::Error ? Theme::Tone::Bad
                                                                : Theme::Tone::Neutral,
                                      palette());
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawEllipse(disc);
    QPen glyph(palette().color(QPalette::Window), std::max(1.5, d / 7.0), Qt::SolidLine, Qt::RoundCap,
               Qt::RoundJoin);
    p.setPen(glyph);
    p.setBrush(Qt::NoBrush);
    const QPointF c = disc.center();
    const qreal r = d * 0.25;
    if (m_state == State::Ok) {
        QPainterPath check;
        check.moveTo(c.x() - r, c.y());
        check.lineTo(c.x() - r * 0.25, c.y() + r * 0.8);
        check.lineTo(c.x() + r, c.y() - r * 0.7);
        p.drawPath(check);
    } else if (m_state == State::Error) {
        p.drawLine(QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() + r));
        p.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r));
    } else {
        for (int i = -1; i <= 1; ++i)
            p.drawPoint(QPointF(c.x() + i * r, c.y()));
    }
    p.setPen(palette().color(foregroundRole()));
    QFont f = font();
    p.setFont(f);
    const QRect textRect(d + 6, 0, width() - d - 6, height());
    const QString full = m_label + QLatin1String(": ") + stateText();
    const QString shown = fontMetrics().horizontalAdvance(full) <= textRect.width()
                              ? full
                              : fontMetrics().elidedText(m_label, Qt::ElideRight, textRect.width());
    p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, shown);
}

} // namespace Cockpit
