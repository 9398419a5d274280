// SPDX-License-Identifier: MIT
#include "common/text.h"

#include <QCoreApplication>
#include <QList>

namespace Cockpit {

Text::Text(QString english, QString shown)
    : m_english(std::move(english))
    , m_shown(std::move(shown))
{}

Text Text::plain(const QString &text)
{
    return Text(text, text);
}

Text Text::translate(const char *context, const char *source)
{
    return Text(QString::fromUtf8(source), QCoreApplication::translate(context, source));
}

Text Text::decimal(double value, int precision)
{
    return Text(QString::number(value, 'f', precision), QLocale().toString(value, 'f', precision));
}

Text Text::decimal(const QString &english)
{
    QString shown = english;
    shown.replace(QLatin1Char('.'), QLocale().decimalPoint());
    return Text(english, shown);
}

Text Text::operator+(const Text &other) const
{
    return Text(m_english + other.m_english, m_shown + other.m_shown);
}

Text Text::join(const QList<Text> &texts, const QString &separator)
{
    QStringList english;
    QStringList shown;
    for (const Text &t : texts) {
        english.append(t.m_english);
        shown.append(t.m_shown);
    }
    return Text(english.join(separator), shown.join(separator));
}

} // namespace Cockpit
