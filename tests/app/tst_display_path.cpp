// SPDX-License-Identifier: MIT
// DisplayPath: the home folder shown as "~", only as a whole folder name, inside paths and descriptions.
#include "ui/shell/display_path.h"

#include <QTest>

using namespace Cockpit;

class TestDisplayPath : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("HOME", QByteArrayLiteral("/home/ana")); }
    void shorten_data();
    void shorten();
};

void TestDisplayPath::shorten_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("path under home") << u"/home/ana/cockpit/demo.json"_qs << u"~/cockpit/demo.json"_qs;
    QTest::addRow("home itself") << u"/home/ana"_qs << u"~"_qs;
    QTest::addRow("inside a description")
        << u"sqlite:/home/ana/demo-data/ledger.sqlite"_qs << u"sqlite:~/demo-data/ledger.sqlite"_qs;
    QTest::addRow("similar folder untouched") << u"/home/anabel/x.json"_qs << u"/home/anabel/x.json"_qs;
    QTest::addRow("elsewhere untouched") << u"/srv/cockpit/prod.json"_qs << u"/srv/cockpit/prod.json"_qs;
    QTest::addRow("url untouched") << u"postgresql://ops@db:5432/ledger"_qs
                                   << u"postgresql://ops@db:5432/ledger"_qs;
}

void TestDisplayPath::shorten()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(DisplayPath::shorten(input), expected);
}

QTEST_GUILESS_MAIN(TestDisplayPath)
#include "tst_display_path.moc"
