// SPDX-License-Identifier: MIT
#pragma once

#include <QChartView>
#include <QHash>
#include <QPointer>

class QAbstractSeries;
class QCategoryAxis;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QGraphicsTextItem;
class QRubberBand;

namespace Cockpit {

// The one chart view of every time chart, so that all of them are worked the same way:
// - hovering shows the time (UTC) and each visible series' value nearest to the pointer;
// - dragging selects a time span to zoom into; Shift+drag or the middle button pans; Ctrl+wheel zooms;
//   double-click, Escape or Home returns to the whole range; +, - and the arrow keys do the same from the
//   keyboard; the context menu offers all of it;
// - clicking a legend entry hides or shows its series (also from the context menu);
// - a plot without any point says so instead of drawing empty axes.
// The time axis reads clock time in UTC, with ticks on round times (every second … four weeks) as many as fit
// the width at any span. While the user has zoomed or panned, new data keep the chosen span instead of
// jumping back. UI thread only.
//
// Series' x values are milliseconds since the epoch (UTC). The chart given may carry a QDateTimeAxis for its
// time: the view replaces it with its own (keeping the title).
class TimeChartView : public QChartView
{
    Q_OBJECT

public:
    // Takes ownership of chart, whose series and time axis must already exist.
    explicit TimeChartView(QChart *chart, QWidget *parent = nullptr);

    // The data's whole span in UTC milliseconds: shown unless the user zoomed or panned.
    void setTimeRange(qint64 fromMs, qint64 toMs);
    // A series the source does not have disappears with its legend entry; one the user hid stays hidden
    // when it comes back.
    void setSeriesAvailable(QAbstractSeries *series, bool available);
    // Call after replacing the points: shows `reason` (or a plain "no data" line) over an empty plot.
    void updateNoData(const QString &reason = {});

    bool isZoomed() const { return m_zoomed; }
    void resetZoom();
    void zoomBy(double factor, double anchor = 0.5); // factor < 1 zooms in; anchor 0..1 across the plot
    void panBy(double fraction);                     // of the visible span; negative goes back in time
    void setSeriesHiddenByUser(QAbstractSeries *series, bool hidden);
    bool isSeriesHiddenByUser(QAbstractSeries *series) const { return m_hiddenByUser.value(series); }

    // What the hover read-out and the empty-plot notice say now; empty when not shown.
    QString readoutText() const;
    QString noDataText() const;
    QStringList tickLabels() const;
    // The visible time span in UTC milliseconds.
    std::pair<qint64, qint64> visibleRange() const;

signals:
    void zoomChanged(bool zoomed);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showRange(double fromMs, double toMs, bool byUser);
    void fitLabels();
    void showReadout(const QPointF &viewPos);
    void hideReadout();
    void placeNoData();
    void applyVisibility(QAbstractSeries *series);
    void applyPalette();
    double plotFraction(const QPointF &viewPos) const;

    QCategoryAxis *m_time = nullptr;
    double m_fullFrom = 0;
    double m_fullTo = 0;
    bool m_zoomed = false;
    bool m_haveRange = false; // setTimeRange() was called: there is a span to zoom in
    bool m_applying = false;
    QHash<QAbstractSeries *, bool> m_hiddenByUser;
    QHash<QAbstractSeries *, bool> m_available;
    QRubberBand *m_rubberBand = nullptr;
    QPoint m_pressPos;
    double m_panStartFrom = 0;
    double m_panStartTo = 0;
    enum class Drag
    {
        None,
        Zoom,
        Pan
    } m_drag = Drag::None;
    QGraphicsLineItem *m_cursorLine = nullptr;
    QGraphicsRectItem *m_readoutBox = nullptr;
    QGraphicsSimpleTextItem *m_readout = nullptr;
    QGraphicsTextItem *m_noData = nullptr;
    bool m_hovering = false; // the pointer is over the plot with a read-out shown at m_hoverPos
    QPointF m_hoverPos;
};

} // namespace Cockpit
