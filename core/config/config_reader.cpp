// SPDX-License-Identifier: MIT
#include "config/config_reader.h"

#include <QRegularExpression>

namespace Cockpit {

namespace {

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

ConfigReader::ConfigReader(QString displayName, QDir baseDir)
    : m_displayName(std::move(displayName))
    , m_baseDir(baseDir)
{}

QString ConfigReader::childPointer(const QString &parent, const QString &key)
{
    // RFC 6901 escaping: ~ becomes ~0 and / becomes ~1.
    QString escaped = key;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0")).replace(QLatin1Char('/'), QLatin1String("~1"));
    return parent + QLatin1Char('/') + escaped;
}

QString ConfigReader::describe(const Json &value)
{
    QString text = fromStd(value.dump());
    if (text.size() > 60)
        text = text.left(57) + QLatin1String("...");
    switch (value.type()) {
    case Json::value_t::object:
        return QLatin1String("an object");
    case Json::value_t::array:
        return QLatin1String("an array");
    case Json::value_t::null:
        return QLatin1String("null");
    default:
        return text;
    }
}

void ConfigReader::error(const QString &pointer, const QString &message)
{
    m_errors.append(m_displayName + QLatin1String(": ") + (pointer.isEmpty() ? QStringLiteral("/") : pointer)
                    + QLatin1String(": ") + message);
}

void ConfigReader::error(const Node &node, const QString &message)
{
    error(node.pointer, message);
}

bool ConfigReader::expectObject(const Node &node, std::initializer_list<const char *> allowed)
{
    QStringList keys;
    for (const char *key : allowed)
        keys.append(QString::fromUtf8(key));
    return expectObject(node, keys);
}

bool ConfigReader::expectObject(const Node &node, const QStringList &allowed)
{
    if (!node.isValid())
        return false;
    if (!node.value->is_object()) {
        error(node, QLatin1String("expected an object, got ") + describe(*node.value));
        return false;
    }
    for (auto it = node.value->begin(); it != node.value->end(); ++it) {
        const QString key = fromStd(it.key());
        if (!allowed.contains(key)) {
            error(childPointer(node.pointer, key), QLatin1String("unknown key (expected one of: ")
                                                       + allowed.join(QLatin1String(", "))
                                                       + QLatin1Char(')'));
        }
    }
    return true;
}

ConfigReader::Node ConfigReader::child(const Node &parent, const char *key) const
{
    if (!parent.isValid() || !parent.value->is_object())
        return {nullptr, childPointer(parent.pointer, QString::fromUtf8(key))};
    const auto it = parent.value->find(key);
    if (it == parent.value->end())
        return {nullptr, childPointer(parent.pointer, QString::fromUtf8(key))};
    return {&*it, childPointer(parent.pointer, QString::fromUtf8(key))};
}

ConfigReader::Node ConfigReader::element(const Node &parent, std::size_t index) const
{
    const QString pointer = parent.pointer + QLatin1Char('/') + QString::number(index);
    if (!parent.isValid() || !parent.value->is_array() || index >= parent.value->size())
        return {nullptr, pointer};
    return {&(*parent.value)[index], pointer};
}

bool ConfigReader::has(const Node &parent, const char *key) const
{
    return child(parent, key).isValid();
}

bool ConfigReader::typeError(const Node &parent, const char *key, const Node &node, const QString &expected,
                             bool required)
{
    Q_UNUSED(parent)
    Q_UNUSED(key)
    if (!node.isValid()) {
        if (required)
            error(node, QLatin1String("required key is missing (expected ") + expected + QLatin1Char(')'));
        return true;
    }
    error(node, QLatin1String("expected ") + expected + QLatin1String(", got ") + describe(*node.value));
    return true;
}

std::optional<QString> ConfigReader::string(const Node &parent, const char *key, bool required,
                                            const QString &fallback)
{
    const Node node = child(parent, key);
    if (!node.isValid()) {
        if (required) {
            typeError(parent, key, node, QStringLiteral("a string"), true);
            return std::nullopt;
        }
        return fallback;
    }
    if (!node.value->is_string()) {
        typeError(parent, key, node, QStringLiteral("a string"), required);
        return std::nullopt;
    }
    return fromStd(node.value->get<std::string>());
}

std::optional<QString> ConfigReader::nonEmptyString(const Node &parent, const char *key, bool required,
                                                    const QString &fallback)
{
    const Node node = child(parent, key);
    auto value = string(parent, key, required, fallback);
    if (value && node.isValid() && value->trimmed().isEmpty()) {
        error(node, QLatin1String("expected a non-empty string, got \"\""));
        return std::nullopt;
    }
    return value;
}

std::optional<QString> ConfigReader::oneOf(const Node &parent, const char *key, const QStringList &choices,
                                           bool required, const QString &fallback)
{
    const Node node = child(parent, key);
    const QString expected = QLatin1String("one of ") + choices.join(QLatin1String(", "));
    if (!node.isValid()) {
        if (required) {
            typeError(parent, key, node, expected, true);
            return std::nullopt;
        }
        return fallback;
    }
    if (!node.value->is_string() || !choices.contains(fromStd(node.value->get<std::string>()))) {
        typeError(parent, key, node, expected, required);
        return std::nullopt;
    }
    return fromStd(node.value->get<std::string>());
}

std::optional<qint64> ConfigReader::integer(const Node &parent, const char *key, qint64 min, qint64 max,
                                            bool required, qint64 fallback)
{
    const Node node = child(parent, key);
    const QString expected =
        QLatin1String("an integer ") + QString::number(min) + QLatin1Char('-') + QString::number(max);
    if (!node.isValid()) {
        if (required) {
            typeError(parent, key, node, expected, true);
            return std::nullopt;
        }
        return fallback;
    }
    if (!node.value->is_number_integer()) {
        typeError(parent, key, node, expected, required);
        return std::nullopt;
    }
    qint64 value = 0;
    if (node.value->is_number_unsigned()) {
        const auto u = node.value->get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(max)) {
            typeError(parent, key, node, expected, required);
            return std::nullopt;
        }
        value = static_cast<qint64>(u);
    } else {
        value = node.value->get<std::int64_t>();
    }
    if (value < min || value > max) {
        typeError(parent, key, node, expected, required);
        return std::nullopt;
    }
    return value;
}

std::optional<double> ConfigReader::number(const Node &parent, const char *key, double min, double max,
                                           bool required, double fallback)
{
    const Node node = child(parent, key);
    const QString expected =
        QLatin1String("a number ") + QString::number(min) + QLatin1Char('-') + QString::number(max);
    if (!node.isValid()) {
        if (required) {
            typeError(parent, key, node, expected, true);
            return std::nullopt;
        }
        return fallback;
    }
    if (!node.value->is_number()) {
        typeError(parent, key, node, expected, required);
        return std::nullopt;
    }
    const double value = node.value->get<double>();
    if (value < min || value > max) {
        typeError(parent, key, node, expected, required);
        return std::nullopt;
    }
    return value;
}

std::optional<bool> ConfigReader::boolean(const Node &parent, const char *key, bool required, bool fallback)
{
    const Node node = child(parent, key);
    if (!node.isValid()) {
        if (required) {
            typeError(parent, key, node, QStringLiteral("true or false"), true);
            return std::nullopt;
        }
        return fallback;
    }
    if (!node.value->is_boolean()) {
        typeError(parent, key, node, QStringLiteral("true or false"), required);
        return std::nullopt;
    }
    return node.value->get<bool>();
}

std::optional<QString> ConfigReader::decimalString(const Node &parent, const char *key, bool required,
                                                   const QString &fallback)
{
    static const QRegularExpression decimal(QStringLiteral("^\\d{1,18}(\\.\\d{1,18})?$"));
    const Node node = child(parent, key);
    const QString expected = QStringLiteral("a non-negative decimal string such as \"0.01\"");
    if (!node.isValid()) {
        if (required) {
            typeError(parent, key, node, expected, true);
            return std::nullopt;
        }
        return fallback;
    }
    if (!node.value->is_string() || !decimal.match(fromStd(node.value->get<std::string>())).hasMatch()) {
        typeError(parent, key, node, expected, required);
        return std::nullopt;
    }
    return fromStd(node.value->get<std::string>());
}

QString ConfigReader::durationText(qint64 seconds)
{
    if (seconds != 0 && seconds % 86400 == 0)
        return QString::number(seconds / 86400) + QLatin1Char('d');
    if (seconds != 0 && seconds % 3600 == 0)
        return QString::number(seconds / 3600) + QLatin1Char('h');
    if (seconds != 0 && seconds % 60 == 0)
        return QString::number(seconds / 60) + QLatin1Char('m');
    return QString::number(seconds) + QLatin1Char('s');
}

std::optional<qint64> ConfigReader::parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,9})(s|m|h|d)$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 amount = match.captured(1).toLongLong();
    const QChar unit = match.captured(2).at(0);
    const qint64 factor = unit == QLatin1Char('s')   ? 1
                          : unit == QLatin1Char('m') ? 60
                          : unit == QLatin1Char('h') ? 3600
                                                     : 86400;
    // At most 9 digits times a day: no overflow in 64 bits.
    return amount * factor;
}

std::optional<qint64> ConfigReader::duration(const Node &parent, const char *key, qint64 minSeconds,
                                             qint64 maxSeconds, bool required, qint64 fallback)
{
    const Node node = child(parent, key);
    const QString expected =
        QStringLiteral("a duration from %1 to %2, such as \"90s\", \"15m\", \"48h\" or \"7d\"")
            .arg(durationText(minSeconds), durationText(maxSeconds));
    if (!node.isValid()) {
        if (required) {
            typeError(parent, key, node, expected, true);
            return std::nullopt;
        }
        return fallback;
    }
    const std::optional<qint64> seconds =
        node.value->is_string() ? parseDuration(fromStd(node.value->get<std::string>())) : std::nullopt;
    // The range keeps every use (milliseconds in an int, divisions) safe.
    if (!seconds || *seconds < minSeconds || *seconds > maxSeconds) {
        typeError(parent, key, node, expected, required);
        return std::nullopt;
    }
    return seconds;
}

QString ConfigReader::resolvePath(const QString &path) const
{
    return QDir::cleanPath(m_baseDir.absoluteFilePath(path));
}

std::optional<QString> ConfigReader::path(const Node &parent, const char *key, bool required,
                                          const QString &fallback)
{
    const Node node = child(parent, key);
    const bool present = node.isValid();
    auto value = nonEmptyString(parent, key, required, fallback);
    if (!value)
        return std::nullopt;
    if (!present && value->isEmpty())
        return QString();
    return resolvePath(*value);
}

std::optional<QStringList> ConfigReader::stringList(const Node &parent, const char *key, bool required,
                                                    const QStringList &fallback)
{
    const Node node = child(parent, key);
    if (!node.isValid()) {
        if (required) {
            typeError(parent, key, node, QStringLiteral("an array of strings"), true);
            return std::nullopt;
        }
        return fallback;
    }
    if (!node.value->is_array()) {
        typeError(parent, key, node, QStringLiteral("an array of strings"), required);
        return std::nullopt;
    }
    QStringList result;
    bool ok = true;
    for (std::size_t i = 0; i < node.value->size(); ++i) {
        const Node item = element(node, i);
        if (!item.value->is_string()) {
            error(item, QLatin1String("expected a string, got ") + describe(*item.value));
            ok = false;
            continue;
        }
        result.append(fromStd(item.value->get<std::string>()));
    }
    if (!ok)
        return std::nullopt;
    return result;
}

} // namespace Cockpit
