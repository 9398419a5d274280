// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QString>

#include <type_traits>

namespace Cockpit {

// A text made in core for an operator to read: a gate's title and evidence, an alert's action and detail.
// It is kept twice. The English form goes into whatever outlives the session and is read by others (the audit
// log, JSON documents, logs, the guard), so a record reads the same whoever wrote it; the shown form is in
// the language and number format of the window that displays it. Only widgets use the shown form: even where
// no translator is installed (the CLI, the guard) it writes numbers as the system locale does ("12,345").
class Text
{
public:
    Text() = default;

    // A text that is not translated: a name, an identifier, another program's or a backend's own message.
    static Text plain(const QString &text);

    // lupdate finds these calls by the name `translate`, as it finds QCoreApplication::translate: context and
    // source must be string literals. No plural forms: the English form is never run through a translator,
    // so sources are worded to read right for any number ("discrepancies: 3").
    static Text translate(const char *context, const char *source);

    // QString::arg on both forms, all arguments at once (so a `%2` inside an inserted text, say an encoded
    // URL in an error, is never taken for a placeholder). Each argument is a Text (its English form goes into
    // the English text, its shown form into the shown text), a QString or a number (written plainly in the
    // English form and as the default QLocale writes it in the shown form: "12.345" in German).
    template<typename... Args>
    [[nodiscard]] Text arg(const Args &...args) const
    {
        return Text(m_english.arg(englishOf(args)...), m_shown.arg(shownOf(args)...));
    }

    // A number with `precision` places: "2.5" in English, in the shown form as the default QLocale writes it
    // ("2,5" in German).
    static Text decimal(double value, int precision);
    // A decimal already written in English ("0.9950", made exactly from integers): the shown form with the
    // default QLocale's decimal point.
    static Text decimal(const QString &english);

    // Joins two texts (each form with its own).
    [[nodiscard]] Text operator+(const Text &other) const;
    [[nodiscard]] static Text join(const QList<Text> &texts, const QString &separator);

    const QString &english() const { return m_english; }
    const QString &shown() const { return m_shown; }
    bool isEmpty() const { return m_english.isEmpty(); }

    friend bool operator==(const Text &a, const Text &b) = default;

private:
    Text(QString english, QString shown);

    static const QString &englishOf(const Text &text) { return text.m_english; }
    static const QString &shownOf(const Text &text) { return text.m_shown; }
    static const QString &englishOf(const QString &text) { return text; }
    static const QString &shownOf(const QString &text) { return text; }
    template<typename Number, std::enable_if_t<std::is_arithmetic_v<Number>, int> = 0>
    static QString englishOf(Number n)
    {
        return QString::number(n);
    }
    template<typename Number, std::enable_if_t<std::is_arithmetic_v<Number>, int> = 0>
    static QString shownOf(Number n)
    {
        return QLocale().toString(n);
    }

    QString m_english;
    QString m_shown;
};

} // namespace Cockpit
