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
    // configPath: the environment file, named in "run cockpitctl setup --config FILE".
    PostgresControlStore(DatabaseConfig config, QString schema, QString configPath = QString());
    QString describe() const override;

protected:
    Result<void> connect() override;
    QStringList createStatements() const override;
    QStringList lockStatements() const override;
    bool createsSchemaOnOpen() const override { return false; }
    QString versionTableExistsStatement() const override;
    QString missingSchemaMessage() const override;
    QString readGrantHint() const override;

private:
    DatabaseConfig m_config;
    QString m_schema;
    QString m_configPath;
};

} // namespace Cockpit
