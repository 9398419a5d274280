// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace Cockpit {

// A backend's reachability: a coloured disc with a distinct glyph (check, cross, dots) and a text, so the
// state is never conveyed by colour alone. The tooltip carries the detail (the error when unreachable).
class StatusLight : public QWidget
{
    Q_OBJECT

public:
    enum class State
    {
        Unknown,
        Ok,
        Error
    };

    explicit StatusLight(const QString &label, QWidget *parent = nullptr);

    // errorText: what an Error state says instead of "unreachable" ("schema mismatch", ...).
    void setState(State state, const QString &detail, const QString &errorText = QString());
    State state() const { return m_state; }
    QString label() const { return m_label; }
    QString stateText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_label;
    QString m_errorText;
    State m_state = State::Unknown;
};

} // namespace Cockpit
