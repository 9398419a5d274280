// SPDX-License-Identifier: MIT
#pragma once

#include <QLabel>

namespace Cockpit {

// A one-line label that gives up width when the window is small: it shows as much of its text as fits,
// with "…" where the rest is, and the whole text in its tooltip and its accessible description (and, when
// selectable, on copy). Its minimum width is a few characters, so a long path or error never pushes the
// window wider than the screen.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr, Qt::TextElideMode mode = Qt::ElideMiddle);

    void setFullText(const QString &text);
    QString fullText() const { return m_fullText; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_fullText;
    Qt::TextElideMode m_mode;
};

} // namespace Cockpit
