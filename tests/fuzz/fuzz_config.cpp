// SPDX-License-Identifier: MIT
// The environment config loader on any bytes: never crashes or aborts (numbers beyond a double, deep
// nesting, invalid UTF-8, wrong types, unknown keys); a refusal is at least one message naming the file.
#include "config/environment_config.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Cockpit::ConfigLoader::Result result =
        Cockpit::ConfigLoader::parse(bytes, QStringLiteral("fuzz.json"), QStringLiteral("/nonexistent"));
    if (!result.config && result.errors.isEmpty())
        std::abort(); // refused without saying why
    for (const QString &e : result.errors) {
        if (!e.startsWith(QLatin1String("fuzz.json")))
            std::abort(); // a message that does not name the file
    }
    return 0;
}
