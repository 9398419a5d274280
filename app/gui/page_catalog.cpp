// SPDX-License-Identifier: MIT
#include "page_catalog.h"

#include "shell/placeholder_page.h"

#include <QApplication>
#include <QStyle>

namespace Cockpit {

namespace {

PageDescriptor placeholder(const QString &id, const QString &title, QStyle::StandardPixmap icon,
                           const QString &willShow, const QStringList &meanwhile)
{
    return {id, title, QApplication::style()->standardIcon(icon),
            [title, willShow, meanwhile](EnvironmentSession *, QWidget *parent) -> QWidget * {
                return new PlaceholderPage(title, willShow, meanwhile, parent);
            }};
}

} // namespace

QList<PageDescriptor> pageCatalog()
{
    return {
        placeholder(
            QStringLiteral("overview"), QCoreApplication::translate("PageCatalog", "Overview"),
            QStyle::SP_ComputerIcon,
            QCoreApplication::translate(
                "PageCatalog",
                "One card per migration (ledger, deployment state, each V2 module) with its current phase, "
                "its health, the gate summary of the next transition and the latest audit entries."),
            {QStringLiteral("cockpitctl config check FILE")}),
        placeholder(
            QStringLiteral("ledger"), QCoreApplication::translate("PageCatalog", "Ledger"),
            QStyle::SP_DriveHDIcon,
            QCoreApplication::translate(
                "PageCatalog",
                "The ledger shadow-mode migration: phase stepper with Cutover and Rollback, gate checklist, "
                "live shadow-mode discrepancies, metrics charts and alerts, and a user lookup showing "
                "ledger and legacy balances side by side."),
            {}),
        placeholder(
            QStringLiteral("state"), QCoreApplication::translate("PageCatalog", "Deployment State"),
            QStyle::SP_DirIcon,
            QCoreApplication::translate(
                "PageCatalog",
                "LevelDB versus the per-network JSON files: chain tree with counts and data health, the "
                "diff of every record, a side-by-side record view, Sync with a dry-run preview, and the "
                "migration's phase stepper."),
            {}),
        placeholder(
            QStringLiteral("rollout"), QCoreApplication::translate("PageCatalog", "V2 Rollout"),
            QStyle::SP_ArrowUp,
            QCoreApplication::translate(
                "PageCatalog",
                "Each module's V1/V2 traffic split and step, charts of throughput, latency, memory and "
                "error rate for V1 and V2 against their thresholds, the analysis history, and Promote, "
                "Pause and Rollback."),
            {}),
        placeholder(
            QStringLiteral("audit"), QCoreApplication::translate("PageCatalog", "Audit Log"),
            QStyle::SP_FileDialogDetailedView,
            QCoreApplication::translate(
                "PageCatalog",
                "Every transition, override, dry run, reconciliation and sync, with operator, host, reason "
                "and evidence, chained by SHA-256 so that any edited or deleted entry is found."),
            {}),
    };
}

} // namespace Cockpit
