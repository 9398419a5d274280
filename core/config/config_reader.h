// SPDX-License-Identifier: MIT
#pragma once

#include <QDir>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>

namespace Cockpit {

// Typed, validating access to a parsed JSON document. Every failed expectation appends one message
// "<file>: <json pointer>: expected <what>, got <value>" and returns an empty optional; reading goes on
// so that one run reports every problem of the file.
class ConfigReader
{
public:
    using Json = nlohmann::json;

    // A position in the document: the value and its JSON pointer.
    struct Node
    {
        const Json *value = nullptr;
        QString pointer;
        bool isValid() const { return value != nullptr; }
    };

    ConfigReader(QString displayName, QDir baseDir);

    Node root(const Json &document) const { return {&document, QString()}; }

    // Checks that node is an object whose keys are all in `allowed`; unknown keys are errors.
    bool expectObject(const Node &node, std::initializer_list<const char *> allowed);
    bool expectObject(const Node &node, const QStringList &allowed);

    Node child(const Node &parent, const char *key) const;
    Node element(const Node &parent, std::size_t index) const;
    bool has(const Node &parent, const char *key) const;

    // Required values report a missing key; optional ones return the fallback when absent.
    std::optional<QString> string(const Node &parent, const char *key, bool required,
                                  const QString &fallback = QString());
    std::optional<QString> nonEmptyString(const Node &parent, const char *key, bool required,
                                          const QString &fallback = QString());
    std::optional<QString> oneOf(const Node &parent, const char *key, const QStringList &choices,
                                 bool required, const QString &fallback = QString());
    std::optional<qint64> integer(const Node &parent, const char *key, qint64 min, qint64 max, bool required,
                                  qint64 fallback = 0);
    std::optional<double> number(const Node &parent, const char *key, double min, double max, bool required,
                                 double fallback = 0);
    std::optional<bool> boolean(const Node &parent, const char *key, bool required, bool fallback = false);
    // An exact decimal written as a string ("0.01"); JSON numbers are refused because they pass through
    // a double.
    std::optional<QString> decimalString(const Node &parent, const char *key, bool required,
                                         const QString &fallback = QString());
    // A duration written as "90s", "15m", "48h" or "7d", within [minSeconds, maxSeconds]; returns seconds.
    std::optional<qint64> duration(const Node &parent, const char *key, qint64 minSeconds, qint64 maxSeconds,
                                   bool required, qint64 fallback = 0);
    // "90s", "15m", "48h", "7d": the largest unit that divides the value.
    static QString durationText(qint64 seconds);
    // "90s", "15m", "48h", "7d" in seconds; nullopt for anything else.
    static std::optional<qint64> parseDuration(const QString &text);
    // A path; relative paths resolve against the config file's folder.
    std::optional<QString> path(const Node &parent, const char *key, bool required,
                                const QString &fallback = QString());
    std::optional<QStringList> stringList(const Node &parent, const char *key, bool required,
                                          const QStringList &fallback = {});

    void error(const Node &node, const QString &message);
    void error(const QString &pointer, const QString &message);
    QStringList errors() const { return m_errors; }

    static QString describe(const Json &value);
    static QString childPointer(const QString &parent, const QString &key);
    QString resolvePath(const QString &path) const;

private:
    bool typeError(const Node &parent, const char *key, const Node &node, const QString &expected,
                   bool required);

    QString m_displayName;
    QDir m_baseDir;
    QStringList m_errors;
};

} // namespace Cockpit
