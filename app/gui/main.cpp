// SPDX-License-Identifier: MIT
#include "db/sqlite_statement.h"
#include "page_catalog.h"
#include "ui/shell/cockpit_settings.h"
#include "ui/shell/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTimer>
#include <QTranslator>

namespace {

// The demo environment: next to the binary in a build tree (configs/demo.json in the source tree), or the
// packaged example under share/migration-cockpit, copied to the user's data folder so it is writable.
QString defaultEnvironment()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        QStringLiteral(COCKPIT_SOURCE_CONFIGS "/demo.json"),
        appDir + QStringLiteral("/../share/migration-cockpit/configs/demo.json"),
    };
    for (const QString &candidate : candidates) {
        if (!QFileInfo::exists(candidate))
            continue;
        if (QFileInfo(QFileInfo(candidate).absolutePath()).isWritable())
            return candidate;
        // Installed read-only: the demo gets its own writable copy of the config.
        const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dataDir);
        const QString copy = dataDir + QStringLiteral("/demo.json");
        if (!QFileInfo::exists(copy))
            QFile::copy(candidate, copy);
        QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return copy;
    }
    return candidates.first();
}

void installTranslations(QApplication &app)
{
    const QString language = Cockpit::CockpitSettings::language();
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("migration-cockpit"), QStringLiteral("_"), QStringLiteral(":/i18n")))
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
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
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
    parser.process(app);

    Cockpit::MainWindow window(Cockpit::pageCatalog());
    const QString config = parser.isSet(QStringLiteral("config")) ? parser.value(QStringLiteral("config"))
                                                                  : defaultEnvironment();
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
    window.openEnvironment(config, parser.isSet(QStringLiteral("read-only")));
    window.show();
    return QApplication::exec();
}
