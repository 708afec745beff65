package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.modelstudio.core.eval.ColumnContribution;
import org.modelstudio.core.eval.Heatmap;
import org.modelstudio.core.eval.WordContribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The explanation controls under the selected result (Explain, progress, Cancel, the map's opacity) and what they
 * draw into the detail pane: the occlusion map laid over the image in {@code #detailInput}, the words of the text
 * in {@code #detailText} coloured by their contribution, or each value of a row in {@code #detailRow} with its own.
 */
final class ExplanationView {
    private final ExplanationViewModel model;
    private final VBox root = new VBox(4);
    private final Button explainButton = new Button(Texts.get("ui.explain.button"));
    private final Slider opacity = new Slider(0, 1, 0.65);
    private StackPane imageHolder;
    private TextFlow textFlow;
    private GridPane rowGrid;
    private String text;
    private ImageView overlay;

    ExplanationView(ExplanationViewModel model) {
        this.model = model;
        root.getStyleClass().add("explanation");
        explainButton.setId("explainButton");
        explainButton.setTooltip(new Tooltip(Texts.get("ui.explain.tip")));
        explainButton.setOnAction(e -> model.explain());
        explainButton.disableProperty().bind(model.runningProperty());
        Button cancel = new Button(Texts.get("ui.common.cancel"));
        cancel.setId("cancelExplanationButton");
        cancel.setTooltip(new Tooltip(Texts.get("ui.explain.tip.cancel")));
        cancel.setOnAction(e -> model.cancel());
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(model.runningProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("explanationProgress");
        progress.setAccessibleText(Texts.get("ui.explain.a11y.progress"));
        progress.setTooltip(new Tooltip(Texts.get("ui.explain.tip.progress")));
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        progress.managedProperty().bind(model.runningProperty());
        progress.setPrefWidth(120);
        opacity.setId("heatOpacity");
        opacity.valueProperty().bindBidirectional(model.opacityProperty());
        opacity.visibleProperty().bind(model.heatmapProperty().isNotNull());
        opacity.managedProperty().bind(opacity.visibleProperty());
        opacity.setPrefWidth(110);
        opacity.setTooltip(new Tooltip(Texts.get("ui.explain.opacity")));
        opacity.setAccessibleText(Texts.get("ui.explain.a11y.opacity"));
        HBox bar = new HBox(8, explainButton, progress, cancel, opacity);
        bar.getStyleClass().add("toolbar");
        Label message = new Label();
        message.setId("explanationMessage");
        message.setWrapText(true);
        message.getStyleClass().add("description");
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        root.getChildren().addAll(bar, message);
        model.heatmapProperty().addListener((obs, old, map) -> drawHeatmap(map));
        model.wordsProperty().addListener((obs, old, words) -> drawWords(words));
        model.columnsProperty().addListener((obs, old, columns) -> drawColumns(columns));
    }

    /** The controls, for the detail pane to place under the input; hidden when the result cannot be explained. */
    Node node() { return root; }

    /** A new result is shown in {@code detail}: finds where its input is drawn and tells the view model. */
    void attach(PredictionItem item, Node detail) {
        boolean can = ExplanationViewModel.explainable(item);
        explainButton.setVisible(can);
        explainButton.setManaged(can);
        imageHolder = detail.lookup("#detailInput") instanceof StackPane s && s.lookup("#detailImage") != null ? s : null;
        textFlow = detail.lookup("#detailText") instanceof TextFlow t ? t : null;
        rowGrid = detail.lookup("#detailRow") instanceof GridPane g ? g : null;
        text = item != null && item.input() instanceof PredictionInput.Text t ? t.text() : null;
        overlay = null;
        model.select(item);
    }

    private void drawHeatmap(Heatmap map) {
        if (imageHolder == null) return;
        if (overlay != null) imageHolder.getChildren().remove(overlay);
        overlay = null;
        if (map == null) return;
        ImageView base = (ImageView) imageHolder.lookup("#detailImage");
        overlay = new ImageView(colours(map));
        overlay.setId("heatmapOverlay");
        overlay.setSmooth(true);
        overlay.setPreserveRatio(false);
        Image image = base.getImage();
        overlay.fitWidthProperty().bind(image.widthProperty());
        overlay.fitHeightProperty().bind(image.heightProperty());
        overlay.opacityProperty().bind(model.opacityProperty());
        overlay.setMouseTransparent(true);
        imageHolder.getChildren().add(overlay);
    }

    /** The map as colours: transparent where it is 0, through orange to opaque red at 1. */
    static Image colours(Heatmap map) {
        WritableImage image = new WritableImage(map.width(), map.height());
        PixelWriter px = image.getPixelWriter();
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                double v = Math.max(0, Math.min(1, map.values()[y * map.width() + x]));
                int alpha = (int) Math.round(255 * Math.min(1, 1.15 * v));
                int green = (int) Math.round(200 * (1 - v));
                px.setArgb(x, y, alpha << 24 | 0xff << 16 | green << 8 | 0x20);
            }
        }
        return image;
    }

    /** Each row of the detail's value grid gets a third cell: the column's contribution, coloured by sign and size. */
    private void drawColumns(List<ColumnContribution> columns) {
        if (rowGrid == null) return;
        rowGrid.getChildren().removeIf(n -> n.getStyleClass().contains("column-contribution"));
        if (columns == null) return;
        boolean estimate = model.itemProperty().get() != null && model.itemProperty().get().estimate() != null;
        double max = 1e-9;
        for (ColumnContribution c : columns) max = Math.max(max, Math.abs(c.contribution()));
        for (int r = 0; r < columns.size(); r++) {
            ColumnContribution c = columns.get(r);
            Label cell = new Label(estimate ? String.format(Locale.ROOT, "%+.3g", c.contribution())
                    : Texts.get("ui.explain.points", String.format(Locale.ROOT, "%+.1f", 100 * c.contribution())));
            cell.getStyleClass().add("column-contribution");
            String rgb = c.contribution() >= 0 ? "44,160,44" : "214,39,40";
            cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%s,%.2f);", rgb, 0.08 + 0.72 * Math.abs(c.contribution()) / max));
            rowGrid.add(cell, 2, r);
        }
    }

    private void drawWords(List<WordContribution> words) {
        if (textFlow == null || text == null) return;
        if (words == null) {
            textFlow.getChildren().setAll(new Text(text));
            return;
        }
        double max = 1e-9;
        for (WordContribution w : words) max = Math.max(max, Math.abs(w.contribution()));
        List<Node> parts = new ArrayList<>();
        int at = 0;
        for (WordContribution w : words) {
            if (w.start() > at) parts.add(new Text(text.substring(at, w.start())));
            Label word = new Label(text.substring(w.start(), w.end()));
            word.getStyleClass().add("explained-word");
            double strength = Math.abs(w.contribution()) / max;
            String rgb = w.contribution() >= 0 ? "44,160,44" : "214,39,40";
            word.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%s,%.2f);", rgb, 0.08 + 0.72 * strength));
            word.setTooltip(new Tooltip(Texts.get("ui.explain.word-tip", w.word(), String.format(Locale.ROOT, "%+.1f", 100 * w.contribution()))));
            word.setUserData(w);
            parts.add(word);
            at = w.end();
        }
        if (at < text.length()) parts.add(new Text(text.substring(at)));
        textFlow.getChildren().setAll(parts);
    }
}
