package org.modelstudio.ui.model;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.edit.Edit;
import org.modelstudio.core.edit.EditHistory;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.ShapeInference;

import java.util.ArrayList;
import java.util.List;

/**
 * The network being edited, its Keras-style summary (a row per layer, totals, problems on the layer that
 * causes them) and the edits a person can make. Every change goes through the core {@link EditHistory},
 * so each is undoable; choosing a template is an edit too, so it never silently discards work. The project around
 * the network (its file, data, runs and unsaved changes) is the {@link ProjectDocument}.
 */
public final class ModelViewModel {
    private final LayerCatalogue catalogue;
    private final EditHistory history;
    private final ReadOnlyObjectWrapper<NetworkSpec> spec = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty selectedLayer = new SimpleIntegerProperty(-1);
    /** All selected layers (sorted); {@link #selectedLayer} is the one whose settings are shown. */
    private final ObservableList<Integer> selection = FXCollections.observableArrayList();
    private List<LayerSpec> copied = List.of();
    private final ReadOnlyBooleanWrapper canPaste = new ReadOnlyBooleanWrapper(false);
    private final UndoRedo undoRedo = new UndoRedo();
    private final ReadOnlyStringWrapper editError = new ReadOnlyStringWrapper("");
    /** The network shown as a table: what the blocks, totals and problems say. */
    private final LayerTable table;
    /** Templates, Keras networks and fitted networks put in the edited one's place. */
    private final WholeNetworks whole;

    public ModelViewModel(List<NetworkSpec> available, LayerCatalogue catalogue) {
        this.catalogue = catalogue;
        this.table = new LayerTable(catalogue);
        this.history = new EditHistory(available.get(0));
        this.whole = new WholeNetworks(available, history);
        history.addListener(h -> refresh());
        selectedLayer.addListener((obs, old, now) -> {
            history.seal();
            if (now.intValue() < 0) selection.clear();
            else if (!selection.contains(now.intValue())) selection.setAll(now.intValue());
        });
        refresh();
    }

    public LayerCatalogue catalogue() { return catalogue; }

    /** Replaces the network with a template (one undoable step), even when that template was chosen before. */
    public void openTemplate(NetworkSpec chosen) { whole.openTemplate(chosen); }
    /** Replaces the network (undoably) with one made elsewhere, e.g. opened from a Keras file, listed with the templates. */
    public void openNetwork(NetworkSpec network) { whole.openNetwork(network); }
    /** Takes the input and layers of the network a run fitted to its data: one undoable step (see WholeNetworks). */
    public void fitToData(NetworkSpec fitted) { whole.fitToData(fitted); }
    public ObservableList<NetworkSpec> networks() { return whole.templates(); }
    /** The template chosen in the list; choosing one replaces the network (undoably). */
    public ObjectProperty<NetworkSpec> selectedProperty() { return whole.chosenProperty(); }
    /** The network as edited: what training snapshots. */
    public ReadOnlyObjectProperty<NetworkSpec> specProperty() { return spec.getReadOnlyProperty(); }
    /** The selected layer (0-based), or -1. */
    public IntegerProperty selectedLayerProperty() { return selectedLayer; }
    // What the table of the network shows (see LayerTable).
    public ReadOnlyObjectProperty<NetworkSummary> summaryProperty() { return table.summaryProperty(); }
    public ObservableList<LayerRow> rows() { return table.rows(); }
    public ReadOnlyStringProperty totalsProperty() { return table.totalsProperty(); }
    public ReadOnlyStringProperty problemsProperty() { return table.problemsProperty(); }
    public ReadOnlyBooleanProperty fixedProperty() { return table.fixedProperty(); }
    public ReadOnlyStringProperty fixedNoteProperty() { return table.fixedNoteProperty(); }
    public ReadOnlyStringProperty trainingSettingsProperty() { return table.trainingSettingsProperty(); }
    public ReadOnlyStringProperty undoTextProperty() { return undoRedo.undoTextProperty(); }
    public ReadOnlyStringProperty redoTextProperty() { return undoRedo.redoTextProperty(); }
    public ReadOnlyBooleanProperty canUndoProperty() { return undoRedo.canUndoProperty(); }
    public ReadOnlyBooleanProperty canRedoProperty() { return undoRedo.canRedoProperty(); }

    /** What the chosen data asks the network for, and a regression's quantity: see {@link LayerTable#setDataTask}. */
    public void setDataTask(TaskKind task, String quantity) {
        if (table.setDataTask(task, quantity)) refresh();
    }

    /** The data's task as last set (null while unknown). */
    public TaskKind dataTask() { return table.dataTask(); }

    /** The edit history the project document shares: its changes are the network's part of the document's. */
    EditHistory history() { return history; }

    /** A new document begins with {@code network}: no history, nothing selected, no template chosen. */
    void startOver(NetworkSpec network) {
        selectedLayer.set(-1);
        whole.chosenProperty().set(null);
        history.reset(network);
        refresh();
    }

    /** Why the last edit was refused ("Conv2D: Filters must be between 1 and 1024, not 0."), or empty. */
    public ReadOnlyStringProperty editErrorProperty() { return editError.getReadOnlyProperty(); }

    // ------------------------------------------------------------------ edits

    /**
     * Adds a layer of this catalogue type after the selected layer. With nothing selected it goes at the end,
     * but before the Output layer, which has to stay last.
     */
    public void add(String typeId) {
        List<LayerSpec> layers = history.current().layers();
        int at;
        if (selectedLayer.get() >= 0) {
            at = selectedLayer.get() + 1;
        } else {
            boolean endsWithOutput = !layers.isEmpty() && layers.get(layers.size() - 1) instanceof LayerSpec.Output;
            at = endsWithOutput && !typeId.equals("output") ? layers.size() - 1 : layers.size();
        }
        insert(typeId, at);
    }

    public void insert(String typeId, int index) {
        if (apply(new Edit.InsertLayer(index, catalogue.create(typeId)))) selectedLayer.set(index);
    }

    /** Selects several layers (a multi-selection in the table); the last one is the current layer. */
    public void select(List<Integer> layers) {
        List<Integer> valid = layers.stream().filter(i -> i >= 0 && i < history.current().layers().size()).sorted().distinct().toList();
        selection.setAll(valid);
        if (valid.isEmpty()) selectedLayer.set(-1);
        else if (!valid.contains(selectedLayer.get())) selectedLayer.set(valid.get(valid.size() - 1));
    }

    public ObservableList<Integer> selection() { return selection; }

    public ReadOnlyBooleanProperty canPasteProperty() { return canPaste.getReadOnlyProperty(); }

    /** Deletes every selected layer, as one undo step. */
    public void deleteSelected() {
        List<Integer> chosen = List.copyOf(selection.isEmpty() && selectedLayer.get() >= 0 ? List.of(selectedLayer.get()) : selection);
        if (chosen.isEmpty()) return;
        if (apply(new Edit.RemoveLayers(chosen))) {
            selection.clear();
            selectedLayer.set(Math.min(chosen.get(0), history.current().layers().size() - 1));
        }
    }

    /** Remembers the selected layers, in order, for Paste. */
    public void copySelected() {
        List<LayerSpec> layers = history.current().layers();
        copied = selection.stream().map(layers::get).toList();
        canPaste.set(!copied.isEmpty());
    }

    public void cutSelected() {
        copySelected();
        deleteSelected();
    }

    /** Inserts the copied layers after the selection (before the Output layer when nothing is selected); one undo step. */
    public void paste() {
        if (copied.isEmpty()) return;
        List<LayerSpec> layers = history.current().layers();
        int at;
        if (!selection.isEmpty()) {
            at = selection.get(selection.size() - 1) + 1;
        } else {
            boolean endsWithOutput = !layers.isEmpty() && layers.get(layers.size() - 1) instanceof LayerSpec.Output;
            at = endsWithOutput ? layers.size() - 1 : layers.size();
        }
        history.beginBatch(copied.size() == 1 ? Texts.get("ui.model.edit.paste-one", ShapeInference.name(copied.get(0)))
                : Texts.get("ui.model.edit.paste-many", copied.size()));
        try {
            for (int k = 0; k < copied.size(); k++) apply(new Edit.InsertLayer(at + k, copied.get(k)));
        } finally {
            history.endBatch();
        }
        List<Integer> pasted = new ArrayList<>();
        for (int k = 0; k < copied.size(); k++) pasted.add(at + k);
        selectedLayer.set(at + copied.size() - 1);
        select(pasted);
    }

    public void duplicateSelected() {
        int i = selectedLayer.get();
        if (i < 0) return;
        LayerSpec copy = history.current().layers().get(i);
        if (apply(new Edit.InsertLayer(i + 1, copy))) selectedLayer.set(i + 1);
    }

    /** Moves layer {@code from} to position {@code to} (a drag in the table is one undo step). */
    public void move(int from, int to) {
        if (apply(new Edit.MoveLayer(from, to))) selectedLayer.set(to);
    }

    /** Moves the selected layer up (-1) or down (+1). */
    public void moveSelected(int delta) {
        int i = selectedLayer.get();
        int to = i + delta;
        if (i < 0 || to < 0 || to >= history.current().layers().size()) return;
        if (apply(new Edit.MoveLayer(i, to))) selectedLayer.set(to);
    }

    /** One training setting's current value (see {@link TrainingSettings}). */
    public Object trainingValue(String key) {
        return TrainingSettings.value(history.current().training(), key);
    }

    /** Changes one training setting (an undoable edit; consecutive changes merge); refused out of range. */
    public boolean setTraining(String key, Object value) {
        String problem = TrainingSettings.param(key).problem("Training", value);
        if (problem != null) {
            editError.set(problem);
            return false;
        }
        return apply(new Edit.SetTraining(TrainingSettings.with(history.current().training(), key, value)));
    }

    /** The selected layer's value for one catalogue setting. */
    public Object value(String key) {
        return value(selectedLayer.get(), key);
    }

    /** Layer {@code i}'s value for one catalogue setting (null if there is no such layer). */
    public Object value(int i, String key) {
        List<LayerSpec> layers = history.current().layers();
        return i < 0 || i >= layers.size() ? null : catalogue.value(layers.get(i), key);
    }

    /** Changes one setting of the selected layer; a value outside the catalogue's range is refused and said. */
    public boolean set(String key, Object value) {
        return set(selectedLayer.get(), key, value);
    }

    /**
     * Changes one setting of layer {@code i}. The property sheet names its layer: an editor that commits as
     * focus leaves it for another block must not write into the block just selected.
     */
    public boolean set(int i, String key, Object value) {
        if (i < 0 || i >= history.current().layers().size()) return false;
        LayerSpec changed;
        try {
            changed = catalogue.with(history.current().layers().get(i), key, value);
        } catch (IllegalArgumentException e) {
            editError.set(e.getMessage());
            return false;
        }
        return apply(new Edit.ReplaceLayer(i, changed));
    }

    public void undo() {
        history.undo();
        clampSelection();
    }

    public void redo() {
        history.redo();
        clampSelection();
    }

    private boolean apply(Edit edit) {
        boolean changesLayers = !(edit instanceof Edit.ReplaceNetwork || edit instanceof Edit.SetTraining || edit instanceof Edit.Rename);
        if (changesLayers && history.current().fixed()) {
            editError.set(Texts.get("ui.model.fixed.edit-refused"));
            return false;
        }
        try {
            history.apply(edit);
            editError.set("");
            return true;
        } catch (IllegalArgumentException e) {
            editError.set(e.getMessage());
            return false;
        }
    }

    private void clampSelection() {
        int n = history.current().layers().size();
        selection.removeIf(i -> i >= n);
        if (selectedLayer.get() >= n) selectedLayer.set(n - 1);
    }

    /** Shows the network as it now is: its table, and the Undo and Redo items. */
    private void refresh() {
        NetworkSpec current = history.current();
        spec.set(current);
        undoRedo.show(history);
        table.show(current);
    }
}
