package org.modelstudio.ui.model;

import org.modelstudio.core.i18n.Texts;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.modelstudio.core.catalogue.LayerCatalogue;

/**
 * One layer drawn as a block coloured by its catalogue category, followed by the connection to the next
 * layer with the tensor shape that flows along it written beside the arrow ("26×26×32"). A layer with a
 * problem is outlined and carries core's sentence inside the block, so the cause is read where it is.
 */
final class LayerBlockCell extends ListCell<LayerRow> {
    private final Label name = new Label();
    private final Label settings = new Label();
    private final Label params = new Label();
    private final Label problem = new Label();
    private final HBox titleLine;
    private final HBox block;
    private final VBox body;
    private final Region stripe = new Region();
    private final Label arrow = new Label("▼");
    private final Label shape = new Label();
    private final HBox connector;
    private final VBox content;

    LayerBlockCell() {
        name.getStyleClass().add("block-name");
        name.setMinWidth(Region.USE_PREF_SIZE); // the layer's name stays whole; its settings give way
        settings.getStyleClass().add("block-settings");
        params.getStyleClass().add("block-params");
        params.setMinWidth(Region.USE_PREF_SIZE);
        problem.getStyleClass().add("block-problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        titleLine = new HBox(8, name, settings, gap, params);
        titleLine.setAlignment(Pos.BASELINE_LEFT);
        body = new VBox(2, titleLine);
        body.getStyleClass().add("block-body");
        HBox.setHgrow(body, Priority.ALWAYS);
        stripe.getStyleClass().add("block-stripe");
        block = new HBox(stripe, body);
        block.getStyleClass().add("layer-block");
        Region line = new Region();
        line.getStyleClass().add("connector-line");
        VBox stem = new VBox(line, arrow);
        stem.setAlignment(Pos.TOP_CENTER);
        arrow.getStyleClass().add("connector-arrow");
        shape.getStyleClass().add("connector-shape");
        connector = new HBox(10, stem, shape);
        connector.setAlignment(Pos.CENTER_LEFT);
        connector.getStyleClass().add("connector");
        content = new VBox(block, connector);
        content.getStyleClass().add("layer-cell-content");
        getStyleClass().add("layer-block-cell");
        // Blocks take the list's width, never more: long problem sentences wrap instead of scrolling sideways.
        setPrefWidth(0);
        content.setMinWidth(0);
        settings.setMinWidth(0);
        listViewProperty().addListener((obs, old, list) -> {
            if (list != null) content.maxWidthProperty().bind(list.widthProperty().subtract(28));
        });
        setText(null);
    }

    @Override protected void updateItem(LayerRow row, boolean empty) {
        super.updateItem(row, empty);
        block.getStyleClass().removeIf(c -> c.startsWith("layer-") && !c.equals("layer-block"));
        stripe.getStyleClass().removeIf(c -> c.startsWith("layer-"));
        shape.getStyleClass().remove("unknown");
        setTooltip(null);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        stripe.getStyleClass().add("layer-" + row.category());
        block.getStyleClass().remove("fixed-block");
        if (LayerCatalogue.FIXED_CATEGORY.equals(row.category())) block.getStyleClass().add("fixed-block");
        name.setText(row.number().equals("0") ? row.layer() : row.layer() + " #" + row.number());
        settings.setText(row.settings());
        params.setText(row.number().equals("0") ? "" : Texts.get("ui.model.block.params", row.parameters()));
        boolean hasProblem = !row.problem().isEmpty();
        if (hasProblem) {
            block.getStyleClass().add(row.error() ? "layer-error" : "layer-warning");
            problem.setText((row.error() ? "✖ " : "⚠ ") + row.problem());
            if (!body.getChildren().contains(problem)) body.getChildren().add(problem);
            setTooltip(new Tooltip(row.problem()));
        } else {
            body.getChildren().remove(problem);
            setTooltip(new Tooltip(row.layer() + ": " + row.settings()));
        }
        shape.setText(row.outputShape());
        if ("?".equals(row.outputShape())) shape.getStyleClass().add("unknown");
        setGraphic(content);
    }
}
