// SPDX-License-Identifier: MIT
#include "ui/shell/theme.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QEvent>
#include <QLegend>
#include <QPainter>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleOption>

#include <cmath>

namespace Cockpit::Theme {

namespace {

double channel(double c)
{
    c /= 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

int hueOf(Tone tone)
{
    switch (tone) {
    case Tone::Good:
        return 135;
    case Tone::Bad:
        return 0;
    case Tone::Warning:
        return 35;
    case Tone::Info:
        return 210;
    case Tone::Neutral:
        break;
    }
    return -1;
}

// The most saturated lightness of `hue` that still reaches `ratio` against `background`: darker on a light
// window, lighter on a dark one.
QColor readable(int hue, const QColor &background, double ratio)
{
    // Lighter where white stands out more than black: near the middle, a fixed luminance threshold would
    // lead to the side that cannot reach the ratio.
    const bool dark = contrast(QColor(Qt::white), background) >= contrast(QColor(Qt::black), background);
    const int saturation = hue < 0 ? 0 : 190;
    QColor best;
    for (int step = 0; step <= 64; ++step) { // up to white or black, the best there is
        const int lightness = dark ? 128 + step * 2 : 128 - step * 2;
        best = QColor::fromHsl(std::max(hue, 0), saturation, std::clamp(lightness, 0, 255));
        if (contrast(best, background) >= ratio)
            break;
    }
    return best;
}

QColor mix(const QColor &a, const QColor &b, double share)
{
    return QColor::fromRgbF(float(a.redF() * (1 - share) + b.redF() * share),
                            float(a.greenF() * (1 - share) + b.greenF() * share),
                            float(a.blueF() * (1 - share) + b.blueF() * share));
}

class PaletteWatcher : public QObject
{
public:
    PaletteWatcher(QObject *context, std::function<void()> restyle)
        : QObject(context)
        , m_restyle(std::move(restyle))
    {
        qApp->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // Qt tells the application before the widgets: a restyle reads QApplication::palette(widget), which
        // is already the new one, and runs once the switch is through.
        if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
            QMetaObject::invokeMethod(this, m_restyle, Qt::QueuedConnection);
        return false;
    }

private:
    std::function<void()> m_restyle;
};

} // namespace

bool isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Window)) < 0.2;
}

QColor text(Tone tone, const QPalette &palette)
{
    if (tone == Tone::Neutral)
        return palette.color(QPalette::PlaceholderText);
    return readable(hueOf(tone), palette.color(QPalette::Window), 4.5);
}

QColor tint(Tone tone, const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Window);
    if (tone == Tone::Neutral)
        return palette.color(QPalette::AlternateBase);
    return mix(window, QColor::fromHsl(hueOf(tone), 170, 128), isDark(palette) ? 0.22 : 0.14);
}

QColor bannerText(Tone tone, const QPalette &palette)
{
    if (tone == Tone::Neutral)
        return palette.color(QPalette::WindowText);
    // A hair above 4.5: the tint is mixed at more than 8 bits a channel, and a colour that meets 4.5 exactly
    // against it can fall just short once either is written out as #rrggbb.
    return readable(hueOf(tone), tint(tone, palette), 4.6);
}

QString labelStyle(Tone tone, const QPalette &palette, bool banner, bool bold)
{
    const QColor colour = banner ? bannerText(tone, palette) : text(tone, palette);
    QString style = QStringLiteral("QLabel { color: %1;").arg(colour.name());
    if (banner)
        style += QStringLiteral(" background: %1; border-radius: 4px;").arg(tint(tone, palette).name());
    if (bold)
        style += QStringLiteral(" font-weight: bold;");
    return style + QStringLiteral(" }");
}

QIcon toneIcon(const QIcon &icon, Tone tone, const QPalette &palette)
{
    // The hue of every coloured pixel turns to the tone's; lightness, saturation and alpha stay, so that the
    // glyph, its shading and a light arrow inside it read as before.
    const int hue = text(tone, palette).hslHue();
    QIcon toned;
    for (const int side : {16, 24, 32, 48, 64}) {
        const QPixmap pixmap = icon.pixmap(QSize(side, side), 1.0);
        if (pixmap.isNull())
            continue;
        QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor pixel = image.pixelColor(x, y);
                if (pixel.alpha() > 0 && pixel.hslSaturation() > 0)
                    image.setPixelColor(
                        x, y, QColor::fromHsl(hue, pixel.hslSaturation(), pixel.lightness(), pixel.alpha()));
            }
        }
        toned.addPixmap(QPixmap::fromImage(image));
    }
    return toned;
}

QColor line(int hue, const QPalette &palette)
{
    // Lines need less contrast than text (3:1 for graphics), which keeps them bright.
    return readable(hue, palette.color(QPalette::Base), 3.0);
}

KindColours kindColours(EnvironmentKind kind, const QPalette &palette)
{
    KindColours k;
    switch (kind) {
    case EnvironmentKind::Prod:
        k = {QColor(0xb7, 0x1c, 0x1c), QColor(Qt::white), {}};
        break;
    case EnvironmentKind::Staging:
        k = {QColor(0xf0, 0xa5, 0x00), QColor(0x1a, 0x1a, 0x1a), {}};
        break;
    case EnvironmentKind::Demo:
        k = {QColor(0x5f, 0x6b, 0x7a), QColor(Qt::white), {}};
        break;
    }
    k.bar = mix(palette.color(QPalette::Window), k.badge, isDark(palette) ? 0.25 : 0.12);
    return k;
}

void applyToChart(QChart *chart, const QPalette &palette)
{
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundPen(QPen(palette.color(QPalette::Mid)));
    chart->setTitleBrush(palette.brush(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    const QColor grid = mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.15);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setTitleBrush(palette.brush(QPalette::Text));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(palette.color(QPalette::Mid));
    }
}

Scheme schemeFromName(const QString &name)
{
    if (name == QLatin1String("light"))
        return Scheme::Light;
    if (name == QLatin1String("dark"))
        return Scheme::Dark;
    return Scheme::System;
}

QString schemeName(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Light:
        return QStringLiteral("light");
    case Scheme::Dark:
        return QStringLiteral("dark");
    case Scheme::System:
        break;
    }
    return QStringLiteral("system");
}

namespace {

// A dark palette from three greys and one accent; every other role is derived from them.
QPalette darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor accent(0x3d, 0x7a, 0xb8);
    QPalette p(text, window, window.lighter(160), window.darker(160), window.lighter(120), text, base);
    p.setColor(QPalette::AlternateBase, mix(base, window, 0.5));
    p.setColor(QPalette::Button, window.lighter(115));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accent.lighter(150));
    p.setColor(QPalette::LinkVisited, accent.lighter(130));
    p.setColor(QPalette::ToolTipBase, window.lighter(130));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, mix(text, window, 0.45));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, mix(text, window, 0.55));
    p.setColor(QPalette::Disabled, QPalette::Highlight, window.lighter(130));
    return p;
}

// Fusion outlines a check box or radio button a shade darker than the window: faint on a light window, and on
// a dark one it vanishes (the box is then told from the window only by its base colour). This style draws
// that outline again in a grey with the contrast a control's border needs against the window. Other styles
// (a desktop's own) are left as they draw.
class IndicatorOutlineStyle : public QProxyStyle
{
public:
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        if ((element != PE_IndicatorCheckBox && element != PE_IndicatorRadioButton)
            || baseStyle()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
            return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, element == PE_IndicatorRadioButton);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(
            mix(option->palette.color(QPalette::Text), option->palette.color(QPalette::Window), 0.5));
        // Where Fusion draws its own outline.
        if (element == PE_IndicatorRadioButton)
            painter->drawEllipse(QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5));
        else
            painter->drawRect(option->rect.adjusted(0, 0, -1, -1));
        painter->restore();
    }
};

} // namespace

void applyScheme(Scheme scheme)
{
    static const QPalette system = QApplication::palette();
    // Once, after the system palette is kept: a new style resets the application's palette.
    static const bool outlined = [] {
        QApplication::setStyle(new IndicatorOutlineStyle);
        return true;
    }();
    Q_UNUSED(outlined)
    switch (scheme) {
    case Scheme::System:
        QApplication::setPalette(system);
        break;
    case Scheme::Light:
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Scheme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
}

void onPaletteChange(QObject *context, std::function<void()> restyle)
{
    new PaletteWatcher(context, std::move(restyle));
}

} // namespace Cockpit::Theme
