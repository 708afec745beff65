package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.ui.common.RootFont;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Requests per second (blue bars, left axis) and their mean latency (orange line, right axis) over the last two
 * minutes. A plain canvas redrawn on the FX thread when the history gains a point (once a second) or the region is
 * resized: the data arrives by polling on the FX thread, so there is nothing to lock, unlike chart-fx's data sets
 * (which the training curves fill from the training thread under their write lock).
 */
final class TrafficChart extends Region {
    private static final double LEFT = 48;
    private static final double RIGHT = 52;
    private static final double TOP = 24;
    private static final double BOTTOM = 22;
    private static final Color RATE = Color.web("#2d6cdf");
    private static final Color LATENCY = Color.web("#e07b00");
    private static final Color TEXT = Color.web("#44546a");
    private final Canvas canvas = new Canvas();
    private final RootFont rootFont = new RootFont(this::draw);
    private final TrafficHistory history;

    TrafficChart(TrafficHistory history) {
        this.history = history;
        getStyleClass().add("traffic-chart");
        getChildren().addAll(canvas, rootFont.node());
        setMinHeight(110);
        setPrefHeight(150);
    }

    @Override protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    void draw() {
        // Margins and text grow with the window's font (the desktop's font scale, presentation mode).
        double k = rootFont.scale();
        double left = LEFT * k;
        double right = RIGHT * k;
        double top = TOP * k;
        double bottom = BOTTOM * k;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w < left + right + 20 || h < top + bottom + 20) return;
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        List<TrafficHistory.Point> points = history.points();
        long now = history.now();
        double maxRate = niceCeiling(points.stream().mapToDouble(TrafficHistory.Point::rate).max().orElse(0));
        double maxLatency = niceCeiling(points.stream().mapToDouble(TrafficHistory.Point::latencyMs).filter(Double::isFinite).max().orElse(0));

        Font font = rootFont.font(11);
        g.setFont(font);
        g.setTextBaseline(VPos.CENTER);
        g.setStroke(Color.web("#dde3ec"));
        g.setLineWidth(1);
        for (int i = 0; i <= 4; i++) {
            double y = top + plotH * i / 4.0;
            g.strokeLine(left, y, left + plotW, y);
            g.setFill(RATE);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(number(maxRate * (4 - i) / 4.0), left - 6, y);
            g.setFill(LATENCY);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(number(maxLatency * (4 - i) / 4.0), left + plotW + 6, y);
        }
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        String[] ticks = {Texts.get("ui.traffic.tick.2min"), Texts.get("ui.traffic.tick.1min"), Texts.get("ui.traffic.tick.now")};
        for (int i = 0; i < 3; i++) g.fillText(ticks[i], left + plotW * i / 2.0, top + plotH + 5);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(RATE);
        String rate = Texts.get("ui.traffic.rate");
        g.fillRect(left, 7 * k, 10 * k, 10 * k);
        g.fillText(rate, left + 14 * k, 12 * k);
        double latencyAt = left + 14 * k + RootFont.width(rate, font) + 16 * k;
        g.setStroke(LATENCY);
        g.setLineWidth(2);
        g.strokeLine(latencyAt, 12 * k, latencyAt + 16 * k, 12 * k);
        g.setFill(LATENCY);
        g.fillText(Texts.get("ui.traffic.latency"), latencyAt + 20 * k, 12 * k);
        if (points.isEmpty()) return;

        double window = TrafficHistory.WINDOW_SECONDS;
        double barW = Math.max(1, plotW / window - 1);
        g.setFill(RATE.deriveColor(0, 1, 1, 0.75));
        for (TrafficHistory.Point p : points) {
            double x = left + plotW * (1 - (now - p.nanos()) / 1e9 / window);
            double bh = maxRate == 0 ? 0 : plotH * p.rate() / maxRate;
            if (bh > 0) g.fillRect(x - barW, top + plotH - bh, barW, bh);
        }
        g.setStroke(LATENCY);
        g.setLineWidth(2);
        boolean drawing = false;
        for (TrafficHistory.Point p : points) {
            if (!Double.isFinite(p.latencyMs()) || maxLatency == 0) {
                if (drawing) g.stroke();
                drawing = false;
                continue;
            }
            double x = left + plotW * (1 - (now - p.nanos()) / 1e9 / window) - barW / 2;
            double y = top + plotH * (1 - p.latencyMs() / maxLatency);
            if (!drawing) {
                g.beginPath();
                g.moveTo(x, y);
                drawing = true;
            } else {
                g.lineTo(x, y);
            }
        }
        if (drawing) g.stroke();
        g.setFill(LATENCY);
        for (TrafficHistory.Point p : points) { // a lone second with requests is a dot, not an invisible line
            if (!Double.isFinite(p.latencyMs()) || maxLatency == 0) continue;
            double x = left + plotW * (1 - (now - p.nanos()) / 1e9 / window) - barW / 2;
            g.fillOval(x - 2.5, top + plotH * (1 - p.latencyMs() / maxLatency) - 2.5, 5, 5);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v} (1 for nothing). */
    static double niceCeiling(double v) {
        if (!(v > 0)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    /** An axis label: "0", "12.5", "0.25". */
    private static String number(double v) {
        if (v == Math.rint(v)) return String.format(Locale.ROOT, "%.0f", v);
        return new BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }
}
