// SPDX-License-Identifier: MIT
#pragma once

#include "control/sql_control_store.h"

namespace Cockpit {

// Control database in an SQLite file (demo). The file and its folder are created on first use. Several
// processes may share the file: writes wait up to 10 s for each other (busy timeout). A read-only session
// opens the file read-only (SQLite refuses every write) and never creates it or its schema.
class SqliteControlStore : public SqlControlStore
{
public:
    explicit SqliteControlStore(QString path, bool readOnly = false, QString configPath = QString());
    QString describe() const override;

protected:
    Result<void> connect() override;
    QStringList createStatements() const override;
    bool createsSchemaOnOpen() const override { return !m_readOnly; }
    QString versionTableExistsStatement() const override
    {
        return QStringLiteral(
            "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
    }
    QString missingSchemaMessage() const override;

private:
    QString m_path;
    QString m_configPath;
    bool m_readOnly = false;
};

} // namespace Cockpit
