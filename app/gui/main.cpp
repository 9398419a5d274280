// SPDX-License-Identifier: MIT
#include "common/atomic_file.h"
#include "db/sqlite_statement.h"
#include "page_catalog.h"
#include "ui/shell/cockpit_settings.h"
#include "ui/shell/main_window.h"
#include "ui/shell/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <optional>

namespace {

// The demo environment: the shipped demo.json (bin/../share/migration-cockpit/configs, in a build tree as
// installed) is copied into the user's data folder and opened from there, so that its data (a path relative
// to the config) is the user's too: never under /usr/share, not even for root, and nothing a purge would
// leave behind. A newer shipped demo replaces the copy unless the user edited it (a reference copy of what
// was shipped tells); the demo's data stays.
QString defaultEnvironment()
{
    const QString shipped = QCoreApplication::applicationDirPath()
                            + QStringLiteral("/../share/migration-cockpit/configs/demo.json");
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                            + QStringLiteral("/migration-cockpit");
    const QString copy = dataDir + QStringLiteral("/demo.json");
    const QString reference = dataDir + QStringLiteral("/.demo.json.shipped");
    const auto read = [](const QString &path) -> std::optional<QByteArray> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return std::nullopt;
        return file.readAll();
    };
    const std::optional<QByteArray> content = read(shipped);
    if (!content)
        return QFileInfo::exists(copy) ? copy : QFileInfo(shipped).absoluteFilePath();
    const std::optional<QByteArray> current = read(copy);
    if (current == content)
        return copy;
    if (current && current != read(reference))
        return copy; // edited by the user: theirs
    QDir().mkpath(dataDir);
    for (const QString &target : {copy, reference}) {
        if (const Cockpit::Result<void> written = Cockpit::AtomicFile::write(target, *content); !written) {
            fprintf(stderr, "migration-cockpit: %s\n", qPrintable(written.error().message));
            return current ? copy : QFileInfo(shipped).absoluteFilePath(); // opening it names what is wrong
        }
    }
    return copy;
}

void installTranslations(QApplication &app)
{
    const QString language = Cockpit::CockpitSettings::language();
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    // Numbers and dates follow the chosen language too, not only the words ("2,5 µs" in German).
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    // English is the fallback: its translation holds the plural forms ("1 migration", "6 migrations").
    if (own->load(locale, QStringLiteral("migration-cockpit"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || own->load(QStringLiteral("migration-cockpit_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
}

} // namespace

int main(int argc, char *argv[])
{
    Cockpit::SqliteStatement::configureProcess(); // before any connection opens
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("migration-cockpit"));
    QApplication::setApplicationDisplayName(QStringLiteral("Migration Cockpit"));
    QApplication::setOrganizationName(QStringLiteral("migration-cockpit"));
    QApplication::setApplicationVersion(QStringLiteral(COCKPIT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("migration-cockpit"));
    QIcon icon;
    for (int size : {32, 64, 256})
        icon.addFile(QStringLiteral(":/icons/hicolor/%1x%1/migration-cockpit.png").arg(size));
    QApplication::setWindowIcon(icon);
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Run risky data and code migrations and see whether it is safe to go on."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("config"),
         QApplication::translate("main", "Environment file to open (default: the demo environment)."),
         QStringLiteral("file")});
    // A file manager or the desktop entry (Exec=migration-cockpit %f) passes the file as an argument.
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "Environment file to open, as --config."),
                                 QStringLiteral("[file]"));
    parser.addOption({QStringLiteral("read-only"),
                      QApplication::translate("main", "Disable every action that changes a migration.")});
    parser.addOption(
        {QStringLiteral("page"),
         QApplication::translate("main", "Page to show first: overview, ledger, state, rollout, audit."),
         QStringLiteral("id")});
    parser.addOption(
        {QStringLiteral("screenshot"),
         QApplication::translate("main", "Save a screenshot of the window to FILE once the environment "
                                         "is open and its data shown, then quit (for docs and checks)."),
         QStringLiteral("file")});
    parser.addOption(
        {QStringLiteral("screenshot-delay"),
         QApplication::translate("main", "Milliseconds to wait before the screenshot (default 3000)."),
         QStringLiteral("ms"), QStringLiteral("3000")});
    parser.addOption(
        {QStringLiteral("color-scheme"),
         QApplication::translate("main", "Colours for this run: system, light or dark (default: as "
                                         "chosen under Settings, else system)."),
         QStringLiteral("scheme")});
    parser.process(app);
    const QString scheme = parser.isSet(QStringLiteral("color-scheme"))
                               ? parser.value(QStringLiteral("color-scheme"))
                               : Cockpit::CockpitSettings::colorScheme();
    if (!QStringList{QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")}.contains(
            scheme)
        && parser.isSet(QStringLiteral("color-scheme"))) {
        fprintf(stderr, "%s\n",
                qPrintable(QApplication::translate("main", "migration-cockpit: --color-scheme: \"%1\" is not "
                                                           "system, light or dark")
                               .arg(scheme)));
        return 2;
    }
    Cockpit::Theme::applyScheme(Cockpit::Theme::schemeFromName(scheme));
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1 || (files.size() == 1 && parser.isSet(QStringLiteral("config")))) {
        // Two files to open: say so instead of picking one.
        fprintf(stderr, "%s\n",
                qPrintable(QApplication::translate("main", "migration-cockpit: give one environment file "
                                                           "(as an argument or with --config)")));
        return 2;
    }

    Cockpit::MainWindow window(Cockpit::pageCatalog());
    // Without a file: the environment open when the window last closed, if it still exists; else the demo.
    const QString last = Cockpit::CockpitSettings::lastEnvironment();
    const bool reopen = !parser.isSet(QStringLiteral("config")) && files.isEmpty() && !last.isEmpty()
                        && QFileInfo::exists(last);
    const QString config = parser.isSet(QStringLiteral("config")) ? parser.value(QStringLiteral("config"))
                           : !files.isEmpty()                     ? files.first()
                           : reopen                               ? last
                                                                  : defaultEnvironment();
    if (parser.isSet(QStringLiteral("read-only")))
        window.lockReadOnly();
    if (parser.isSet(QStringLiteral("page"))) {
        const QString page = parser.value(QStringLiteral("page"));
        QObject::connect(&window, &Cockpit::MainWindow::environmentOpened, &window,
                         [&window, page] { window.showPage(page); });
    }
    if (parser.isSet(QStringLiteral("screenshot"))) {
        const QString file = parser.value(QStringLiteral("screenshot"));
        const int delay = parser.value(QStringLiteral("screenshot-delay")).toInt();
        QObject::connect(&window, &Cockpit::MainWindow::environmentOpened, &window, [&window, file, delay] {
            QTimer::singleShot(delay, &window, [&window, file] {
                const bool saved = window.grab().save(file);
                QCoreApplication::exit(saved ? 0 : 1);
            });
        });
        QObject::connect(&window, &Cockpit::MainWindow::environmentFailed, &window,
                         [] { QCoreApplication::exit(1); });
        qputenv("COCKPIT_NO_MODAL_DIALOGS", "1");
    }
    if (reopen)
        window.reopenEnvironment(config);
    else
        window.openEnvironment(config);
    window.show();
    return QApplication::exec();
}
