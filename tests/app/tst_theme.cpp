// SPDX-License-Identifier: MIT
#include "ui/rollout/rollout_chart_panel.h"
#include "ui/shell/environment_bar.h"
#include "ui/shell/theme.h"
#include "ui/shell/time_chart_view.h"

#include <QApplication>
#include <QChart>
#include <QCheckBox>
#include <QDateTimeAxis>
#include <QDirIterator>
#include <QLineSeries>
#include <QRegularExpression>
#include <QStyleOptionButton>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace Cockpit;

namespace {

// WCAG 2 contrast ratio, written out here from the standard rather than taken from the code under test.
double relativeLuminance(const QColor &c)
{
    auto linear = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double x = relativeLuminance(a);
    const double y = relativeLuminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { Theme::applyScheme(Theme::Scheme::System); }

    void tonesAreReadableOnLightAndDark_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addRow("light") << int(Theme::Scheme::Light);
        QTest::addRow("dark") << int(Theme::Scheme::Dark);
    }
    void tonesAreReadableOnLightAndDark()
    {
        QFETCH(int, scheme);
        Theme::applyScheme(Theme::Scheme(scheme));
        const QPalette p = QApplication::palette();
        QCOMPARE(Theme::isDark(p), Theme::Scheme(scheme) == Theme::Scheme::Dark);
        for (Theme::Tone tone :
             {Theme::Tone::Good, Theme::Tone::Bad, Theme::Tone::Warning, Theme::Tone::Info}) {
            const QColor text = Theme::text(tone, p);
            QVERIFY2(contrastRatio(text, p.color(QPalette::Window)) >= 4.5, qPrintable(text.name()));
            // A banner's text on its tint, as readable as on the window.
            const QColor banner = Theme::bannerText(tone, p);
            QVERIFY2(contrastRatio(banner, Theme::tint(tone, p)) >= 4.5,
                     qPrintable(banner.name() + QLatin1Char('/') + Theme::tint(tone, p).name()));
            QVERIFY(Theme::labelStyle(tone, p, true).contains(banner.name()));
        }
        // The palette's own text stays readable, too.
        QVERIFY(contrastRatio(p.color(QPalette::Text), p.color(QPalette::Base)) >= 7);
        QVERIFY(contrastRatio(p.color(QPalette::WindowText), p.color(QPalette::Window)) >= 7);
        // The environment kind keeps its badge colour in both; only the bar's tint follows the palette.
        const Theme::KindColours prod = Theme::kindColours(EnvironmentKind::Prod, p);
        QCOMPARE(prod.badge, QColor(0xb7, 0x1c, 0x1c));
        QVERIFY(contrastRatio(prod.badge, prod.badgeText) >= 4.5);
        QCOMPARE(Theme::isDark(QPalette(prod.bar)), Theme::isDark(p));
        // An unchecked check box is told from the window by its outline (3:1, as a control's border needs).
        QCheckBox box(QStringLiteral("Auto-rollback"));
        box.setPalette(p);
        box.resize(box.sizeHint());
        const QImage image = box.grab().toImage();
        QStyleOptionButton option;
        option.initFrom(&box);
        const QRect indicator = box.style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, &box);
        double best = 0;
        for (int y = indicator.top(); y <= indicator.bottom(); ++y) {
            for (int x = indicator.left(); x <= indicator.right(); ++x)
                best = std::max(best, contrastRatio(image.pixelColor(x, y), p.color(QPalette::Window)));
        }
        QVERIFY2(best >= 3.0, qPrintable(QString::number(best)));
        // Rollback's arrow keeps the style's glyph (a light arrow on a coloured disc) in the warning tone's
        // hue.
        const QImage arrow = Theme::toneIcon(QApplication::style()->standardIcon(QStyle::SP_ArrowBack),
                                             Theme::Tone::Warning, p)
                                 .pixmap(QSize(16, 16), 1.0)
                                 .toImage();
        const int warningHue = Theme::text(Theme::Tone::Warning, p).hslHue();
        int coloured = 0;
        int light = 0;
        for (int y = 0; y < arrow.height(); ++y) {
            for (int x = 0; x < arrow.width(); ++x) {
                const QColor pixel = arrow.pixelColor(x, y);
                if (pixel.alpha() < 200) // the disc's edge, blended with what is behind it
                    continue;
                if (pixel.lightness() > 220)
                    ++light;
                else if (pixel.hslSaturation() > 60) {
                    ++coloured;
                    QVERIFY2(std::abs(pixel.hslHue() - warningHue) <= 2, qPrintable(pixel.name()));
                }
            }
        }
        QVERIFY(coloured > 16);
        QVERIFY(light > 4);
    }

    // Switching the scheme while the window is open restyles what is on screen.
    void widgetsFollowAPaletteChange()
    {
        Theme::applyScheme(Theme::Scheme::Light);
        EnvironmentBar bar;
        auto *chart = new QChart;
        auto *series = new QLineSeries;
        chart->addSeries(series);
        auto *time = new QDateTimeAxis;
        auto *value = new QValueAxis;
        chart->addAxis(time, Qt::AlignBottom);
        chart->addAxis(value, Qt::AlignLeft);
        series->attachAxis(time);
        series->attachAxis(value);
        TimeChartView view(chart);
        bar.show();
        view.show();
        const QString lightBar = bar.styleSheet();
        QCOMPARE(chart->backgroundBrush().color(), QApplication::palette().color(QPalette::Base));

        Theme::applyScheme(Theme::Scheme::Dark);
        QCoreApplication::processEvents();
        QVERIFY(Theme::isDark(QApplication::palette()));
        QVERIFY2(bar.styleSheet() != lightBar, qPrintable(bar.styleSheet()));
        QCOMPARE(chart->backgroundBrush().color(), QApplication::palette().color(QPalette::Base));
        QCOMPARE(chart->axes(Qt::Horizontal).constFirst()->labelsColor(),
                 QApplication::palette().color(QPalette::Text));

        Theme::applyScheme(Theme::Scheme::System);
        QCoreApplication::processEvents();
        QVERIFY(!Theme::isDark(QApplication::palette())); // the offscreen platform's palette is light
    }

    // What restyles itself after the switch sees the new palette, not the one before it.
    void seriesColoursFollowTheSwitch()
    {
        Theme::applyScheme(Theme::Scheme::Light);
        RolloutChartPanel panel;
        panel.show();
        // The V2 share is drawn in the palette's placeholder grey, which differs between light and dark.
        auto shareColour = [&panel] {
            auto *share = static_cast<QLineSeries *>(panel.views().constFirst()->chart()->series().at(3));
            return share->pen().color();
        };
        QCOMPARE(shareColour(), QApplication::palette().color(QPalette::PlaceholderText));
        const QColor light = shareColour();
        Theme::applyScheme(Theme::Scheme::Dark);
        QTRY_COMPARE(shareColour(), QApplication::palette().color(QPalette::PlaceholderText));
        QVERIFY(shareColour() != light);
    }

    // Colours come from the palette through Theme; the environment kinds' are the only fixed ones.
    void noHardCodedColoursInTheUi()
    {
        const QRegularExpression fixed(QStringLiteral(
            "QColor\\(\\s*(0x|\\d)|\"#[0-9a-fA-F]{3,8}\\b|Qt::(white|black|red|green|blue|gray|darkRed|darkGreen)\\b"));
        QStringList found;
        for (const QString &folder : {QStringLiteral("ui"), QStringLiteral("app/gui")}) {
            QDirIterator it(QStringLiteral(COCKPIT_SOURCE_DIR "/") + folder, {QStringLiteral("*.cpp")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.endsWith(QLatin1String("ui/shell/theme.cpp")))
                    continue;
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                int line = 0;
                while (!file.atEnd()) {
                    ++line;
                    const QString text = QString::fromUtf8(file.readLine());
                    if (fixed.match(text).hasMatch())
                        found.append(QStringLiteral("%1:%2: %3")
                                         .arg(path.section(QLatin1Char('/'), -3))
                                         .arg(line)
                                         .arg(text.trimmed()));
                }
            }
        }
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
