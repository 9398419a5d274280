// SPDX-License-Identifier: MIT
#include "ui/shell/time_chart_view.h"

#include "ui/shell/chart_readout.h"
#include "ui/shell/theme.h"
#include "ui/shell/time_ticks.h"

#include <QAction>
#include <QApplication>
#include <QCategoryAxis>
#include <QContextMenuEvent>
#include <QDateTimeAxis>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QMenu>
#include <QMouseEvent>
#include <QRubberBand>
#include <QTextDocument>
#include <QTextOption>
#include <QXYSeries>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Cockpit {

namespace {

constexpr double MinimumSpanMs = 5000; // zooming further shows no more detail than the data have
constexpr int DragThreshold = 4;

} // namespace

TimeChartView::TimeChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
    , m_rubberBand(new QRubberBand(QRubberBand::Rectangle, viewport()))
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand); // our own: it zooms the time axis only and remembers it
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleDescription(
        tr("Drag to zoom into a time span, Shift+drag to pan, double-click or Escape to show everything; "
           "click a legend entry to hide or show its series."));
    chart->setAnimationOptions(QChart::NoAnimation);

    const QList<QAbstractSeries *> all = chart->series();
    for (QAbstractSeries *series : all) {
        m_available.insert(series, true);
        if (auto *xy = qobject_cast<QXYSeries *>(series)) // a recoloured series: its swatch follows
            connect(xy, &QXYSeries::colorChanged, this, [this, series] { applyVisibility(series); });
        for (QLegendMarker *marker : chart->legend()->markers(series)) {
            connect(marker, &QLegendMarker::clicked, this,
                    [this, series] { setSeriesHiddenByUser(series, !m_hiddenByUser.value(series)); });
        }
    }
    // The caller's date-time axis is replaced by one whose ticks fall on round UTC times ("10:15", not
    // "10:13:37"); QDateTimeAxis spaces its ticks evenly from wherever the range starts.
    m_time = new QCategoryAxis(chart);
    m_time->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (QAbstractAxis *old : chart->axes(Qt::Horizontal)) {
        if (!qobject_cast<QDateTimeAxis *>(old))
            continue;
        m_time->setTitleText(old->titleText());
        chart->addAxis(m_time, Qt::AlignBottom);
        for (QAbstractSeries *series : all) {
            if (series->attachedAxes().contains(old)) {
                series->detachAxis(old);
                series->attachAxis(m_time);
            }
        }
        chart->removeAxis(old);
        delete old;
        break;
    }
    if (!chart->axes(Qt::Horizontal).contains(m_time)) // no time axis given: one without a title
        chart->addAxis(m_time, Qt::AlignBottom);
    connect(m_time, &QValueAxis::rangeChanged, this, [this] {
        if (!m_applying)
            fitLabels();
    });
    connect(chart, &QChart::plotAreaChanged, this, [this] {
        fitLabels();
        placeNoData();
    });

    m_cursorLine = new QGraphicsLineItem(chart);
    m_cursorLine->setZValue(20);
    m_readoutBox = new QGraphicsRectItem(chart);
    m_readoutBox->setZValue(21);
    m_readout = new QGraphicsSimpleTextItem(m_readoutBox);
    m_noData = new QGraphicsTextItem(chart);
    m_noData->setZValue(19);
    applyPalette();
    hideReadout();
    m_noData->hide();
}

QStringList TimeChartView::tickLabels() const
{
    return m_time->categoriesLabels();
}

void TimeChartView::setTimeRange(qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        toMs = fromMs + 60 * 1000; // one instant still gets a readable minute after it
    m_fullFrom = double(fromMs);
    m_fullTo = double(toMs);
    m_haveRange = true;
    // Zoomed, the user's span stays, kept near the data as a live window moves on.
    if (m_zoomed)
        showRange(m_time->min(), m_time->max(), false);
    else
        showRange(m_fullFrom, m_fullTo, false);
}

void TimeChartView::showRange(double fromMs, double toMs, bool byUser)
{
    if (!m_haveRange)
        return; // no data span yet: nothing to zoom or pan
    // Between a few seconds and ten times the data's span, and always touching the data: zooming out or
    // panning for a while cannot lose the data, nor leave the range of a 64-bit time.
    const double full = std::max(m_fullTo - m_fullFrom, MinimumSpanMs);
    const double span = std::clamp(toMs - fromMs, MinimumSpanMs, 10 * full);
    const double centre = std::clamp((fromMs + toMs) / 2, m_fullFrom - span / 2, m_fullTo + span / 2);
    fromMs = centre - span / 2;
    toMs = centre + span / 2;
    m_applying = true;
    m_time->setRange(fromMs, toMs);
    m_applying = false;
    if (byUser) {
        const bool zoomed =
            std::llround(fromMs) != std::llround(m_fullFrom) || std::llround(toMs) != std::llround(m_fullTo);
        if (zoomed != m_zoomed) {
            m_zoomed = zoomed;
            emit zoomChanged(m_zoomed);
        }
    }
    fitLabels();
    // The pointer has not moved: its read-out follows the new data once the axis is laid out again.
    if (m_hovering && underMouse() && m_drag == Drag::None)
        QMetaObject::invokeMethod(
            this, [this] { showReadout(m_hoverPos); }, Qt::QueuedConnection);
    else
        hideReadout();
}

void TimeChartView::resetZoom()
{
    showRange(m_fullFrom, m_fullTo, true);
}

void TimeChartView::zoomBy(double factor, double anchor)
{
    if (!m_haveRange)
        return;
    const double from = m_time->min();
    const double to = m_time->max();
    const double span = to - from;
    // Near a limit only what is left of the factor applies, so that the moment under the pointer stays
    // there; at the limit nothing changes (the clamp in showRange would otherwise slide the range aside).
    const double full = std::max(m_fullTo - m_fullFrom, MinimumSpanMs);
    const double wanted = std::clamp(span * factor, MinimumSpanMs, 10 * full);
    if (span <= 0 || std::abs(wanted - span) < 1.0)
        return;
    factor = wanted / span;
    const double at = from + span * std::clamp(anchor, 0.0, 1.0);
    showRange(at - (at - from) * factor, at + (to - at) * factor, true);
}

void TimeChartView::panBy(double fraction)
{
    const double from = m_time->min();
    const double to = m_time->max();
    const double shift = (to - from) * fraction;
    showRange(from + shift, to + shift, true);
}

std::pair<qint64, qint64> TimeChartView::visibleRange() const
{
    return {std::llround(m_time->min()), std::llround(m_time->max())};
}

void TimeChartView::fitLabels()
{
    const TimeTicks::Plan plan =
        TimeTicks::plan(qint64(std::ceil(m_time->min())), qint64(std::floor(m_time->max())),
                        int(chart()->plotArea().width()), QFontMetrics(m_time->labelsFont()));
    // A label is centred on its tick: one too near the chart's edge would be cut there, so it is left out
    // (the others still name the axis; at least two stay).
    const QRectF area = chart()->plotArea();
    const double span = std::max(1.0, m_time->max() - m_time->min());
    const QFontMetrics metrics(m_time->labelsFont());
    QList<qint64> ticks;
    for (qint64 tick : plan.ticks) {
        const double x = area.left() + (double(tick) - m_time->min()) / span * area.width();
        const double half = metrics.horizontalAdvance(TimeTicks::utcText(tick, plan.format)) / 2.0;
        if (x - half >= 0 && x + half <= chart()->size().width())
            ticks.append(tick);
    }
    if (ticks.size() < 2)
        ticks = plan.ticks;
    m_applying = true;
    for (const QString &label : m_time->categoriesLabels())
        m_time->remove(label);
    m_time->setStartValue(m_time->min());
    for (qint64 tick : std::as_const(ticks))
        m_time->append(TimeTicks::utcText(tick, plan.format), double(tick));
    m_applying = false;
}

void TimeChartView::setSeriesAvailable(QAbstractSeries *series, bool available)
{
    m_available.insert(series, available);
    applyVisibility(series);
}

void TimeChartView::setSeriesHiddenByUser(QAbstractSeries *series, bool hidden)
{
    m_hiddenByUser.insert(series, hidden);
    applyVisibility(series);
    hideReadout();
}

void TimeChartView::applyVisibility(QAbstractSeries *series)
{
    const bool available = m_available.value(series, true);
    const bool hidden = m_hiddenByUser.value(series);
    series->setVisible(available && !hidden);
    // QLegend hides a hidden series' marker; a series the user hid keeps its entry, greyed, to bring it back.
    for (QLegendMarker *marker : chart()->legend()->markers(series)) {
        marker->setVisible(available);
        QColor text = palette().color(hidden ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
        marker->setLabelBrush(text);
        auto *xy = qobject_cast<QXYSeries *>(series);
        QColor colour = xy ? xy->color() : marker->brush().color();
        colour.setAlphaF(hidden ? 0.25F : 1.0F);
        marker->setBrush(colour);
        // A no-brush call only ends the custom brush (the marker then follows the series again); the swatch
        // keeps what was set just before it.
        if (!hidden)
            marker->setBrush(QBrush(Qt::NoBrush));
    }
}

void TimeChartView::updateNoData(const QString &reason)
{
    bool any = false;
    const QList<QAbstractSeries *> all = chart()->series();
    for (QAbstractSeries *series : all) {
        if (auto *xy = qobject_cast<QXYSeries *>(series);
            xy && m_available.value(series, true) && xy->count() > 0)
            any = true;
    }
    const bool empty = !any || !reason.isEmpty();
    // Value axes over nothing only invite reading numbers that are not there.
    for (QAbstractAxis *axis : chart()->axes(Qt::Vertical))
        axis->setVisible(!empty);
    if (!empty) {
        m_noData->hide();
        return;
    }
    m_noData->setPlainText(reason.isEmpty() ? tr("No data in this time range") : reason);
    m_noData->show();
    placeNoData();
}

QString TimeChartView::noDataText() const
{
    return m_noData->isVisible() ? m_noData->toPlainText() : QString();
}

void TimeChartView::placeNoData()
{
    const QRectF plot = chart()->plotArea();
    m_noData->setTextWidth(std::max(40.0, plot.width() - 8));
    QTextOption centred(Qt::AlignHCenter);
    centred.setWrapMode(QTextOption::WordWrap);
    m_noData->document()->setDefaultTextOption(centred);
    const QRectF text = m_noData->boundingRect();
    m_noData->setPos(plot.left() + 4, plot.center().y() - text.height() / 2);
}

double TimeChartView::plotFraction(const QPointF &viewPos) const
{
    const QRectF plot = chart()->plotArea();
    const QPointF at = chart()->mapFromScene(mapToScene(viewPos.toPoint()));
    return plot.width() > 0 ? (at.x() - plot.left()) / plot.width() : 0.5;
}

void TimeChartView::showReadout(const QPointF &viewPos)
{
    const QRectF plot = chart()->plotArea();
    const QPointF at = chart()->mapFromScene(mapToScene(viewPos.toPoint()));
    if (!plot.contains(at)) {
        m_hovering = false;
        hideReadout();
        return;
    }
    const std::optional<ChartReading> reading =
        ChartReadout::read(chart()->series(), chart()->mapToValue(at).x(), m_time->min(), m_time->max());
    if (!reading) {
        hideReadout();
        return;
    }
    m_readout->setText(reading->lines.join(QLatin1Char('\n')));
    m_hovering = true;
    m_hoverPos = viewPos;

    const double lineX = chart()->mapToPosition(QPointF(reading->x, 0), reading->anchor).x();
    m_cursorLine->setLine(lineX, plot.top(), lineX, plot.bottom());
    m_cursorLine->show();
    const QRectF text = m_readout->boundingRect();
    const QSizeF box(text.width() + 8, text.height() + 6);
    // Beside the pointer, on whichever side has room, and never below the plot.
    double left = at.x() + 12;
    if (left + box.width() > plot.right())
        left = at.x() - 12 - box.width();
    const double top =
        std::clamp(at.y() - box.height() / 2, plot.top(), std::max(plot.top(), plot.bottom() - box.height()));
    m_readoutBox->setRect(0, 0, box.width(), box.height());
    m_readoutBox->setPos(std::max(plot.left(), left), top);
    m_readout->setPos(4, 3);
    m_readoutBox->show();
}

void TimeChartView::hideReadout()
{
    m_cursorLine->hide();
    m_readoutBox->hide();
    m_readout->setText({});
}

QString TimeChartView::readoutText() const
{
    return m_readoutBox->isVisible() ? m_readout->text() : QString();
}

void TimeChartView::applyPalette()
{
    const QPalette p = palette();
    Theme::applyToChart(chart(), p);
    m_readoutBox->setBrush(p.color(QPalette::ToolTipBase));
    m_readoutBox->setPen(QPen(p.color(QPalette::Mid)));
    m_readout->setBrush(p.color(QPalette::ToolTipText));
    QPen line(p.color(QPalette::Mid));
    line.setStyle(Qt::DashLine);
    line.setCosmetic(true);
    m_cursorLine->setPen(line);
    m_noData->setDefaultTextColor(p.color(QPalette::PlaceholderText));
}

void TimeChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        for (auto it = m_available.cbegin(); it != m_available.cend(); ++it)
            applyVisibility(it.key());
    }
}

void TimeChartView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->position().toPoint();
    const bool pan = event->button() == Qt::MiddleButton
                     || (event->button() == Qt::LeftButton && event->modifiers().testFlag(Qt::ShiftModifier));
    if (pan || event->button() == Qt::LeftButton) {
        if (chart()->plotArea().contains(chart()->mapFromScene(mapToScene(m_pressPos)))) {
            m_drag = pan ? Drag::Pan : Drag::Zoom;
            m_panStartFrom = m_time->min();
            m_panStartTo = m_time->max();
            event->accept();
            return;
        }
    }
    // Anything else (a legend click) goes to the scene.
    QChartView::mousePressEvent(event);
}

void TimeChartView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::Zoom) {
        const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
        const QRect plotInView = mapFromScene(plot).boundingRect();
        const int left = std::clamp(std::min(m_pressPos.x(), pos.x()), plotInView.left(), plotInView.right());
        const int right =
            std::clamp(std::max(m_pressPos.x(), pos.x()), plotInView.left(), plotInView.right());
        m_rubberBand->setGeometry(QRect(left, plotInView.top(), right - left, plotInView.height()));
        m_rubberBand->setVisible(right - left >= DragThreshold);
        hideReadout();
        return;
    }
    if (m_drag == Drag::Pan) {
        const double width = chart()->plotArea().width();
        if (width > 0) {
            const double shift = -(pos.x() - m_pressPos.x()) / width * (m_panStartTo - m_panStartFrom);
            showRange(m_panStartFrom + shift, m_panStartTo + shift, true);
        }
        return;
    }
    QChartView::mouseMoveEvent(event);
    showReadout(event->position());
}

void TimeChartView::mouseReleaseEvent(QMouseEvent *event)
{
    const Drag drag = std::exchange(m_drag, Drag::None);
    if (drag == Drag::Zoom) {
        m_rubberBand->hide();
        const double a = plotFraction(m_pressPos);
        const double b = plotFraction(event->position());
        if (std::abs(event->position().x() - m_pressPos.x()) >= DragThreshold) {
            const double lo = std::clamp(std::min(a, b), 0.0, 1.0);
            const double hi = std::clamp(std::max(a, b), 0.0, 1.0);
            const double span = m_panStartTo - m_panStartFrom;
            showRange(m_panStartFrom + lo * span, m_panStartFrom + hi * span, true);
        }
        event->accept();
        return;
    }
    if (drag == Drag::Pan) {
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void TimeChartView::wheelEvent(QWheelEvent *event)
{
    // A plain wheel scrolls the page the chart sits on; only Ctrl+wheel zooms.
    if (!event->modifiers().testFlag(Qt::ControlModifier) || event->angleDelta().y() == 0) {
        event->ignore();
        return;
    }
    zoomBy(event->angleDelta().y() > 0 ? 0.8 : 1.25, plotFraction(event->position()));
    event->accept();
}

void TimeChartView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(0.5);
        break;
    case Qt::Key_Minus:
        zoomBy(2.0);
        break;
    case Qt::Key_Left:
        panBy(-0.25);
        break;
    case Qt::Key_Right:
        panBy(0.25);
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        resetZoom();
        break;
    case Qt::Key_Escape:
        if (!m_zoomed) {
            event->ignore(); // not ours: a dialog's Escape still closes it
            return;
        }
        resetZoom();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimeChartView::leaveEvent(QEvent *event)
{
    m_hovering = false;
    hideReadout();
    QChartView::leaveEvent(event);
}

void TimeChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    hideReadout();
}

void TimeChartView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.addAction(tr("Zoom &In"), this, [this] { zoomBy(0.5); });
    menu.addAction(tr("Zoom &Out"), this, [this] { zoomBy(2.0); });
    QAction *reset = menu.addAction(tr("&Show Whole Range"), this, [this] { resetZoom(); });
    reset->setEnabled(m_zoomed);
    menu.addSeparator();
    const QList<QAbstractSeries *> all = chart()->series();
    for (QAbstractSeries *series : all) {
        if (!m_available.value(series, true) || series->name().isEmpty())
            continue;
        QAction *show = menu.addAction(series->name());
        show->setCheckable(true);
        show->setChecked(!m_hiddenByUser.value(series));
        connect(show, &QAction::toggled, this,
                [this, series](bool on) { setSeriesHiddenByUser(series, !on); });
    }
    menu.exec(event->globalPos());
}

} // namespace Cockpit
