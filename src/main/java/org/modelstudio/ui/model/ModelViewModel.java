package org.modelstudio.ui.model;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.TaskFit;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.edit.Edit;
import org.modelstudio.core.edit.EditHistory;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.Issue;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.core.project.Project;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.core.project.RunRecord;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.ShapeInference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The network being edited, its Keras-style summary (a row per layer, totals, problems on the layer that
 * causes them) and the edits a person can make. Every change goes through the core {@link EditHistory},
 * so each is undoable; choosing a template is an edit too, so it never silently discards work.
 */
public final class ModelViewModel {
    private final LayerCatalogue catalogue;
    private final EditHistory history;
    private final ObservableList<NetworkSpec> templates;
    private final ObjectProperty<NetworkSpec> template = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<NetworkSpec> spec = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<NetworkSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LayerRow> rows = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DataSource> dataSource = new ReadOnlyObjectWrapper<>(DataSource.FASHION_MNIST);
    private final ReadOnlyObjectWrapper<Augmentation> augmentation =
            new ReadOnlyObjectWrapper<>(Augmentation.NONE);
    /** One wrapper, kept: listeners on a throwaway unmodifiable view would be collected with it. */
    private final ObservableList<RunRecord> runsView = FXCollections.unmodifiableObservableList(runs);
    private boolean runsChanged;
    private long runsRevision;
    private final IntegerProperty selectedLayer = new SimpleIntegerProperty(-1);
    /** All selected layers (sorted); {@link #selectedLayer} is the one whose settings are shown. */
    private final ObservableList<Integer> selection = FXCollections.observableArrayList();
    private List<LayerSpec> copied = List.of();
    private final ReadOnlyBooleanWrapper canPaste = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fixedNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper fixed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper trainingSettings = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(Texts.get("ui.main.menu.undo"));
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(Texts.get("ui.main.menu.redo"));
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper editError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(0);
    /** What the chosen data asks for (null while unknown) and the name of the number a regression predicts. */
    private TaskKind dataTask;
    private String dataQuantity = "";
    /** The network as last saved or opened (null: never saved); dirty is "differs from it", so undo back to it is clean. */
    private NetworkSpec saved;

    public ModelViewModel(List<NetworkSpec> available, LayerCatalogue catalogue) {
        this.catalogue = catalogue;
        this.templates = FXCollections.observableArrayList(available);
        this.history = new EditHistory(available.get(0));
        history.addListener(h -> refresh());
        template.set(available.get(0));
        saved = history.current();
        template.addListener((obs, old, chosen) -> {
            if (chosen != null && !chosen.equals(history.current())) {
                history.apply(new Edit.ReplaceNetwork(chosen, Texts.get("ui.model.edit.open", chosen.name())));
                history.seal();
            }
        });
        selectedLayer.addListener((obs, old, now) -> {
            history.seal();
            if (now.intValue() < 0) selection.clear();
            else if (!selection.contains(now.intValue())) selection.setAll(now.intValue());
        });
        refresh();
    }

    public LayerCatalogue catalogue() { return catalogue; }

    /** Replaces the network with a template (one undoable step), even when that template was chosen before. */
    public void openTemplate(NetworkSpec chosen) {
        if (chosen.equals(template.get()) && !chosen.equals(history.current())) {
            history.apply(new Edit.ReplaceNetwork(chosen, Texts.get("ui.model.edit.open", chosen.name())));
            history.seal();
        }
        template.set(chosen);
    }
    /** Replaces the network (undoably) with one made elsewhere, e.g. opened from a Keras file, listed with the templates. */
    public void openNetwork(NetworkSpec network) {
        if (!templates.contains(network)) templates.add(network);
        openTemplate(network);
    }

    /**
     * Takes the input and layers of the network a run fitted to its data (its Output units to the data's classes, its
     * input to a table's columns), keeping this network's name and training settings: one undoable step. A network edited
     * into another shape meanwhile is left alone.
     */
    public void fitToData(NetworkSpec fitted) {
        NetworkSpec current = history.current();
        if (current.layers().size() != fitted.layers().size()) return;
        NetworkSpec next = new NetworkSpec(current.name(), current.description(), fitted.input(), fitted.layers(), current.training());
        if (next.equals(current)) return;
        history.apply(new Edit.ReplaceNetwork(next, Texts.get("ui.model.edit.fit")));
        history.seal();
    }

    public ObservableList<NetworkSpec> networks() { return templates; }
    /** The template chosen in the list; choosing one replaces the network (undoably). */
    public ObjectProperty<NetworkSpec> selectedProperty() { return template; }
    /** The network as edited: what training snapshots. */
    public ReadOnlyObjectProperty<NetworkSpec> specProperty() { return spec.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<NetworkSummary> summaryProperty() { return summary.getReadOnlyProperty(); }
    public ObservableList<LayerRow> rows() { return rows; }
    /** The selected layer (0-based), or -1. */
    public IntegerProperty selectedLayerProperty() { return selectedLayer; }
    public ReadOnlyStringProperty totalsProperty() { return totals.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemsProperty() { return problems.getReadOnlyProperty(); }
    /** Whether the network is fixed (opened from a Keras file with layers that have no block): shown, not edited. */
    public ReadOnlyBooleanProperty fixedProperty() { return fixed.getReadOnlyProperty(); }
    /** What a fixed network is and what can still be done with it; empty for an ordinary network. */
    public ReadOnlyStringProperty fixedNoteProperty() { return fixedNote.getReadOnlyProperty(); }
    public ReadOnlyStringProperty trainingSettingsProperty() { return trainingSettings.getReadOnlyProperty(); }
    public ReadOnlyStringProperty undoTextProperty() { return undoText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty redoTextProperty() { return redoText.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canRedoProperty() { return canRedo.getReadOnlyProperty(); }
    /** The project file this network was opened from or saved to; null for a network never saved. */
    public ReadOnlyObjectProperty<Path> fileProperty() { return file.getReadOnlyProperty(); }
    /** True when the network has changes that are not in its project file. */
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }
    /** Goes up with every change of the network, including undo and redo. */
    public ReadOnlyLongProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    /** The project as it would be saved now. */
    public Project project() { return new Project(history.current(), dataSource.get(), List.copyOf(runs), augmentation.get()); }

    /** How the project's training images are augmented (saved with it). */
    public ReadOnlyObjectProperty<Augmentation> augmentationProperty() { return augmentation.getReadOnlyProperty(); }

    public void setAugmentation(Augmentation a) {
        if (a.equals(augmentation.get())) return;
        augmentation.set(a);
        documentChanged();
    }

    /** Where the project's training data comes from (saved with it). Changing it is an unsaved change. */
    public ReadOnlyObjectProperty<DataSource> dataSourceProperty() { return dataSource.getReadOnlyProperty(); }

    public void setDataSource(DataSource source) {
        if (source.equals(dataSource.get())) return;
        dataSource.set(source);
        documentChanged();
    }

    /**
     * What the chosen data asks the network for (null while unknown: images, texts, or a table not read yet), and
     * for a regression the name of the number it predicts. What the network lacks for it is shown on the layer to
     * change, like a shape problem ({@link org.modelstudio.core.data.TaskFit}).
     */
    public void setDataTask(TaskKind task, String quantity) {
        String q = quantity == null ? "" : quantity;
        if (task == dataTask && q.equals(dataQuantity)) return;
        dataTask = task;
        dataQuantity = q;
        refresh();
    }

    /** The data's task as last set (null while unknown). */
    public TaskKind dataTask() { return dataTask; }

    // ------------------------------------------------------------------ run history

    /** The project's training runs, oldest first (read-only: runs are added by {@link #addRun}). */
    public ObservableList<RunRecord> runs() { return runsView; }

    /** Records a finished (or stopped, or failed) run in the project; it is saved with it. Not an undoable edit. */
    public void addRun(RunRecord run) {
        runs.add(run);
        documentChanged();
    }

    /**
     * The project changed outside the network (its data, augmentation or runs): an unsaved change to autosave,
     * while the network and its drawing stay as they are.
     */
    private void documentChanged() {
        runsChanged = true;
        runsRevision++;
        revision.set(history.revision() + runsRevision);
        dirty.set(true);
    }

    // ------------------------------------------------------------------ documents

    /** Starts an empty network (28×28 grey images in, nothing else): a new document with no history. */
    public void newNetwork() {
        runs.clear();
        dataSource.set(DataSource.FASHION_MNIST);
        augmentation.set(Augmentation.NONE);
        startDocument(new NetworkSpec(Texts.get("ui.model.untitled"), "", new InputSpec.ImageInput(28, 28, 1), List.of(),
                history.current().training()), null, true);
    }

    public void open(Path path) throws SpecFormatException {
        Project p = ProjectFile.load(path);
        runs.setAll(p.runs());
        dataSource.set(p.data());
        augmentation.set(p.augmentation());
        startDocument(p.network(), path, true);
    }

    /** Saves atomically to {@code path}, which becomes the document's file. */
    public void saveTo(Path path) throws IOException {
        ProjectFile.save(project(), path);
        file.set(path);
        saved = history.current();
        runsChanged = false;
        refresh();
    }

    /** Brings back autosaved work after a crash; it counts as unsaved until the user saves it. */
    public void restore(Project project, Path origin) {
        runs.setAll(project.runs());
        dataSource.set(project.data());
        augmentation.set(project.augmentation());
        startDocument(project.network(), origin, false);
        runsChanged = !project.runs().isEmpty();
        refresh();
    }

    private void startDocument(NetworkSpec network, Path path, boolean saved) {
        selectedLayer.set(-1);
        template.set(null);
        history.reset(network);
        file.set(path);
        this.saved = saved ? network : null;
        runsChanged = false;
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

    // ------------------------------------------------------------------ derived state

    private void refresh() {
        NetworkSpec current = history.current();
        spec.set(current);
        revision.set(history.revision() + runsRevision);
        dirty.set(!current.equals(saved) || runsChanged);
        undoText.set(history.canUndo() ? Texts.get("ui.model.undo-what", history.undoDescription()) : Texts.get("ui.main.menu.undo"));
        redoText.set(history.canRedo() ? Texts.get("ui.model.redo-what", history.redoDescription()) : Texts.get("ui.main.menu.redo"));
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        NetworkSummary s = ShapeInference.analyse(current)
                .withIssues(TaskFit.issues(current, dataTask, dataQuantity));
        List<LayerRow> newRows = new ArrayList<>();
        newRows.add(new LayerRow("0", Texts.get("ui.model.row.input"), inputDescription(current.input()), String.valueOf(s.inputShape()), "0", "",
                false, "input"));
        for (LayerSummary l : s.layers()) {
            List<Issue> issues = s.issuesFor(l.index());
            newRows.add(new LayerRow(String.valueOf(l.index() + 1), ShapeInference.name(l.layer()), l.layer().describe(),
                    l.outputShape() == null ? "?" : l.outputShape().toString(), Texts.number(l.parameters()),
                    issues.stream().map(Issue::message).collect(Collectors.joining(" ")),
                    issues.stream().anyMatch(Issue::isError), catalogue.typeOf(l.layer()).category()));
        }
        rows.setAll(newRows);
        summary.set(s);
        totals.set(Texts.get("ui.model.totals", Texts.number(s.totalParameters()), s.outputShape() == null ? "?" : s.outputShape()));
        problems.set(s.issues().stream().map(Issue::toString).collect(Collectors.joining("\n")));
        trainingSettings.set(TrainingSettings.describe(current.training()));
        fixed.set(current.fixed());
        fixedNote.set(fixedNote(current));
    }

    /** "Fixed network: …" for a network with layers that have no block, else empty. */
    static String fixedNote(NetworkSpec network) {
        long n = network.layers().stream().filter(l -> l instanceof LayerSpec.Fixed).count();
        if (n == 0) return "";
        return Texts.get(n == 1 ? "ui.model.fixed.note-one" : "ui.model.fixed.note-many", n);
    }

    /** What the Input block says it takes ("28×28 grey images"). */
    static String inputDescription(InputSpec input) {
        if (input instanceof InputSpec.ImageInput img) {
            return img.channels() == 1 ? Texts.get("ui.model.input.grey", img.height(), img.width())
                    : img.channels() == 3 ? Texts.get("ui.model.input.colour", img.height(), img.width())
                    : Texts.get("ui.model.input.channels", img.height(), img.width(), img.channels());
        }
        if (input instanceof InputSpec.VectorInput vec) return Texts.get(vec.features() == 1 ? "ui.model.input.feature" : "ui.model.input.features",
                vec.features());
        if (input instanceof InputSpec.SequenceInput seq) {
            return Texts.get("ui.model.input.text", seq.length(), Texts.number(seq.vocabulary()));
        }
        return "";
    }
}
