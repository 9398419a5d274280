// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

#include <functional>

class QChart;
class QObject;

namespace Cockpit::Theme {

// What a colour says, not which colour it is: each tone is a hue whose lightness is chosen against the
// current palette, so that the same code reads well in a light and in a dark system theme.
enum class Tone
{
    Good,
    Bad,
    Warning,
    Info,
    Neutral
};

bool isDark(const QPalette &palette);
// Text or a line in this tone, with a contrast of at least 4.5:1 against the window (WCAG AA).
QColor text(Tone tone, const QPalette &palette);
// A quiet tint of the window towards the tone, for a banner's background.
QColor tint(Tone tone, const QPalette &palette);
// Text in this tone on the tone's own tint, with the same 4.5:1 against the tint.
QColor bannerText(Tone tone, const QPalette &palette);
// A label style: coloured text, and with `banner` the tint behind it (and the text for it) and rounded
// corners.
QString labelStyle(Tone tone, const QPalette &palette, bool banner = false, bool bold = false);
// The icon in the tone's hue: a glyph the style draws in one fixed colour says something else in another.
QIcon toneIcon(const QIcon &icon, Tone tone, const QPalette &palette);
// Any hue (0–359) as a line colour with the same contrast rule: chart series that must stay apart.
QColor line(int hue, const QPalette &palette);

// The environment kind's colours are the only fixed ones (prod red, staging amber, demo slate): people
// recognise them at a glance. The bar behind them is tinted from the palette.
struct KindColours
{
    QColor badge;
    QColor badgeText;
    QColor bar;
};
KindColours kindColours(EnvironmentKind kind, const QPalette &palette);

// A chart drawn with the palette's colours instead of Qt Charts' fixed light theme.
void applyToChart(QChart *chart, const QPalette &palette);

// Which palette the window uses: the system's (the default), or light or dark where the platform theme does
// not pass the desktop's choice on to Qt.
enum class Scheme
{
    System,
    Light,
    Dark
};
Scheme schemeFromName(const QString &name); // "light", "dark"; anything else is System
QString schemeName(Scheme scheme);
// Applies the scheme to the application; the first call remembers the system palette to return to.
void applyScheme(Scheme scheme);

// Calls `restyle` whenever the application's palette changes (the system switched between light and dark),
// for as long as `context` lives. It runs from the event loop; read the palette with
// QApplication::palette(widget), which is the new one then (a widget's own palette() may not be yet).
void onPaletteChange(QObject *context, std::function<void()> restyle);

} // namespace Cockpit::Theme
