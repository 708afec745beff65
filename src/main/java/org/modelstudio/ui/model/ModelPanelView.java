package org.modelstudio.ui.model;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import org.modelstudio.core.graph.NetworkSpec;

import java.util.function.Function;

/** The Model area: choose a network, see its layers, shapes and parameter counts. Binds only. */
public final class ModelPanelView {
    private final ModelViewModel model;

    @FXML private ComboBox<NetworkSpec> networkChoice;
    @FXML private Label description;
    @FXML private TableView<LayerRow> layerTable;
    @FXML private TableColumn<LayerRow, String> numberColumn;
    @FXML private TableColumn<LayerRow, String> layerColumn;
    @FXML private TableColumn<LayerRow, String> settingsColumn;
    @FXML private TableColumn<LayerRow, String> shapeColumn;
    @FXML private TableColumn<LayerRow, String> paramsColumn;
    @FXML private Label totals;
    @FXML private Label trainingSettings;
    @FXML private Label problems;

    public ModelPanelView(ModelViewModel model) { this.model = model; }

    @FXML private void initialize() {
        networkChoice.setItems(model.networks());
        StringConverter<NetworkSpec> names = new StringConverter<>() {
            @Override public String toString(NetworkSpec s) { return s == null ? "" : s.name(); }
            @Override public NetworkSpec fromString(String s) { return null; }
        };
        networkChoice.setConverter(names);
        networkChoice.setButtonCell(new ListCell<>() {
            @Override protected void updateItem(NetworkSpec s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
            }
        });
        networkChoice.valueProperty().bindBidirectional(model.selectedProperty());
        description.textProperty().bind(model.selectedProperty().map(NetworkSpec::description).orElse(""));

        column(numberColumn, LayerRow::number);
        column(layerColumn, LayerRow::layer);
        column(settingsColumn, LayerRow::settings);
        column(shapeColumn, LayerRow::outputShape);
        column(paramsColumn, LayerRow::parameters);
        layerTable.setItems(model.rows());
        layerTable.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(LayerRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("layer-error", "layer-warning");
                setTooltip(null);
                if (!empty && row != null && !row.problem().isEmpty()) {
                    getStyleClass().add(row.error() ? "layer-error" : "layer-warning");
                    setTooltip(new Tooltip(row.problem()));
                }
            }
        });
        totals.textProperty().bind(model.totalsProperty());
        trainingSettings.textProperty().bind(model.trainingSettingsProperty());
        problems.textProperty().bind(model.problemsProperty());
        problems.visibleProperty().bind(model.problemsProperty().isNotEmpty());
        problems.managedProperty().bind(problems.visibleProperty());
    }

    private static void column(TableColumn<LayerRow, String> c, Function<LayerRow, String> value) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
    }
}
