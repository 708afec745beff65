package org.modelstudio.ui.tour;

import org.modelstudio.core.i18n.Texts;
import javafx.geometry.Bounds;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The tour drawn over the real window: a frame around the control a step is about and a callout beside it with the
 * step's text and Back / Next / Skip. The layer lets every click through except on the callout, so the person can do
 * the step (press Train) while it points there. It follows the control when the window or the areas are resized.
 */
public final class TourOverlay {
    private static final double GAP = 14;
    private static final double MARGIN = 8;

    private final Pane layer;
    private final Node window;
    private final TourViewModel model;
    private final Region highlight = new Region();
    private final VBox callout = new VBox();
    private final Label position = new Label();
    private final Label title = new Label();
    private final Label text = new Label();
    private final Button back = new Button(Texts.get("ui.tour.back"));
    private final Button next = new Button(Texts.get("ui.tour.next"));
    private final Button skip = new Button(Texts.get("ui.tour.skip"));
    private final Runnable follow = this::place;
    private Node target;

    /**
     * @param layer  an empty pane over {@code window} (both in one StackPane)
     * @param window the window's content, where the steps' controls are looked up
     */
    public TourOverlay(Pane layer, Node window, TourViewModel model) {
        this.layer = layer;
        this.window = window;
        this.model = model;
        layer.setPickOnBounds(false);
        layer.getStyleClass().add("tour-layer");
        highlight.getStyleClass().add("tour-highlight");
        highlight.setMouseTransparent(true);
        highlight.setManaged(false);
        position.getStyleClass().add("tour-position");
        title.getStyleClass().add("tour-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.getStyleClass().add("tour-text");
        back.setId("tourBack");
        next.setId("tourNext");
        skip.setId("tourSkip");
        next.getStyleClass().add("primary");
        back.setTooltip(new Tooltip(Texts.get("ui.tour.tip.back")));
        skip.setTooltip(new Tooltip(Texts.get("ui.tour.tip.skip")));
        back.setOnAction(e -> model.back());
        next.setOnAction(e -> model.next());
        skip.setOnAction(e -> model.skip());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, skip, gap, back, next);
        buttons.getStyleClass().add("tour-buttons");
        callout.getChildren().addAll(position, title, text, buttons);
        callout.getStyleClass().add("tour-callout");
        callout.setId("tourCallout");
        callout.setManaged(false);
        callout.setAccessibleRole(AccessibleRole.DIALOG);
        callout.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                model.skip();
                e.consume();
            }
        });
        model.stepProperty().addListener((obs, old, step) -> show(step));
        show(model.stepProperty().get());
    }

    private void show(TourStep step) {
        Scene scene = layer.getScene();
        if (step == null) {
            layer.getChildren().clear();
            target = null;
            if (scene != null) scene.removePostLayoutPulseListener(follow);
            return;
        }
        position.setText(model.positionProperty().get());
        title.setText(step.title());
        text.setText(step.text());
        back.setDisable(model.isFirst());
        next.setText(Texts.get(model.isLast() ? "ui.tour.done" : "ui.tour.next"));
        next.setTooltip(new Tooltip(Texts.get(model.isLast() ? "ui.tour.tip.done" : "ui.tour.tip.next")));
        callout.setAccessibleText(step.title() + ". " + step.text());
        target = window.lookup(step.target());
        if (target != null) reveal(target);
        if (layer.getChildren().isEmpty()) {
            layer.getChildren().setAll(highlight, callout);
            if (scene != null) scene.addPostLayoutPulseListener(follow);
            next.requestFocus();
        }
        layer.requestLayout();
    }

    /**
     * A control on a tab that is not showing (the charts behind Data, say) brings its tab to the front; one scrolled
     * out of its area (a small window in presentation mode) is scrolled into view.
     */
    private void reveal(Node node) {
        selectTabOf(node);
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane area && area.getStyleClass().contains("area-scroll") && area.getContent() != null) {
                area.layout();
                Bounds b = area.getContent().sceneToLocal(node.localToScene(node.getLayoutBounds()));
                double extra = area.getContent().getLayoutBounds().getHeight() - area.getViewportBounds().getHeight();
                double top = area.getVvalue() * Math.max(0, extra);
                boolean shown = b.getMinY() >= top && b.getMaxY() <= top + area.getViewportBounds().getHeight();
                if (extra > 0 && !shown) area.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 8) / extra)));
                return;
            }
        }
    }

    private static void selectTabOf(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getParent() != null && n.getParent().getStyleClass().contains("tab-content-area")) {
                for (Node p = n.getParent(); p != null; p = p.getParent()) {
                    if (p instanceof TabPane tabs) {
                        for (Tab tab : tabs.getTabs()) if (tab.getContent() == n) tabs.getSelectionModel().select(tab);
                        break;
                    }
                }
            }
        }
    }

    /** Puts the frame on the target and the callout beside it (right, left, below or above, whichever fits), every pulse. */
    private void place() {
        if (target == null || target.getScene() == null) {
            highlight.setVisible(false);
            double w = width();
            frame(callout, (layer.getWidth() - w) / 2, (layer.getHeight() - callout.prefHeight(w)) / 2, w, callout.prefHeight(w));
            return;
        }
        Bounds b = layer.sceneToLocal(target.localToScene(target.getLayoutBounds()));
        highlight.setVisible(true);
        double pad = 4;
        frame(highlight, b.getMinX() - pad, b.getMinY() - pad, b.getWidth() + 2 * pad, b.getHeight() + 2 * pad);
        double w = width();
        double h = callout.prefHeight(w);
        TourStep.Side preferred = model.stepProperty().get() == null ? TourStep.Side.RIGHT : model.stepProperty().get().side();
        double x = b.getMinX();
        double y = b.getMinY() - GAP - h;   // above, when no side fits
        for (TourStep.Side side : new TourStep.Side[] {preferred, TourStep.Side.RIGHT, TourStep.Side.LEFT, TourStep.Side.BELOW}) {
            if (side == TourStep.Side.RIGHT && b.getMaxX() + GAP + w <= layer.getWidth() - MARGIN) {
                x = b.getMaxX() + GAP;
                y = b.getMinY();
                break;
            }
            if (side == TourStep.Side.LEFT && b.getMinX() - GAP - w >= MARGIN) {
                x = b.getMinX() - GAP - w;
                y = b.getMinY();
                break;
            }
            if (side == TourStep.Side.BELOW && b.getMaxY() + GAP + h <= layer.getHeight() - MARGIN) {
                x = b.getMinX();
                y = b.getMaxY() + GAP;
                break;
            }
        }
        x = Math.max(MARGIN, Math.min(x, layer.getWidth() - w - MARGIN));
        y = Math.max(MARGIN, Math.min(y, layer.getHeight() - h - MARGIN));
        frame(callout, x, y, w, h);
    }

    /** About 24 lines of the root font wide, never wider than the window allows. */
    private double width() {
        double em = text.getFont().getSize();
        return Math.min(24 * em, Math.max(200, layer.getWidth() - 2 * MARGIN));
    }

    /** Moves and sizes an unmanaged region, touching it only when something changed (this runs after every pulse). */
    private static void frame(Region r, double x, double y, double w, double h) {
        if (r.getLayoutX() != x || r.getLayoutY() != y) r.relocate(x, y);
        if (r.getWidth() != w || r.getHeight() != h) r.resize(w, h);
    }

    /** The control the current step points at (for tests). */
    public Node target() { return target; }
}
