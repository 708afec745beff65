package org.modelstudio.ui.model;

import java.util.Optional;
import org.modelstudio.core.i18n.Texts;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.input.KeyEvent;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.modelstudio.core.catalogue.Category;
import org.modelstudio.core.catalogue.LayerType;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;


/** The Model area: template, palette, the network drawn as blocks, add/move/duplicate/delete, and the selected layer's settings. */
public final class ModelView {
    private final ModelViewModel model;

    @FXML private ComboBox<NetworkSpec> networkChoice;
    @FXML private Label description;
    @FXML private Label fixedNote;
    @FXML private FlowPane palette;
    @FXML private Button moveUpButton;
    @FXML private Button moveDownButton;
    @FXML private Button duplicateButton;
    @FXML private Button deleteButton;
    @FXML private ListView<LayerRow> layerList;
    @FXML private Label totals;
    @FXML private Label problems;
    @FXML private Label editError;
    @FXML private PropertySheet propertySheet;
    @FXML private Label trainingSettings;
    @FXML private Label noSelectionHint;

    private static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    /** Node property holding the text a drag from a palette tile or block puts on the dragboard. */
    public static final String DRAG_PAYLOAD = "model-studio.drag-payload";

    private boolean syncing;
    private boolean updatingFromTable;
    /** True while the property sheet itself writes a value: its editors must not be rebuilt under the cursor. */
    private boolean editingFromSheet;

    public ModelView(ModelViewModel model) { this.model = model; }

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
        // Presentation mode hides the description (studio.css) to leave the room to the network; the tooltip keeps it.
        description.managedProperty().bind(description.visibleProperty());
        Tooltip about = new Tooltip();
        about.textProperty().bind(description.textProperty());
        about.setWrapText(true);
        about.setMaxWidth(480);
        networkChoice.setTooltip(about);

        fixedNote.textProperty().bind(model.fixedNoteProperty());
        fixedNote.visibleProperty().bind(model.fixedProperty());
        fixedNote.managedProperty().bind(fixedNote.visibleProperty());
        palette.disableProperty().bind(model.fixedProperty());
        propertySheet.disableProperty().bind(model.fixedProperty());
        buildPalette();
        moveUpButton.setOnAction(e -> model.moveSelected(-1));
        moveDownButton.setOnAction(e -> model.moveSelected(1));
        duplicateButton.setOnAction(e -> model.duplicateSelected());
        deleteButton.setOnAction(e -> model.deleteSelected());
        moveUpButton.setTooltip(new Tooltip(Texts.get("ui.model.tip.up")));
        moveDownButton.setTooltip(new Tooltip(Texts.get("ui.model.tip.down")));
        duplicateButton.setTooltip(new Tooltip(Texts.get("ui.model.tip.duplicate")));
        deleteButton.setTooltip(new Tooltip(Texts.get("ui.model.tip.delete")));
        for (Button b : new Button[] {moveUpButton, moveDownButton, duplicateButton, deleteButton}) {
            b.disableProperty().bind(model.selectedLayerProperty().lessThan(0).or(model.fixedProperty()));
        }

        // The list holds its own copy of the rows: replacing them clears the list's selection, and that
        // must happen while the view is syncing, not be taken for the user deselecting the layer.
        layerList.getItems().setAll(model.rows());
        layerList.setCellFactory(list -> {
            LayerBlockCell cell = new LayerBlockCell();
            acceptDrops(cell);
            return cell;
        });
        layerList.setOnKeyPressed(this::keys);
        layerList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        layerList.getSelectionModel().getSelectedIndices().addListener((ListChangeListener<Integer>) c -> {
            if (!syncing) fromTable(() -> model.select(layerList.getSelectionModel().getSelectedIndices().stream().map(r -> r - 1).toList()));
        });
        // Table row 0 is the Input; layer i is row i + 1.
        layerList.getSelectionModel().selectedIndexProperty().addListener((obs, old, row) -> {
            if (!syncing) fromTable(() -> model.selectedLayerProperty().set(row.intValue() - 1));
        });
        model.selectedLayerProperty().addListener((obs, old, layer) -> {
            // A selection the table just made must not be rewritten while the table is still announcing it.
            if (!updatingFromTable) selectRow(layer.intValue());
            showProperties();
        });
        model.rows().addListener((ListChangeListener<LayerRow>) c -> {
            syncing = true;
            try {
                layerList.getItems().setAll(model.rows());
            } finally {
                syncing = false;
            }
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
        propertySheet.setPropertyEditorFactory(LayerPropertyItem.editors());
        showProperties();
    }

    /** One tile per catalogue type, coloured by category: click to add after the selection, or drag into the table. */
    private void buildPalette() {
        for (Category c : model.catalogue().categories()) {
            for (LayerType t : model.catalogue().typesIn(c.id())) {
                Button tile = new Button(t.name());
                tile.setId("palette-" + t.type());
                tile.getStyleClass().addAll("palette-tile", "layer-" + c.id());
                tile.setTooltip(new Tooltip(Texts.get("ui.model.tip.palette", c.name(), t.help())));
                tile.setOnAction(e -> model.add(t.type()));
                // What a drag from this tile carries, kept on the tile so a headless test drags exactly this.
                tile.getProperties().put(DRAG_PAYLOAD, LayerDrop.NEW + t.type());
                tile.setOnDragDetected(e -> {
                    Dragboard board = tile.startDragAndDrop(TransferMode.COPY);
                    ClipboardContent content = new ClipboardContent();
                    content.putString((String) tile.getProperties().get(DRAG_PAYLOAD));
                    board.setContent(content);
                    e.consume();
                });
                palette.getChildren().add(tile);
            }
        }
    }

    /**
     * Blocks take drops: a palette tile inserts a new layer after the block, a dragged block moves there.
     * While something is dragged over a block, its outgoing connection lights up where the layer will go.
     */
    private void acceptDrops(LayerBlockCell row) {
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
        row.setOnDragEntered(e -> {
            if (LayerDrop.parse(e.getDragboard()) != null) row.pseudoClassStateChanged(DROP_TARGET, true);
        });
        row.setOnDragExited(e -> row.pseudoClassStateChanged(DROP_TARGET, false));
        row.setOnDragDropped(e -> {
            LayerDrop drop = LayerDrop.parse(e.getDragboard());
            // Dropping on a row puts the layer after it; on the empty space below, at the end.
            int target = row.isEmpty() ? -1 : row.getIndex();
            e.setDropCompleted(drop != null && drop.applyTo(model, target));
            e.consume();
        });
    }

    /** Puts keyboard focus on the network's blocks (View › Layers). */
    public void focusLayers() {
        layerList.requestFocus();
        if (layerList.getFocusModel().getFocusedIndex() < 0 && !layerList.getItems().isEmpty()) layerList.getFocusModel().focus(0);
    }

    /** Puts keyboard focus on the first setting of the selected layer, or of training (View › Settings). */
    public void focusSettings() {
        firstEditor(propertySheet).ifPresent(Node::requestFocus);
    }

    private static Optional<Node> firstEditor(Parent parent) {
        for (Node n : parent.getChildrenUnmodifiable()) {
            if ((n instanceof TextInputControl || n instanceof ComboBoxBase<?>
                    || n instanceof ChoiceBox<?> || n instanceof CheckBox)
                    && n.isVisible() && !n.isDisabled()) {
                return Optional.of(n);
            }
            if (n instanceof Parent p) {
                var found = firstEditor(p);
                if (found.isPresent()) return found;
            }
        }
        return Optional.empty();
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
            var selection = layerList.getSelectionModel();
            selection.clearSelection();
            for (int i : model.selection()) selection.select(i + 1);
            if (layer >= 0) {
                selection.select(layer + 1);
                layerList.getFocusModel().focus(layer + 1);
                // Bring the block into view, scrolling as little as possible (ListView.scrollTo puts it on top).
                int row = layer + 1;
                Platform.runLater(() -> {
                    if (layerList.lookup(".virtual-flow") instanceof VirtualFlow<?> flow
                            && row < layerList.getItems().size()) flow.scrollTo(row);
                });
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
        boolean layer = i >= 0 && i < spec.layers().size();
        LayerSpec.Fixed fixed = layer && spec.layers().get(i) instanceof LayerSpec.Fixed f ? f : null;
        propertySheet.setVisible(layer && fixed == null);
        noSelectionHint.setVisible(!layer || fixed != null);
        noSelectionHint.setText(fixed != null ? fixedLayerText(fixed, i)
                : Texts.get("ui.model.select-a-layer-to-change-its"));
        if (!layer || fixed != null) {
            propertySheet.getItems().clear();
            return;
        }
        LayerType type = model.catalogue().typeOf(spec.layers().get(i));
        String name = type.name() + " #" + (i + 1);
        // Items write to their own layer, and only while a layer of that type is still at that position.
        propertySheet.getItems().setAll(type.params().stream()
                .map(p -> new LayerPropertyItem(name, p, k -> model.value(i, k), (k, v) -> fromSheet(() -> {
                    LayerSpec now = layerAt(i);
                    if (now != null && model.catalogue().typeOf(now) == type) model.set(i, k, v);
                }))).toList());
    }

    /** What a layer without a block is, said where its settings would be. */
    private static String fixedLayerText(LayerSpec.Fixed f, int i) {
        String why = f.reason().isEmpty() || f.reason().startsWith("no block") ? Texts.get("ui.model.fixed.no-block") : f.reason();
        return Texts.get("ui.model.fixed.text", f.kind(), i + 1, f.name(), why, Texts.number(f.parameters()));
    }

    private LayerSpec layerAt(int i) {
        var layers = model.specProperty().get().layers();
        return i < layers.size() ? layers.get(i) : null;
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

}
