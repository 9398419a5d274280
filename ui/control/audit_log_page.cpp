// SPDX-License-Identifier: MIT
#include "ui/control/audit_log_page.h"

#include "common/atomic_file.h"
#include "control/control_store.h"
#include "ui/control/audit_filter_proxy.h"
#include "ui/control/audit_log_model.h"
#include "ui/shell/data_table.h"

#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace Cockpit {

AuditLogPage::AuditLogPage(EnvironmentSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setAccessibleName(tr("Audit Log"));
    m_model = new AuditLogModel(this);
    // Follows appends by anyone; a hidden page reloads when it is shown.
    connect(session, &EnvironmentSession::controlStoreChanged, this, [this] {
        if (!isVisible())
            m_loadedOnce = false;
        else if (m_loadJob.isRunning())
            m_reloadAgain = true; // one more load when this one is done, however many changes came
        else
            refresh();
    });
    m_proxy = new AuditFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setAction(AuditFilterProxy::allButOpenings());

    m_migration = new QComboBox(this);
    m_migration->setAccessibleName(tr("Filter by migration"));
    m_action = new QComboBox(this);
    m_action->setAccessibleName(tr("Filter by action"));
    // The choices arrive with the entries, after the page was first shown: a fixed width that holds the
    // usual names keeps the search field usable on a laptop; the list itself shows the longer ones whole.
    m_migration->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_migration->setMinimumContentsLength(14);
    m_action->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_action->setMinimumContentsLength(20);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search operator, reason, evidence, output…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().averageCharWidth() * 16);
    m_search->setAccessibleName(tr("Search audit log"));
    auto *migrationLabel = new QLabel(tr("&Migration:"), this);
    migrationLabel->setBuddy(m_migration);
    auto *actionLabel = new QLabel(tr("&Action:"), this);
    actionLabel->setBuddy(m_action);
    auto *searchLabel = new QLabel(tr("&Search:"), this);
    searchLabel->setBuddy(m_search);
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_export = new QPushButton(QApplication::style()->standardIcon(QStyle::SP_DialogSaveButton),
                               tr("&Export…"), this);
    m_export->setAccessibleName(tr("Export audit log"));
    m_verify = new QPushButton(QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton),
                               tr("&Verify"), this);
    m_verify->setAccessibleName(tr("Verify audit log"));
    m_verify->setToolTip(tr("Check the SHA-256 chain: finds any edited, inserted or deleted entry"));

    m_shown = new QLabel(this);
    m_shown->setAccessibleName(tr("Entries shown"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(migrationLabel);
    filters->addWidget(m_migration);
    filters->addWidget(actionLabel);
    filters->addWidget(m_action);
    filters->addWidget(searchLabel);
    filters->addWidget(m_search, 1);

    m_verifyIcon = new QLabel(this);
    m_verifyIcon->setFixedSize(18, 18);
    m_verifyIcon->hide(); // until there is a verdict: an empty icon would indent "Not verified yet."
    m_notice = new QLabel(this);
    m_notice->setAccessibleName(tr("Export result"));
    m_verifyText = new QLabel(tr("Not verified yet."), this);
    m_verifyText->setWordWrap(true);
    m_verifyText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verifyText->setAccessibleName(tr("Verification result"));
    auto *verifyRow = new QHBoxLayout;
    verifyRow->addWidget(m_verifyIcon, 0, Qt::AlignTop);
    verifyRow->addWidget(m_verifyText, 1);
    verifyRow->addWidget(m_notice);
    // The count sits with Export, which writes what it counts; the filter row keeps its width for the search.
    verifyRow->addWidget(m_shown);
    // The buttons sit with the verdict and the export result they produce, leaving the filter row its width.
    verifyRow->addWidget(m_refresh, 0, Qt::AlignTop);
    verifyRow->addWidget(m_export, 0, Qt::AlignTop);
    verifyRow->addWidget(m_verify, 0, Qt::AlignTop);

    m_table = new DataTable(QStringLiteral("audit/entries"), tr("Audit entries"), this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AuditLogModel::Seq, Qt::DescendingOrder);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_detail = new QPlainTextEdit(this);
    m_detail->setReadOnly(true);
    m_detail->setAccessibleName(tr("Entry details"));
    m_detail->setPlaceholderText(tr("Select an entry to see every field."));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(verifyRow);
    layout->addWidget(splitter, 1);

    connect(m_migration, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setMigration(m_migration->currentData().toString()); });
    connect(m_action, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setAction(m_action->currentData().toString()); });
    connect(m_search, &QLineEdit::textChanged, m_proxy, &AuditFilterProxy::setSearchText);
    const auto countShown = [this] {
        const int all = m_model->rowCount();
        const int shown = m_proxy->rowCount();
        m_shown->setText(shown == all ? tr("%n entries", nullptr, all)
                                      : tr("%1 of %n entries shown", nullptr, all).arg(shown));
        m_table->setEmptyText(all == 0
                                  ? tr("The audit log has no entries yet.")
                                  : tr("No entry matches the filters: %n hidden by them.", nullptr, all));
    };
    connect(m_proxy, &QAbstractItemModel::modelReset, this, countShown);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, countShown);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, countShown);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, countShown);
    countShown();
    connect(m_refresh, &QPushButton::clicked, this, &AuditLogPage::refresh);
    connect(m_verify, &QPushButton::clicked, this, &AuditLogPage::verify);
    connect(m_export, &QPushButton::clicked, this, &AuditLogPage::chooseExportFile);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditLogPage::showDetail);
}

AuditLogPage::~AuditLogPage() = default;

void AuditLogPage::showLoaded(const Loaded &loaded)
{
    m_refresh->setEnabled(true);
    if (!loaded.result) {
        showVerifyIcon(QStyle::SP_MessageBoxCritical);
        m_verifyText->setText(tr("Cannot read the audit log: %1").arg(errorMessage(loaded.result)));
    } else {
        // A reload (an entry appended by anyone) keeps the entry the operator is reading, and the
        // column widths they chose.
        const QModelIndex current = m_table->currentIndex();
        const AuditEntry *selected =
            current.isValid() ? m_model->entry(m_proxy->mapToSource(current).row()) : nullptr;
        const qint64 selectedSeq = selected ? selected->seq : -1;
        const bool first = m_model->rowCount() == 0;
        m_model->setEntries(loaded.entries);
        fillFilters();
        if (first) {
            m_table->resizeColumnsToContents();
            for (int c = 0; c < AuditLogModel::ColumnCount; ++c)
                m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 320));
        }
        if (const int row = m_model->rowOf(selectedSeq); row >= 0) {
            const QModelIndex again = m_proxy->mapFromSource(m_model->index(row, 0));
            m_table->setCurrentIndex(again);
            m_table->scrollTo(again);
        } else if (!m_autoSelected && m_proxy->rowCount() > 0) {
            // The pane below shows the top entry in full from the start: its result and reason are the
            // columns a narrow window elides first. Once: a later reload keeps what the operator chose.
            m_table->setCurrentIndex(m_proxy->index(0, 0));
            m_autoSelected = true;
        }
    }
    emit refreshed();
    if (std::exchange(m_reloadAgain, false))
        refresh();
}

void AuditLogPage::showVerifyIcon(QStyle::StandardPixmap icon)
{
    m_verifyIcon->setPixmap(QApplication::style()->standardIcon(icon).pixmap(18, 18));
    m_verifyIcon->show();
}

void AuditLogPage::showVerified(const Verified &v)
{
    m_verify->setEnabled(true);
    QSet<qint64> bad;
    if (!v.result) {
        showVerifyIcon(QStyle::SP_MessageBoxCritical);
        m_verifyText->setText(tr("Cannot verify: %1").arg(errorMessage(v.result)));
    } else if (v.verification.ok) {
        showVerifyIcon(QStyle::SP_DialogApplyButton);
        m_verifyText->setText(
            tr("Verified: %n entries, hash chain intact.", nullptr, int(v.verification.entries)));
    } else {
        showVerifyIcon(QStyle::SP_MessageBoxCritical);
        m_verifyText->setText(tr("TAMPERED: %1").arg(v.verification.problems.join(QLatin1String("; "))));
        static const QRegularExpression entry(QStringLiteral("^entry (\\d+):"));
        for (const QString &p : v.verification.problems) {
            const auto m = entry.match(p);
            if (m.hasMatch())
                bad.insert(m.captured(1).toLongLong());
        }
    }
    m_model->setTampered(bad);
    emit verified(v.result.has_value() && v.verification.ok);
}

void AuditLogPage::showExported(const Result<void> &written)
{
    m_export->setEnabled(true);
    // The export holds the rows the filters show: said, so that a file without the openings (the default
    // filter) is not taken for the whole log.
    const int all = m_model->rowCount();
    m_notice->setText(
        !written ? tr("Export failed: %1").arg(written.error().message)
        : m_exportedRows == all
            ? tr("Exported all %n entries.", nullptr, all)
            : tr("Exported the %1 of %n entries the filters show.", nullptr, all).arg(m_exportedRows));
    if (written)
        emit exported(m_exportedRows);
    else
        emit exportFailed(written.error().message);
}

void AuditLogPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce)
        refresh();
}

QString AuditLogPage::verifyText() const
{
    return m_verifyText->text();
}

QString AuditLogPage::detailText() const
{
    return m_detail->toPlainText();
}

void AuditLogPage::refresh()
{
    m_loadedOnce = true;
    const EnvironmentConfig config = m_session->config();
    m_refresh->setEnabled(false);
    m_loadJob.start(
        [config](const JobToken &) {
            Loaded loaded;
            std::unique_ptr<ControlStore> store = ControlStore::create(config);
            loaded.result = store->open();
            if (loaded.result.has_value()) {
                Result<QList<AuditEntry>> entries = store->audit().entries({});
                if (entries)
                    loaded.entries = std::move(*entries);
                else
                    loaded.result = fail(entries.error());
            }
            return loaded;
        },
        [this](const Loaded &loaded) { showLoaded(loaded); }, JobStart::SkipIfCancelled);
}

void AuditLogPage::verify()
{
    const EnvironmentConfig config = m_session->config();
    m_verify->setEnabled(false);
    m_verifyText->setText(tr("Verifying…"));
    m_verifyJob.start(
        [config](const JobToken &) {
            Verified v;
            std::unique_ptr<ControlStore> store = ControlStore::create(config);
            v.result = store->open();
            if (v.result.has_value())
                v.verification = store->audit().verify();
            return v;
        },
        [this](const Verified &v) { showVerified(v); }, JobStart::SkipIfCancelled);
}

void AuditLogPage::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export audit log"), QStringLiteral("audit-log.csv"), tr("CSV (*.csv);;JSON (*.json)"));
    if (!path.isEmpty())
        exportTo(path);
}

void AuditLogPage::exportTo(const QString &path)
{
    QList<AuditEntry> rows;
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const int source = m_proxy->mapToSource(m_proxy->index(r, 0)).row();
        if (const AuditEntry *e = m_model->entry(source))
            rows.append(*e);
    }
    std::sort(rows.begin(), rows.end(),
              [](const AuditEntry &a, const AuditEntry &b) { return a.seq < b.seq; });
    m_export->setEnabled(false);
    m_exportedRows = int(rows.size());
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    // Closing the page drops the message, not the file: the write finishes in the pool.
    m_exportJob.start(
        [rows, path, json](const JobToken &) {
            return AtomicFile::write(path, json ? AuditLog::toJson(rows) : AuditLog::toCsv(rows));
        },
        [this](const Result<void> &written) { showExported(written); });
}

QString AuditLogPage::shownText() const
{
    return m_shown->text();
}

void AuditLogPage::fillFilters()
{
    const QString migration = m_migration->currentData().toString();
    const QString action =
        m_action->count() == 0 ? AuditFilterProxy::allButOpenings() : m_action->currentData().toString();
    QStringList migrations;
    QStringList actions;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const AuditEntry *e = m_model->entry(r);
        if (!e->migration.isEmpty() && !migrations.contains(e->migration))
            migrations.append(e->migration);
        if (!actions.contains(e->action))
            actions.append(e->action);
    }
    migrations.sort();
    actions.sort();
    const QSignalBlocker b1(m_migration);
    const QSignalBlocker b2(m_action);
    m_migration->clear();
    m_migration->addItem(tr("All"), QString());
    for (const QString &m : migrations)
        m_migration->addItem(m, m);
    m_action->clear();
    m_action->addItem(tr("All but session starts"), AuditFilterProxy::allButOpenings());
    m_action->setItemData(
        0,
        tr("Every action except environment_opened, the entry a window writes when it opens the environment"),
        Qt::ToolTipRole);
    m_action->addItem(tr("All"), QString());
    for (const QString &a : actions)
        m_action->addItem(a, a);
    m_migration->setCurrentIndex(std::max(0, m_migration->findData(migration)));
    m_action->setCurrentIndex(std::max(0, m_action->findData(action)));
}

void AuditLogPage::showDetail()
{
    const QModelIndex current = m_table->currentIndex();
    const AuditEntry *e = current.isValid() ? m_model->entry(m_proxy->mapToSource(current).row()) : nullptr;
    if (!e) {
        m_detail->clear();
        return;
    }
    QStringList lines = {
        tr("Entry %1 at %2 UTC").arg(e->seq).arg(e->time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))),
        tr("Operator: %1%2 on %3")
            .arg(e->osUser,
                 e->displayName.isEmpty() ? QString()
                                          : QLatin1String(" (") + e->displayName + QLatin1Char(')'),
                 e->host),
        tr("Environment: %1   Migration: %2   Action: %3").arg(e->environment, e->migration, e->action),
        tr("Result: %1").arg(e->result),
        tr("Reason: %1").arg(e->reason.isEmpty() ? tr("(none)") : e->reason),
        QString(),
        tr("Gate evidence:"),
        e->gateEvidence.isEmpty() ? tr("(none)") : e->gateEvidence,
        QString(),
        tr("Actuator output:"),
        e->actuatorOutput.isEmpty() ? tr("(none)") : e->actuatorOutput,
        QString(),
        tr("Previous hash: %1").arg(e->prevHash),
        tr("Entry hash:    %1").arg(e->entryHash),
    };
    m_detail->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace Cockpit
