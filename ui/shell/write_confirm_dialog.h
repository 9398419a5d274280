// SPDX-License-Identifier: MIT
#pragma once

#include "config/write_policy.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Cockpit {

// Asks what every write that is not a phase transition needs before it changes a system (a sync of
// deployment files, the rollout safety net): the plan or diff against the current content, a reason, and in
// prod the environment's name typed. The rule is core's (WritePolicy); the dialog says what is missing and
// enables its confirm button only when nothing is. Enter never confirms: a dangerous action is a click or
// Alt+its mnemonic, not the end of typing a reason.
class WriteConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    struct Request
    {
        QString title;
        QString text;         // rich text: what the write does, to whom
        QString plan;         // the planned changes, shown read-only; empty for none
        QString confirmLabel; // the button, with a mnemonic
    };

    WriteConfirmDialog(const EnvironmentConfig &config, bool readOnly, const Request &request,
                       QWidget *parent = nullptr);

    WriteApproval approval() const;
    QString blockingReason() const;

    QLineEdit *reasonField() const { return m_reason; }
    QLineEdit *nameField() const { return m_name; }
    QPushButton *confirmButton() const { return m_confirm; }

    // Read-only switched on while the dialog is open disables its confirm button.
    void setReadOnly(bool readOnly);

private:
    void updateState();

    EnvironmentConfig m_config;
    bool m_readOnly = false;
    QLineEdit *m_reason = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_blocking = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace Cockpit
