package org.modelstudio.ui.model;

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
import org.modelstudio.core.catalogue.ParamSpec;
import org.modelstudio.core.edit.Edit;
import org.modelstudio.core.edit.EditHistory;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.Issue;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.core.project.Project;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.core.project.RunRecord;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.Optimizer;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private final ReadOnlyObjectWrapper<org.modelstudio.core.data.Augmentation> augmentation =
            new ReadOnlyObjectWrapper<>(org.modelstudio.core.data.Augmentation.NONE);
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
    private final ReadOnlyStringWrapper trainingSettings = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper editError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(0);
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
                history.apply(new Edit.ReplaceNetwork(chosen, "Open " + chosen.name()));
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
            history.apply(new Edit.ReplaceNetwork(chosen, "Open " + chosen.name()));
            history.seal();
        }
        template.set(chosen);
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
    public ReadOnlyObjectProperty<org.modelstudio.core.data.Augmentation> augmentationProperty() { return augmentation.getReadOnlyProperty(); }

    public void setAugmentation(org.modelstudio.core.data.Augmentation a) {
        if (a.equals(augmentation.get())) return;
        augmentation.set(a);
        runsChanged = true;
        runsRevision++;
        revision.set(history.revision() + runsRevision);
        dirty.set(true);
    }

    /** Where the project's training data comes from (saved with it). Changing it is an unsaved change. */
    public ReadOnlyObjectProperty<DataSource> dataSourceProperty() { return dataSource.getReadOnlyProperty(); }

    public void setDataSource(DataSource source) {
        if (source.equals(dataSource.get())) return;
        dataSource.set(source);
        runsChanged = true;
        runsRevision++;
        revision.set(history.revision() + runsRevision);
        dirty.set(true);
    }

    // ------------------------------------------------------------------ run history

    /** The project's training runs, oldest first (read-only: runs are added by {@link #addRun}). */
    public ObservableList<RunRecord> runs() { return runsView; }

    /** Records a finished (or stopped, or failed) run in the project; it is saved with it. Not an undoable edit. */
    public void addRun(RunRecord run) {
        runs.add(run);
        runsChanged = true;
        runsRevision++;
        // Only the document's state changes; the network (and its drawing) stays as it is.
        revision.set(history.revision() + runsRevision);
        dirty.set(true);
    }

    // ------------------------------------------------------------------ documents

    /** Starts an empty network (28×28 grey images in, nothing else): a new document with no history. */
    public void newNetwork() {
        runs.clear();
        dataSource.set(DataSource.FASHION_MNIST);
        augmentation.set(org.modelstudio.core.data.Augmentation.NONE);
        startDocument(new NetworkSpec("Untitled network", "", new InputSpec.ImageInput(28, 28, 1), List.of(),
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
        history.beginBatch(copied.size() == 1 ? "Paste " + copied.get(0).typeName() : "Paste " + copied.size() + " layers");
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

    /** The training settings the property sheet shows when no layer is selected. */
    public static final List<ParamSpec> TRAINING_SETTINGS = List.of(
            new ParamSpec("optimizer", "Optimizer", ParamSpec.Kind.CHOICE, "adam", null, null,
                    List.of("adam", "sgd", "nesterov", "rmsprop"), "The rule that updates the weights after each batch; Adam is a good default."),
            new ParamSpec("learningRate", "Learning rate", ParamSpec.Kind.NUMBER, 0.001, 1e-7, 10.0, null,
                    "How big each update step is. Too high and training diverges; too low and it crawls."),
            new ParamSpec("batchSize", "Batch size", ParamSpec.Kind.INT, 32, 1.0, 4096.0, null,
                    "How many examples are averaged for each update."),
            new ParamSpec("epochs", "Epochs", ParamSpec.Kind.INT, 10, 1.0, 1000.0, null,
                    "How many times training goes through all the training examples."),
            new ParamSpec("seed", "Random seed", ParamSpec.Kind.INT, 42, 0.0, (double) Integer.MAX_VALUE, null,
                    "Fixes the starting weights and the shuffling, so a run can be repeated exactly."),
            new ParamSpec("schedule", "Rate schedule", ParamSpec.Kind.CHOICE, "constant", null, null,
                    List.of("constant", "step", "exponential", "plateau"),
                    "How the learning rate changes: step and exponential lower it on a timetable; plateau lowers it "
                            + "when the validation loss stops improving."),
            new ParamSpec("factor", "Schedule factor", ParamSpec.Kind.NUMBER, 0.5, 0.01, 1.0, null,
                    "What the rate is multiplied by at each step of the schedule."),
            new ParamSpec("every", "Schedule epochs", ParamSpec.Kind.INT, 3, 1.0, 1000.0, null,
                    "Step: epochs between two steps. Plateau: epochs without improvement before the rate is lowered."),
            new ParamSpec("l2", "L2 penalty", ParamSpec.Kind.NUMBER, 0.0, 0.0, 1.0, null,
                    "Weight decay: pulls the weights towards zero to fight overfitting. 0 is off; 0.0001 to 0.001 is usual."),
            new ParamSpec("validationSplit", "Validation share", ParamSpec.Kind.NUMBER, 0.1, 0.0, 0.5, null,
                    "The fraction of the examples held out to check the network on data it does not train on."),
            new ParamSpec("testSplit", "Test share", ParamSpec.Kind.NUMBER, 0.0, 0.0, 0.5, null,
                    "The fraction held out from training and validation alike; the finished model is measured on it once."),
            new ParamSpec("earlyStopping", "Early stopping", ParamSpec.Kind.CHOICE, "off", null, null,
                    List.of("off", "validation_loss", "validation_accuracy"),
                    "Stop when this validation figure has not improved for a while; the best epoch's model is kept."),
            new ParamSpec("patience", "Early stopping patience", ParamSpec.Kind.INT, 3, 1.0, 1000.0, null,
                    "How many epochs without improvement early stopping waits."),
            new ParamSpec("minDelta", "Early stopping min. change", ParamSpec.Kind.NUMBER, 0.0, 0.0, 10.0, null,
                    "How much better the figure must get to count as an improvement."));

    public Object trainingValue(String key) {
        TrainingConfig t = history.current().training();
        return switch (key) {
            case "optimizer" -> t.optimizer().id();
            case "learningRate" -> t.learningRate();
            case "batchSize" -> t.batchSize();
            case "epochs" -> t.epochs();
            case "seed" -> (int) Math.min(Integer.MAX_VALUE, t.seed());
            case "schedule" -> t.schedule().kind().id();
            case "factor" -> t.schedule().kind() == LearningRateSchedule.Kind.CONSTANT ? 0.5 : t.schedule().factor();
            case "every" -> t.schedule().kind() == LearningRateSchedule.Kind.CONSTANT ? 3 : t.schedule().every();
            case "l2" -> t.l2();
            case "validationSplit" -> t.validationSplit();
            case "testSplit" -> t.testSplit();
            case "earlyStopping" -> t.earlyStopping().enabled() ? t.earlyStopping().metric().id() : "off";
            case "patience" -> t.earlyStopping().patience();
            case "minDelta" -> t.earlyStopping().minDelta();
            default -> throw new IllegalArgumentException("no training setting " + key);
        };
    }

    /** Changes one training setting (an undoable edit; consecutive changes merge); refused out of range. */
    public boolean setTraining(String key, Object value) {
        ParamSpec spec = TRAINING_SETTINGS.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
        String problem = spec.problem("Training", value);
        if (problem != null) {
            editError.set(problem);
            return false;
        }
        TrainingConfig t = history.current().training();
        LearningRateSchedule s = t.schedule();
        double factor = (Double) trainingValue("factor");
        int every = (Integer) trainingValue("every");
        TrainingConfig changed = switch (key) {
            case "optimizer" -> t.withOptimizer(Optimizer.fromId((String) value));
            case "learningRate" -> t.withLearningRate(((Number) value).doubleValue());
            case "batchSize" -> t.withBatchSize((Integer) value);
            case "epochs" -> t.withEpochs((Integer) value);
            case "seed" -> t.withSeed((Integer) value);
            case "schedule" -> t.withSchedule(schedule(LearningRateSchedule.Kind.fromId((String) value), factor, every));
            case "factor" -> t.withSchedule(schedule(s.kind(), ((Number) value).doubleValue(), every));
            case "every" -> t.withSchedule(schedule(s.kind(), factor, (Integer) value));
            case "l2" -> t.withL2(((Number) value).doubleValue());
            case "validationSplit" -> t.withValidationSplit(((Number) value).doubleValue());
            case "testSplit" -> t.withTestSplit(((Number) value).doubleValue());
            case "earlyStopping" -> "off".equals(value) ? t.withEarlyStopping(t.earlyStopping().withEnabled(false))
                    : t.withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.fromId((String) value),
                            t.earlyStopping().patience(), t.earlyStopping().minDelta()));
            case "patience" -> t.withEarlyStopping(new EarlyStopping(t.earlyStopping().enabled(), t.earlyStopping().metric(),
                    (Integer) value, t.earlyStopping().minDelta()));
            case "minDelta" -> t.withEarlyStopping(new EarlyStopping(t.earlyStopping().enabled(), t.earlyStopping().metric(),
                    t.earlyStopping().patience(), ((Number) value).doubleValue()));
            default -> throw new IllegalArgumentException("no training setting " + key);
        };
        return apply(new Edit.SetTraining(changed));
    }

    private static LearningRateSchedule schedule(LearningRateSchedule.Kind kind, double factor, int every) {
        return switch (kind) {
            case CONSTANT -> LearningRateSchedule.CONSTANT;
            case STEP -> LearningRateSchedule.step(factor, every);
            case EXPONENTIAL -> LearningRateSchedule.exponential(factor);
            case PLATEAU -> LearningRateSchedule.plateau(factor, every);
        };
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
        undoText.set(history.canUndo() ? "Undo " + history.undoDescription() : "Undo");
        redoText.set(history.canRedo() ? "Redo " + history.redoDescription() : "Redo");
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        NetworkSummary s = ShapeInference.analyse(current);
        List<LayerRow> newRows = new ArrayList<>();
        newRows.add(new LayerRow("0", "Input", inputDescription(current.input()), String.valueOf(s.inputShape()), "0", "", false, "input"));
        for (LayerSummary l : s.layers()) {
            List<Issue> issues = s.issuesFor(l.index());
            newRows.add(new LayerRow(String.valueOf(l.index() + 1), l.layer().typeName(), l.layer().describe(),
                    l.outputShape() == null ? "?" : l.outputShape().toString(), String.format(Locale.ROOT, "%,d", l.parameters()),
                    issues.stream().map(Issue::message).collect(Collectors.joining(" ")),
                    issues.stream().anyMatch(Issue::isError), catalogue.typeOf(l.layer()).category()));
        }
        rows.setAll(newRows);
        summary.set(s);
        totals.set(String.format(Locale.ROOT, "%,d parameters · output %s", s.totalParameters(), s.outputShape() == null ? "?" : s.outputShape()));
        problems.set(s.issues().stream().map(Issue::toString).collect(Collectors.joining("\n")));
        TrainingConfig t = current.training();
        String optimizer = switch (t.optimizer()) {
            case ADAM -> "Adam";
            case SGD -> "SGD";
            case NESTEROV -> "SGD with Nesterov momentum";
            case RMSPROP -> "RMSProp";
        };
        String schedule = t.schedule().kind() == LearningRateSchedule.Kind.CONSTANT ? "" : " (" + t.schedule().describe() + ")";
        String extras = (t.l2() > 0 ? String.format(Locale.ROOT, ", L2 %s", t.l2()) : "")
                + (t.validationSplit() > 0 ? String.format(Locale.ROOT, ", %.0f%% held out for validation", 100 * t.validationSplit())
                        : ", no validation")
                + (t.testSplit() > 0 ? String.format(Locale.ROOT, ", %.0f%% for a final test", 100 * t.testSplit()) : "")
                + (t.earlyStopping().enabled() ? ", early stopping on " + t.earlyStopping().describe() : "");
        trainingSettings.set(String.format(Locale.ROOT, "Trains with %s, learning rate %s%s, batches of %d, %d epochs%s.",
                optimizer, t.learningRate(), schedule, t.batchSize(), t.epochs(), extras));
    }

    /** What the Input block says it takes ("28×28 grey images"). */
    static String inputDescription(InputSpec input) {
        if (input instanceof InputSpec.ImageInput img) {
            String kind = img.channels() == 1 ? "grey" : img.channels() == 3 ? "colour" : img.channels() + "-channel";
            return img.height() + "×" + img.width() + " " + kind + " images";
        }
        if (input instanceof InputSpec.VectorInput vec) return vec.features() + (vec.features() == 1 ? " feature" : " features");
        if (input instanceof InputSpec.SequenceInput seq) {
            return String.format(Locale.ROOT, "text as %d token ids from a vocabulary of %,d", seq.length(), seq.vocabulary());
        }
        return "";
    }
}
