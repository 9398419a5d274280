// SPDX-License-Identifier: MIT
#include "ui/rollout/auto_rollback_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Cockpit {

AutoRollbackDialog::AutoRollbackDialog(const EnvironmentConfig &config, bool turnOn, QWidget *parent)
    : QDialog(parent)
    , m_config(config)
{
    const bool prod = config.kind == EnvironmentKind::Prod;
    setWindowTitle(turnOn ? tr("Turn automatic rollback on") : tr("Turn automatic rollback off"));
    auto *text = new QLabel(
        turnOn
            ? tr("From now on, a confirmed breach of a module under rollout is rolled back to V1 by the guard "
                 "of <b>%1</b>, whichever cockpit or headless guard holds its lease.")
                  .arg(config.name.toHtmlEscaped())
            : tr("<b>The safety net of %1 is switched off for every cockpit and guard</b>: a confirmed breach "
                 "is then only reported, never rolled back, until someone turns it on again.")
                  .arg(config.name.toHtmlEscaped()),
        this);
    text->setWordWrap(true);
    m_reason = new QLineEdit(this);
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why? Kept in the audit log"));
    auto *form = new QFormLayout;
    auto *reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);
    m_name = new QLineEdit(this);
    m_name->setAccessibleName(tr("Environment name confirmation"));
    if (prod) {
        auto *nameLabel =
            new QLabel(tr("Type <b>%1</b> to &confirm:").arg(config.name.toHtmlEscaped()), this);
        nameLabel->setBuddy(m_name);
        form->addRow(nameLabel, m_name);
    } else {
        m_name->hide();
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(turnOn ? tr("Turn &on") : tr("Turn &off"), QDialogButtonBox::AcceptRole);
    m_ok->setAccessibleName(windowTitle());
    // Enter in the reason field must never cancel or confirm by accident: only a complete input has a
    // default.
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, &AutoRollbackDialog::updateState);
    connect(m_name, &QLineEdit::textChanged, this, &AutoRollbackDialog::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(440);
    updateState();
}

QString AutoRollbackDialog::reason() const
{
    return m_reason->text().trimmed();
}

QString AutoRollbackDialog::confirmedName() const
{
    return m_name->text();
}

void AutoRollbackDialog::updateState()
{
    const bool ready =
        !reason().isEmpty() && (m_config.kind != EnvironmentKind::Prod || confirmedName() == m_config.name);
    m_ok->setEnabled(ready);
    // Enter confirms only complete input; otherwise it is not a default action at all.
    m_ok->setDefault(ready);
    m_ok->setAutoDefault(ready);
}

} // namespace Cockpit
