package org.modelstudio.ui.evaluation;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.ui.common.RootFont;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.modelstudio.core.eval.RegressionReport;

/**
 * Predicted against actual values of a regression, one dot per example, with the line where they would be equal:
 * the closer the dots hug it, the better. Drawn on a canvas that follows the region's size.
 */
final class ScatterPlot extends Region {
    private static final double MARGIN_LEFT = 64;
    private static final double MARGIN_BOTTOM = 44;
    private static final double MARGIN = 14;
    private final Canvas canvas = new Canvas();
    private final RootFont rootFont = new RootFont(this::draw);
    private RegressionReport report;

    ScatterPlot() {
        getStyleClass().add("scatter-plot");
        getChildren().addAll(canvas, rootFont.node());
        setMinSize(240, 200);
        setPrefSize(520, 420);
    }

    void show(RegressionReport r) {
        report = r;
        draw();
    }

    @Override protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        // Margins and text grow with the window's font (the desktop's font scale, presentation mode).
        double k = rootFont.scale();
        double marginLeft = MARGIN_LEFT * k;
        double marginBottom = MARGIN_BOTTOM * k;
        double margin = MARGIN * k;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (report == null || report.n() == 0 || w < 100 || h < 100) return;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < report.n(); i++) {
            lo = Math.min(lo, Math.min(report.actual()[i], report.predicted()[i]));
            hi = Math.max(hi, Math.max(report.actual()[i], report.predicted()[i]));
        }
        if (hi <= lo) hi = lo + 1;
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        double x0 = marginLeft;
        double y0 = h - marginBottom;
        double size = Math.min(w - marginLeft - margin, h - marginBottom - margin);
        double scale = size / (hi - lo);
        g.setFill(Color.WHITE);
        g.fillRect(x0, y0 - size, size, size);
        g.setStroke(Color.web("#c8c8c8"));
        g.setLineWidth(1);
        g.strokeRect(x0, y0 - size, size, size);
        // Ticks: five evenly spaced values on each axis.
        g.setFont(rootFont.font(12));
        g.setFill(Color.web("#333"));
        for (int t = 0; t <= 4; t++) {
            double v = lo + (hi - lo) * t / 4;
            double p = t * size / 4;
            g.setStroke(Color.web("#eeeeee"));
            g.strokeLine(x0 + p, y0, x0 + p, y0 - size);
            g.strokeLine(x0, y0 - p, x0 + size, y0 - p);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText(RegressionReport.number(v), x0 + p, y0 + 4);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(RegressionReport.number(v), x0 - 6, y0 - p);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(Texts.get("ui.eval.scatter.actual", report.quantity()), x0 + size / 2, h - 2);
        g.save();
        g.translate(14 * k, y0 - size / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(Texts.get("ui.eval.scatter.predicted"), 0, 0);
        g.restore();
        // Where predicted equals actual.
        g.setStroke(Color.web("#2ca02c"));
        g.setLineWidth(1.5);
        g.setLineDashes(6, 4);
        g.strokeLine(x0, y0, x0 + size, y0 - size);
        g.setLineDashes(null);
        g.setFill(Color.web("#2d6cdf", 0.55));
        double r = report.n() > 500 ? 2 : 3.5;
        for (int i = 0; i < report.n(); i++) {
            double px = x0 + (report.actual()[i] - lo) * scale;
            double py = y0 - (report.predicted()[i] - lo) * scale;
            g.fillOval(px - r, py - r, 2 * r, 2 * r);
        }
    }
}
