package org.modelstudio.ui.model;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.input.KeyEvent;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.Editors;
import org.modelstudio.core.catalogue.Category;
import org.modelstudio.core.catalogue.LayerType;
import org.modelstudio.core.catalogue.ParamSpec;
import org.modelstudio.core.graph.NetworkSpec;

import java.util.function.Function;

/** The Model area: template, layer table, add/move/duplicate/delete, and the selected layer's settings. */
public final class ModelPanelView {
    private final ModelViewModel model;

    @FXML private ComboBox<NetworkSpec> networkChoice;
    @FXML private Label description;
    @FXML private FlowPane palette;
    @FXML private Button moveUpButton;
    @FXML private Button moveDownButton;
    @FXML private Button duplicateButton;
    @FXML private Button deleteButton;
    @FXML private TableView<LayerRow> layerTable;
    @FXML private TableColumn<LayerRow, String> numberColumn;
    @FXML private TableColumn<LayerRow, String> layerColumn;
    @FXML private TableColumn<LayerRow, String> settingsColumn;
    @FXML private TableColumn<LayerRow, String> shapeColumn;
    @FXML private TableColumn<LayerRow, String> paramsColumn;
    @FXML private Label totals;
    @FXML private Label problems;
    @FXML private Label editError;
    @FXML private PropertySheet propertySheet;
    @FXML private Label trainingSettings;

    private boolean syncing;
    private boolean updatingFromTable;
    /** True while the property sheet itself writes a value: its editors must not be rebuilt under the cursor. */
    private boolean editingFromSheet;

    public ModelPanelView(ModelViewModel model) { this.model = model; }

    @FXML private void initialize() {
        networkChoice.setItems(model.networks());
        networkChoice.setConverter(new StringConverter<>() {
            @Override public String toString(NetworkSpec s) { return s == null ? "" : s.name(); }
            @Override public NetworkSpec fromString(String s) { return null; }
        });
        // Each template's description shows before it is opened (as a tooltip in the list).
        networkChoice.setCellFactory(list -> new ListCell<>() {
            @Override protected void updateItem(NetworkSpec s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
                Tooltip tip = empty || s == null ? null : new Tooltip(s.description());
                if (tip != null) {
                    tip.setWrapText(true);
                    tip.setMaxWidth(420);
                }
                setTooltip(tip);
            }
        });
        networkChoice.setButtonCell(new ListCell<>() {
            @Override protected void updateItem(NetworkSpec s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
            }
        });
        networkChoice.valueProperty().bindBidirectional(model.selectedProperty());
        description.textProperty().bind(model.specProperty().map(NetworkSpec::description).orElse(""));

        buildPalette();
        moveUpButton.setOnAction(e -> model.moveSelected(-1));
        moveDownButton.setOnAction(e -> model.moveSelected(1));
        duplicateButton.setOnAction(e -> model.duplicateSelected());
        deleteButton.setOnAction(e -> model.deleteSelected());
        moveUpButton.setTooltip(new Tooltip("Move the selected layer up (Alt+Up)"));
        moveDownButton.setTooltip(new Tooltip("Move the selected layer down (Alt+Down)"));
        duplicateButton.setTooltip(new Tooltip("Duplicate the selected layer (Ctrl+D)"));
        deleteButton.setTooltip(new Tooltip("Delete the selected layer (Delete)"));
        for (Button b : new Button[] {moveUpButton, moveDownButton, duplicateButton, deleteButton}) {
            b.disableProperty().bind(model.selectedLayerProperty().lessThan(0));
        }

        column(numberColumn, LayerRow::number);
        column(layerColumn, LayerRow::layer);
        column(settingsColumn, LayerRow::settings);
        column(shapeColumn, LayerRow::outputShape);
        column(paramsColumn, LayerRow::parameters);
        layerTable.setItems(model.rows());
        layerTable.setRowFactory(t -> {
            TableRow<LayerRow> tableRow = new TableRow<>() {
            @Override protected void updateItem(LayerRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeIf(c -> c.startsWith("layer-"));
                setTooltip(null);
                if (!empty && row != null) getStyleClass().add("layer-" + row.category());
                if (!empty && row != null && !row.problem().isEmpty()) {
                    getStyleClass().add(row.error() ? "layer-error" : "layer-warning");
                    setTooltip(new Tooltip(row.problem()));
                }
            }
            };
            acceptDrops(tableRow);
            return tableRow;
        });
        layerTable.setOnKeyPressed(this::keys);
        layerTable.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        layerTable.getSelectionModel().getSelectedIndices().addListener((javafx.collections.ListChangeListener<Integer>) c -> {
            if (!syncing) fromTable(() -> model.select(layerTable.getSelectionModel().getSelectedIndices().stream().map(r -> r - 1).toList()));
        });
        // Table row 0 is the Input; layer i is row i + 1.
        layerTable.getSelectionModel().selectedIndexProperty().addListener((obs, old, row) -> {
            if (!syncing) fromTable(() -> model.selectedLayerProperty().set(row.intValue() - 1));
        });
        model.selectedLayerProperty().addListener((obs, old, layer) -> {
            // A selection the table just made must not be rewritten while the table is still announcing it.
            if (!updatingFromTable) selectRow(layer.intValue());
            showProperties();
        });
        model.rows().addListener((javafx.collections.ListChangeListener<LayerRow>) c -> {
            selectRow(model.selectedLayerProperty().get());
            if (!editingFromSheet) showProperties();
        });

        totals.textProperty().bind(model.totalsProperty());
        problems.textProperty().bind(model.problemsProperty());
        problems.visibleProperty().bind(model.problemsProperty().isNotEmpty());
        problems.managedProperty().bind(problems.visibleProperty());
        editError.textProperty().bind(model.editErrorProperty());
        editError.visibleProperty().bind(model.editErrorProperty().isNotEmpty());
        editError.managedProperty().bind(editError.visibleProperty());
        trainingSettings.textProperty().bind(model.trainingSettingsProperty());
        propertySheet.setPropertyEditorFactory(item -> {
            ParamSpec p = ((LayerPropertyItem) item).param();
            return switch (p.kind()) {
                case CHOICE -> Editors.createChoiceEditor(item, p.choices());
                case INT, NUMBER -> Editors.createNumericEditor(item);
                case PAIR -> Editors.createTextEditor(item);
            };
        });
        showProperties();
    }

    /** One tile per catalogue type, coloured by category: click to add after the selection, or drag into the table. */
    private void buildPalette() {
        for (Category c : model.catalogue().categories()) {
            for (LayerType t : model.catalogue().typesIn(c.id())) {
                Button tile = new Button(t.name());
                tile.setId("palette-" + t.type());
                tile.getStyleClass().addAll("palette-tile", "layer-" + c.id());
                tile.setTooltip(new Tooltip(c.name() + ": " + t.help() + "\nClick to add, or drag into the model."));
                tile.setOnAction(e -> model.add(t.type()));
                tile.setOnDragDetected(e -> {
                    Dragboard board = tile.startDragAndDrop(TransferMode.COPY);
                    ClipboardContent content = new ClipboardContent();
                    content.putString(LayerDrop.NEW + t.type());
                    board.setContent(content);
                    e.consume();
                });
                palette.getChildren().add(tile);
            }
        }
    }

    /** Rows take drops: a palette tile inserts a new layer after the row, a dragged row moves there. */
    private void acceptDrops(TableRow<LayerRow> row) {
        row.setOnDragDetected(e -> {
            int layer = row.getIndex() - 1;
            if (row.isEmpty() || layer < 0) return;
            Dragboard board = row.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.putString(LayerDrop.MOVE + layer);
            board.setContent(content);
            e.consume();
        });
        row.setOnDragOver(e -> {
            if (LayerDrop.parse(e.getDragboard()) != null) e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            e.consume();
        });
        row.setOnDragDropped(e -> {
            LayerDrop drop = LayerDrop.parse(e.getDragboard());
            // Dropping on a row puts the layer after it; on the empty space below, at the end.
            int target = row.isEmpty() ? -1 : row.getIndex();
            e.setDropCompleted(drop != null && drop.applyTo(model, target));
            e.consume();
        });
    }

    /** Delete, Ctrl+D and Alt+Up/Down are Edit-menu accelerators; Backspace deletes too, as on a Mac. */
    private void keys(KeyEvent e) {
        if (e.getCode() == KeyCode.BACK_SPACE) {
            model.deleteSelected();
            e.consume();
        }
    }

    /** Shows the view model's selection in the table (row = layer + 1), the current layer focused. */
    private void selectRow(int layer) {
        syncing = true;
        try {
            var selection = layerTable.getSelectionModel();
            selection.clearSelection();
            for (int i : model.selection()) selection.select(i + 1);
            if (layer >= 0) {
                selection.select(layer + 1);
                layerTable.getFocusModel().focus(layer + 1);
            }
        } finally {
            syncing = false;
        }
    }

    /**
     * The selected layer's catalogue settings, or the training settings when no layer is selected; rebuilt
     * when the selection or the network changes (not while the sheet itself is being typed into).
     */
    private void showProperties() {
        int i = model.selectedLayerProperty().get();
        NetworkSpec spec = model.specProperty().get();
        if (spec == null) return;
        if (i < 0 || i >= spec.layers().size()) {
            propertySheet.getItems().setAll(ModelViewModel.TRAINING_SETTINGS.stream()
                    .map(p -> new LayerPropertyItem("Training", p, model::trainingValue, (k, v) -> fromSheet(() -> model.setTraining(k, v))))
                    .toList());
            return;
        }
        LayerType type = model.catalogue().typeOf(spec.layers().get(i));
        String name = type.name() + " #" + (i + 1);
        propertySheet.getItems().setAll(type.params().stream()
                .map(p -> new LayerPropertyItem(name, p, model::value, (k, v) -> fromSheet(() -> model.set(k, v)))).toList());
    }

    private void fromTable(Runnable update) {
        updatingFromTable = true;
        try {
            update.run();
        } finally {
            updatingFromTable = false;
        }
    }

    private void fromSheet(Runnable edit) {
        editingFromSheet = true;
        try {
            edit.run();
        } finally {
            editingFromSheet = false;
        }
    }

    private static void column(TableColumn<LayerRow, String> c, Function<LayerRow, String> value) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
    }
}
