// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

#include <optional>

namespace Cockpit {

// Filters the diff table by chain (the chain tree's selection), by "differences only" and by a text
// matched against the contract name. Threading: GUI thread only.
class StateDiffFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit StateDiffFilterProxy(QObject *parent = nullptr);

    void setChain(std::optional<qint64> chainId);
    void setDifferencesOnly(bool on);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<qint64> m_chain;
    bool m_differencesOnly = false;
    QString m_text;
};

} // namespace Cockpit
