// SPDX-License-Identifier: MIT
#pragma once

#include "control/sql_control_store.h"

namespace Cockpit {

// Control database in a PostgreSQL schema (staging, prod); the schema and tables are created on first use
// under an advisory lock so that two cockpits starting together do not race. The password comes from the
// environment variable the config names.
class PostgresControlStore : public SqlControlStore
{
public:
    PostgresControlStore(DatabaseConfig config, QString schema);
    QString describe() const override;

protected:
    ControlResult connect() override;
    QStringList createStatements() const override;
    QStringList lockStatements() const override;

private:
    DatabaseConfig m_config;
    QString m_schema;
};

} // namespace Cockpit
