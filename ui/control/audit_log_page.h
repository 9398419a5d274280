// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_tracker.h"
#include "control/audit_log.h"
#include "wiring/environment_session.h"

#include <QStyle>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Cockpit {

class AuditFilterProxy;
class AuditLogModel;
class DataTable;

// The Audit Log page: filterable table of every entry, a detail pane with all fields (evidence and actuator
// output included), Export to CSV or JSON, and Verify, which checks the hash chain and marks the entries it
// names. Reading, verifying and exporting run in worker threads.
class AuditLogPage : public QWidget
{
    Q_OBJECT

public:
    explicit AuditLogPage(EnvironmentSession *session, QWidget *parent = nullptr);
    ~AuditLogPage() override;

    AuditLogModel *model() const { return m_model; }
    AuditFilterProxy *proxy() const { return m_proxy; }
    QPushButton *verifyButton() const { return m_verify; }
    QLineEdit *searchField() const { return m_search; }
    QString verifyText() const;
    QString detailText() const;
    QString shownText() const;
    DataTable *table() const { return m_table; }

public slots:
    void refresh();
    void verify();
    // Writes the rows the filter shows; CSV unless the file name ends in .json. Runs in a worker.
    void exportTo(const QString &path);

signals:
    void refreshed();
    void verified(bool ok);
    // The rows written, or why nothing was: one of the two per export.
    void exported(int rows);
    void exportFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showDetail();
    void chooseExportFile();
    void fillFilters();
    struct Loaded;
    struct Verified;
    void showLoaded(const Loaded &loaded);
    void showVerified(const Verified &v);
    void showVerifyIcon(QStyle::StandardPixmap icon);
    void showExported(const Result<void> &written);

    struct Loaded
    {
        Result<void> result;
        QList<AuditEntry> entries;
    };
    struct Verified
    {
        Result<void> result;
        AuditLog::Verification verification;
    };

    EnvironmentSession *m_session;
    AuditLogModel *m_model = nullptr;
    AuditFilterProxy *m_proxy = nullptr;
    bool m_loadedOnce = false;
    bool m_reloadAgain = false;  // the store changed while a load ran
    bool m_autoSelected = false; // the newest entry was selected for the operator once
    JobTracker<Loaded> m_loadJob;
    JobTracker<Verified> m_verifyJob;
    JobTracker<Result<void>> m_exportJob;

    QComboBox *m_migration = nullptr;
    QComboBox *m_action = nullptr;
    QLineEdit *m_search = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_verify = nullptr;
    QLabel *m_verifyIcon = nullptr;
    QLabel *m_verifyText = nullptr;
    QLabel *m_notice = nullptr; // export results, kept apart from the verification verdict
    QLabel *m_shown = nullptr;  // "4 of 9 entries shown": a filtered-out log does not look empty
    int m_exportedRows = 0;     // the rows of the running export
    DataTable *m_table = nullptr;
    QPlainTextEdit *m_detail = nullptr;
};

} // namespace Cockpit
