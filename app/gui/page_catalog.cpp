// SPDX-License-Identifier: MIT
#include "page_catalog.h"

#include "lane_pages.h"
#include "ui/control/audit_log_page.h"
#include "ui/control/overview_page.h"

#include <QApplication>
#include <QCoreApplication>
#include <QStyle>

namespace Cockpit {

QList<PageDescriptor> pageCatalog()
{
    QStyle *style = QApplication::style();
    return {
        {QStringLiteral("overview"), QCoreApplication::translate("PageCatalog", "Overview"),
         style->standardIcon(QStyle::SP_ComputerIcon),
         [](EnvironmentSession *session, QWidget *parent) -> QWidget * {
             return new OverviewPage(session, parent);
         }},
        {QStringLiteral("ledger"), QCoreApplication::translate("PageCatalog", "Ledger"),
         style->standardIcon(QStyle::SP_DriveHDIcon), createLedgerLanePage},
        {QStringLiteral("state"), QCoreApplication::translate("PageCatalog", "Deployment State"),
         style->standardIcon(QStyle::SP_DirIcon), createStateLanePage},
        {QStringLiteral("rollout"), QCoreApplication::translate("PageCatalog", "V2 Rollout"),
         style->standardIcon(QStyle::SP_ArrowUp), createRolloutLanePage},
        {QStringLiteral("audit"), QCoreApplication::translate("PageCatalog", "Audit Log"),
         style->standardIcon(QStyle::SP_FileDialogDetailedView),
         [](EnvironmentSession *session, QWidget *parent) -> QWidget * {
             return new AuditLogPage(session, parent);
         }},
    };
}

} // namespace Cockpit
