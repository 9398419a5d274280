// SPDX-License-Identifier: MIT
// The window fits a laptop: at 1024 × 700, in English and in German, on the demo and on a prod environment
// whose backends are all unreachable (the longest error texts), every page lets the window be that small and
// keeps the environment's status lights and the Cutover and Rollback buttons on screen.
#include "environment_dir.h"
#include "page_catalog.h"
#include "test_paths.h"
#include "ui/control/phase_stepper.h"
#include "ui/shell/environment_bar.h"
#include "ui/shell/main_window.h"
#include "ui/shell/status_light.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Cockpit;

namespace {

constexpr QSize Laptop(1024, 700);

// For the screenshots (COCKPIT_SCREENSHOT_DIR set) the configs sit in its "configs" folder, which the
// script makes the home folder's, so that the environment bar reads "~/configs/…" as on a user's machine
// rather than a test's temporary path.
QString copyConfig(const QTemporaryDir &dir, const QString &name)
{
    const QString shots = qEnvironmentVariable("COCKPIT_SCREENSHOT_DIR");
    QString folder = dir.path();
    if (!shots.isEmpty()) {
        folder = shots + QStringLiteral("/configs");
        if (!QDir().mkpath(folder))
            return QString();
    }
    const QString target = folder + QLatin1Char('/') + name;
    QFile source(CockpitTest::sourceDir() + QStringLiteral("/configs/") + name);
    if (!source.open(QIODevice::ReadOnly))
        return QString();
    QByteArray text = source.readAll();
    // Tests never reach beyond this machine: every backend of the prod example on a closed loopback port.
    text.replace("ledger-db.prod.internal", "127.0.0.1").replace("\"port\": 5432", "\"port\": 1");
    text.replace("prometheus.prod.internal:9090", "127.0.0.1:1");
    QFile target_(target);
    if (!target_.open(QIODevice::WriteOnly))
        return QString();
    target_.write(text);
    return target;
}

// Whether `widget` is shown and lies whole inside every widget it is in, up to the window: not cut off by
// the window's edge nor scrolled out of view in a scroll area.
bool onScreen(const QWidget *widget, const QWidget *window)
{
    if (!widget || !widget->isVisible())
        return false;
    for (const QWidget *outer = widget->parentWidget(); outer; outer = outer->parentWidget()) {
        const QRect r(widget->mapTo(outer, QPoint(0, 0)), widget->size());
        if (!outer->rect().contains(r))
            return false;
        if (outer == window)
            break;
    }
    return true;
}

// The widgets that force the size: visible ones whose own minimum is over `limit` while none of their
// children's is (the culprit, not its containers), named so that a failure says what to fix.
QString culprits(const QWidget *root, bool width, int limit)
{
    QStringList found;
    const auto need = [width](const QWidget *w) {
        const QSize hint = w->minimumSizeHint().expandedTo(w->minimumSize());
        return width ? hint.width() : hint.height();
    };
    for (const QWidget *w : root->findChildren<QWidget *>()) {
        if (w->isHidden() || need(w) <= limit)
            continue;
        bool childToo = false;
        for (const QWidget *c : w->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            childToo = childToo || (!c->isHidden() && need(c) > limit);
        if (childToo)
            continue;
        QString text;
        if (const auto *label = qobject_cast<const QLabel *>(w))
            text = label->text().left(60);
        else if (const auto *button = qobject_cast<const QAbstractButton *>(w))
            text = button->text();
        found.append(QStringLiteral("%1 \"%2\" %3 px \"%4\"")
                         .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())
                         .arg(need(w))
                         .arg(text));
    }
    return found.join(QLatin1String("; "));
}

} // namespace

class TestWindowFits : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTranslator> m_translator;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("COCKPIT_NO_MODAL_DIALOGS", "1");
    }

    void fitsALaptop_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("config");
        for (const char *language : {"en", "de"}) {
            for (const char *config : {"demo.json", "prod.example.json"})
                QTest::addRow("%s %s", language, config)
                    << QString::fromLatin1(language) << QString::fromLatin1(config);
        }
    }

    void fitsALaptop()
    {
        QFETCH(QString, language);
        QFETCH(QString, config);
        m_translator = std::make_unique<QTranslator>();
        QVERIFY(m_translator->load(QStringLiteral(COCKPIT_QM_DIR "/migration-cockpit_") + language));
        QCoreApplication::installTranslator(m_translator.get());
        // Numbers as the window writes them in that language (the GUI sets this at start).
        const QLocale before;
        QLocale::setDefault(
            QLocale(language == QLatin1String("de") ? QLocale::German : QLocale::English,
                    language == QLatin1String("de") ? QLocale::Germany : QLocale::UnitedStates));
        const auto restore = qScopeGuard([&before] { QLocale::setDefault(before); });

        CockpitTest::EnvironmentDir dir;
        const QString path = copyConfig(dir, config);
        QVERIFY(!path.isEmpty());
        MainWindow window(pageCatalog());
        window.resize(Laptop);
        window.show();
        QSignalSpy opened(&window, &MainWindow::environmentOpened);
        window.openEnvironment(path, config != QLatin1String("demo.json"));
        QVERIFY(opened.wait(20000));
        // Unreachable backends report their (long) errors in the bar first.
        if (config != QLatin1String("demo.json")) {
            QTRY_COMPARE_WITH_TIMEOUT(window.environmentBar()->light(BackendStatus::Id::Metrics)->state(),
                                      StatusLight::State::Error, 15000);
        }
        const QStringList pages = {QStringLiteral("overview"), QStringLiteral("ledger"),
                                   QStringLiteral("state"), QStringLiteral("rollout"),
                                   QStringLiteral("audit")};
        for (const QString &page : pages) {
            window.showPage(page);
            QTest::qWait(300); // the page's first data and its layout
            const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
            QVERIFY2(minimum.width() <= Laptop.width() && minimum.height() <= Laptop.height(),
                     qPrintable(QStringLiteral("%1 page needs %2 × %3; too wide: %4; too high: %5")
                                    .arg(page)
                                    .arg(minimum.width())
                                    .arg(minimum.height())
                                    .arg(culprits(&window, true, Laptop.width() - 240),
                                         culprits(&window, false, Laptop.height() - 200))));
            window.resize(Laptop);
            QTRY_COMPARE(window.size(), Laptop);
            // The page fits the width it gets: nothing to scroll sideways to (it may scroll down).
            auto *scroll = window.findChild<QScrollArea *>(page + QLatin1String("Page"));
            QVERIFY(scroll);
            QTest::qWait(50);
            QVERIFY2(scroll->horizontalScrollBar()->maximum() == 0,
                     qPrintable(QStringLiteral("%1 page is %2 px too wide; too wide: %3")
                                    .arg(page)
                                    .arg(scroll->horizontalScrollBar()->maximum())
                                    .arg(culprits(scroll->widget(), true, scroll->viewport()->width()))));
            for (StatusLight *light : window.environmentBar()->findChildren<StatusLight *>())
                QVERIFY2(onScreen(light, &window),
                         qPrintable(page + QLatin1Char(' ') + light->accessibleName()));
            if (const QString shots = qEnvironmentVariable("COCKPIT_SCREENSHOT_DIR"); !shots.isEmpty()) {
                window.grab().save(QStringLiteral("%1/laptop-%2-%3-%4.png")
                                       .arg(shots, language, config.section(QLatin1Char('.'), 0, 0), page));
            }
        }
        // The phase buttons of the ledger and of the rollout's selected module stay reachable.
        for (const QString &page : {QStringLiteral("ledger"), QStringLiteral("rollout")}) {
            window.showPage(page);
            QTest::qWait(300);
            int steppers = 0;
            for (PhaseStepper *stepper : window.findChildren<PhaseStepper *>()) {
                if (!stepper->isVisible())
                    continue;
                ++steppers;
                QVERIFY2(onScreen(stepper->cutoverButton(), &window),
                         qPrintable(page + QLatin1Char(' ') + stepper->cutoverButton()->text()));
                QVERIFY2(onScreen(stepper->rollbackButton(), &window),
                         qPrintable(page + QLatin1Char(' ') + stepper->rollbackButton()->text()));
            }
            QCOMPARE(steppers, 1);
        }
        QCoreApplication::removeTranslator(m_translator.get());
    }
};

QTEST_MAIN(TestWindowFits)
#include "tst_window_fits.moc"
