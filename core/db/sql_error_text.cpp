// SPDX-License-Identifier: MIT
#include "db/sql_error_text.h"

#include <QSqlError>
#include <QStringList>

namespace Cockpit {

namespace {

// Lines become sentences: "… failed: Connection refused. Is the server running …?"
QString oneLine(const QString &text)
{
    QStringList sentences;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        QString s = line.simplified();
        if (s.isEmpty())
            continue;
        if (!sentences.isEmpty() && !QStringLiteral(".?!:;").contains(sentences.last().back()))
            sentences.last() += QLatin1Char('.');
        sentences.append(s);
    }
    return sentences.join(QLatin1Char(' '));
}

} // namespace

QString sqlErrorText(const QSqlError &error)
{
    const QString database = oneLine(error.databaseText());
    if (!database.isEmpty())
        return database;
    const QString driver = oneLine(error.driverText());
    return driver.isEmpty() ? oneLine(error.text()) : driver;
}

} // namespace Cockpit
