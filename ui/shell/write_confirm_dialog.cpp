// SPDX-License-Identifier: MIT
#include "ui/shell/write_confirm_dialog.h"

#include "ui/shell/enter_never_confirms.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Cockpit {

WriteConfirmDialog::WriteConfirmDialog(const EnvironmentConfig &config, bool readOnly, const Request &request,
                                       QWidget *parent)
    : QDialog(parent)
    , m_config(config)
    , m_readOnly(readOnly)
{
    setWindowTitle(request.title);
    auto *text = new QLabel(request.text, this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    if (!request.plan.isEmpty()) {
        auto *plan = new QPlainTextEdit(request.plan, this);
        plan->setReadOnly(true);
        plan->setAccessibleName(tr("Planned changes"));
        plan->setLineWrapMode(QPlainTextEdit::NoWrap);
        // Tab moves on to the reason instead of being typed into a read-only text.
        plan->setTabChangesFocus(true);
        layout->addWidget(plan, 1);
    }

    m_reason = new QLineEdit(this);
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why? Kept in the audit log"));
    auto *form = new QFormLayout;
    auto *reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);
    m_name = new QLineEdit(this);
    m_name->setAccessibleName(tr("Environment name confirmation"));
    if (WritePolicy::needsTypedName(config)) {
        auto *nameLabel =
            new QLabel(tr("Type <b>%1</b> to &confirm:").arg(config.name.toHtmlEscaped()), this);
        nameLabel->setBuddy(m_name);
        form->addRow(nameLabel, m_name);
    } else {
        m_name->hide();
    }
    layout->addLayout(form);
    m_blocking = new QLabel(this);
    m_blocking->setWordWrap(true);
    m_blocking->setAccessibleName(tr("What is missing"));
    layout->addWidget(m_blocking);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(request.confirmLabel, QDialogButtonBox::AcceptRole);
    m_confirm->setAccessibleName(request.title);
    enterNeverConfirms(this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, &WriteConfirmDialog::updateState);
    connect(m_name, &QLineEdit::textChanged, this, &WriteConfirmDialog::updateState);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_reason->setFocus();
    updateState();
}

WriteApproval WriteConfirmDialog::approval() const
{
    return {m_reason->text().trimmed(), m_name->text()};
}

QString WriteConfirmDialog::blockingReason() const
{
    return errorMessage(WritePolicy::check(m_config, m_readOnly, approval(), WritePolicy::Reason::Required));
}

void WriteConfirmDialog::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateState();
}

void WriteConfirmDialog::updateState()
{
    const QString blocking = blockingReason();
    m_confirm->setEnabled(blocking.isEmpty());
    m_blocking->setText(blocking);
    m_blocking->setVisible(!blocking.isEmpty());
}

} // namespace Cockpit
