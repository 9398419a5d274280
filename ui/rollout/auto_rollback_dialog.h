// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Cockpit {

// Asks for what turning automatic rollback on or off needs: a reason, and in prod the environment's name
// typed. The rule itself is core's (RolloutGuard::setAutoRollback); this only collects the input, and its
// OK button stays disabled (and Enter does nothing) until the input is complete.
class AutoRollbackDialog : public QDialog
{
    Q_OBJECT

public:
    AutoRollbackDialog(const EnvironmentConfig &config, bool turnOn, QWidget *parent = nullptr);

    QString reason() const;
    QString confirmedName() const;
    QLineEdit *reasonField() const { return m_reason; }
    QLineEdit *nameField() const { return m_name; }
    QPushButton *okButton() const { return m_ok; }

private:
    void updateState();

    EnvironmentConfig m_config;
    QLineEdit *m_reason = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace Cockpit
