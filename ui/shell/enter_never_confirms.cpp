// SPDX-License-Identifier: MIT
#include "ui/shell/enter_never_confirms.h"

#include <QDialog>
#include <QEvent>
#include <QKeyEvent>
#include <QPushButton>

namespace Cockpit {

namespace {

class EnterFilter : public QObject
{
public:
    explicit EnterFilter(QDialog *dialog)
        : QObject(dialog)
        , m_dialog(dialog)
    {}

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_dialog)
            return false;
        if (event->type() == QEvent::Show) {
            for (QPushButton *button : m_dialog->findChildren<QPushButton *>()) {
                button->setDefault(false);
                button->setAutoDefault(false);
            }
        } else if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter) {
                event->accept();
                return true;
            }
        }
        return false;
    }

private:
    QDialog *m_dialog;
};

} // namespace

void enterNeverConfirms(QDialog *dialog)
{
    dialog->installEventFilter(new EnterFilter(dialog));
}

} // namespace Cockpit
