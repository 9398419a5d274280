// SPDX-License-Identifier: MIT
#include "ui/state/state_sync_panel.h"

#include "ui/shell/write_confirm_dialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

namespace Cockpit {

StateSyncPanel::StateSyncPanel(QWidget *parent)
    : QWidget(parent)
    , m_plan(new QPlainTextEdit(this))
    , m_progress(new QProgressBar(this))
    , m_message(new QLabel(this))
    , m_applyButton(new QPushButton(tr("&Apply sync…"), this))
    , m_cancelButton(new QPushButton(tr("&Cancel sync"), this))
    , m_closeButton(new QPushButton(tr("C&lose"), this))
{
    m_plan->setReadOnly(true);
    m_plan->setAccessibleName(tr("Sync plan"));
    m_plan->setPlaceholderText(tr("The dry run's plan appears here before anything is written."));
    m_progress->setRange(0, 100);
    m_progress->setAccessibleName(tr("Sync progress"));
    m_applyButton->setAccessibleName(tr("Apply sync"));
    m_applyButton->setToolTip(
        tr("Write the planned changes to the JSON files (one atomic write per network), "
           "after you give a reason"));
    m_cancelButton->setAccessibleName(tr("Cancel sync"));
    m_closeButton->setAccessibleName(tr("Close sync panel"));
    m_message->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_progress);
    buttons->addWidget(m_applyButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plan);
    layout->addLayout(buttons);

    connect(m_applyButton, &QPushButton::clicked, this, &StateSyncPanel::apply);
    connect(m_cancelButton, &QPushButton::clicked, this, &StateSyncPanel::cancel);
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::hide);
    m_applyButton->setEnabled(false);
    m_cancelButton->setEnabled(false);
}

StateSyncPanel::~StateSyncPanel()
{
    if (m_jobs)
        m_jobs->context()->cancel(); // thread-safe; the job stops after the file it is writing
}

void StateSyncPanel::setEnvironment(const EnvironmentConfig &config)
{
    m_config = config;
    m_options.leveldbPath = config.state.leveldbPath;
    m_options.jsonDir = config.state.jsonDir;
    m_options.networks = config.state.networks;
}

void StateSyncPanel::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (auto *dialog = findChild<WriteConfirmDialog *>())
        dialog->setReadOnly(readOnly);
    m_applyButton->setEnabled(!readOnly && !isRunning() && m_lastReport.dryRun
                              && m_lastReport.errors.isEmpty()
                              && (m_lastReport.added + m_lastReport.updated) > 0);
}

void StateSyncPanel::preview()
{
    start(true);
}

void StateSyncPanel::apply()
{
    if (m_readOnly || isRunning() || findChild<WriteConfirmDialog *>())
        return;
    const StateSyncJob::Report &plan = m_lastReport;
    WriteConfirmDialog::Request request;
    request.title = tr("Apply sync to %1").arg(m_config.name);
    request.text =
        tr("Writes <b>%1 added and %2 updated record(s)</b> from LevelDB into the deployment files "
           "of <b>%3</b> (one atomic write per network). The plan below is the dry run's, against "
           "the files as they are now.")
            .arg(plan.added)
            .arg(plan.updated)
            .arg(m_config.name.toHtmlEscaped());
    request.plan = m_plan->toPlainText();
    request.confirmLabel = tr("&Write the files");
    auto *dialog = new WriteConfirmDialog(m_config, m_readOnly, request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (m_readOnly)
            return;
        // What was approved is this plan: the files are planned again first, and written only if the plan
        // is still the same (a deploy script may have changed them while the dialog was open).
        m_approval = dialog->approval();
        m_approvedPlan = describe(m_lastReport);
        m_writeIfUnchanged = true;
        start(true);
        m_message->setText(tr("Checking that the files are as planned…"));
    });
    dialog->open();
}

void StateSyncPanel::cancel()
{
    if (isRunning()) {
        m_jobs->context()->cancel();
        m_message->setText(tr("Cancelling after the current file…"));
    }
}

QString StateSyncPanel::previewText() const
{
    return m_plan->toPlainText();
}

void StateSyncPanel::start(bool dryRun)
{
    if (isRunning())
        return;
    StateSyncJob::Options options = m_options;
    options.dryRun = dryRun;
    m_jobs = std::make_unique<JobThread<StateSyncJob>>(QStringLiteral("state-sync"),
                                                       std::make_unique<StateSyncJob>(options));
    const StateSyncJob *job = m_jobs->context();
    connect(job, &StateSyncJob::progress, m_progress, &QProgressBar::setValue);
    connect(job, &StateSyncJob::progressMessage, m_message, &QLabel::setText);
    m_progress->setValue(0);
    m_applyButton->setEnabled(false);
    m_cancelButton->setEnabled(!dryRun);
    if (dryRun)
        m_plan->setPlainText(tr("Computing the plan (dry run, nothing is written)…"));
    show();
    m_jobs->start(
        m_done,
        [](StateSyncJob &sync, const JobToken &) {
            sync.run();
            return sync.report();
        },
        [this](const StateSyncJob::Report &report) { onFinished(report); });
}

void StateSyncPanel::onFinished(const StateSyncJob::Report &report)
{
    m_lastReport = report;
    m_cancelButton->setEnabled(false);
    m_plan->setPlainText(describe(m_lastReport));
    if (!report.failure.isEmpty()) {
        m_writeIfUnchanged = false;
        m_message->setText(tr("Sync failed: %1").arg(report.failure));
        setReadOnly(m_readOnly);
        if (!report.dryRun)
            emit syncFinished(false);
        return;
    }
    if (m_lastReport.dryRun && std::exchange(m_writeIfUnchanged, false)) {
        if (describe(m_lastReport) == m_approvedPlan && !m_readOnly) {
            start(false);
            return;
        }
        m_message->setText(tr("The files changed since you approved the plan; nothing was written. Review "
                              "the new plan and apply again."));
        setReadOnly(m_readOnly);
        emit previewReady();
    } else if (m_lastReport.dryRun) {
        const int changes = m_lastReport.added + m_lastReport.updated;
        m_message->setText(changes
                               ? tr("Dry run: %n change(s) planned. Review, then apply.", nullptr, changes)
                               : tr("Dry run: the JSON files are up to date."));
        setReadOnly(m_readOnly);
        emit previewReady();
    } else {
        m_message->setText(m_lastReport.cancelled
                               ? tr("Cancelled; files written so far are complete. Run sync "
                                    "again to finish.")
                               : tr("Sync finished: %1 file(s) written.").arg(m_lastReport.filesWritten));
        emit syncFinished(m_lastReport.errors.isEmpty() && !m_lastReport.cancelled);
    }
}

QString StateSyncPanel::describe(const StateSyncJob::Report &r)
{
    QString text;
    if (r.interruptedBefore)
        text += tr("A previous sync was interrupted; this run completes it.\n");
    for (const StateSyncJob::ChainPlan &c : r.chains) {
        text += tr("Chain %1 → %2: ")
                    .arg(c.chainId)
                    .arg(c.file.isEmpty() ? tr("(no file)") : c.file.section(QLatin1Char('/'), -1));
        if (!c.skippedReason.isEmpty())
            text += tr("skipped: %1").arg(c.skippedReason);
        else
            text += tr("%1 to add, %2 to update, %3 unchanged")
                        .arg(c.added.size())
                        .arg(c.updated.size())
                        .arg(c.unchanged);
        text += QLatin1Char('\n');
        for (const QString &n : c.added)
            text += QLatin1String("   + ") + n + QLatin1Char('\n');
        for (const QString &n : c.updated)
            text += QLatin1String("   ~ ") + n + QLatin1Char('\n');
        if (!c.skippedInvalid.isEmpty())
            text += tr("   not copied (invalid): %1\n").arg(c.skippedInvalid.join(QLatin1String(", ")));
    }
    for (const StateError &e : r.errors)
        text += tr("Error: %1\n").arg(e.describe());
    text += (r.dryRun ? tr("Dry run total: ") : tr("Total: "))
            + tr("%1 added, %2 updated, %3 unchanged, %4 skipped")
                  .arg(r.added)
                  .arg(r.updated)
                  .arg(r.unchanged)
                  .arg(r.skipped);
    return text;
}

} // namespace Cockpit
