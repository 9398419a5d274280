// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QSqlError;

namespace Cockpit {

// A database error as one line for a person: the server's own words (PostgreSQL's multi-line "connection
// to server … failed … Is the server running …?") joined into one sentence, without the Qt driver's generic
// suffix ("QPSQL: Unable to connect") when the server said something better. The driver's words remain when
// they are all there is.
QString sqlErrorText(const QSqlError &error);

} // namespace Cockpit
