// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace Cockpit::Csv {

// One field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, a quote or a line
// break; as it is otherwise.
QString field(const QString &value);
// The fields joined into one record, without the line end.
QString record(const QStringList &fields);

} // namespace Cockpit::Csv
