package org.modelstudio.ui.compact;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.CompactionReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.export.Compaction;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.evaluation.DataChoices;
import org.modelstudio.ui.evaluation.EvaluationViewModel.Choice;
import org.modelstudio.ui.training.TrainingViewModel.HeldOut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;

/**
 * File ▸ Export network ▸ Compact model: the model in use made smaller (fp16 or int8 weights), measured before it is
 * saved. Measuring writes the compact file and reads it back in the background, then evaluates the model before and
 * after on the chosen examples; the table shows the file sizes and the accuracy (a regression: MAE) before and after.
 * Save writes exactly the file that was measured. Choosing another precision, other data or another model asks for a
 * new measurement.
 */
public final class CompactModelViewModel {
    /** No labelled examples: only the sizes are measured. */
    private final Choice sizesOnly = new Choice(Texts.get("ui.compact.sizes-only"), (m, c, p) -> null);

    private final CurrentModel currentModel;
    private final ReadOnlyObjectProperty<HeldOut> heldOut;
    private final ExecutorService executor;
    private final ObjectProperty<Precision> precision = new SimpleObjectProperty<>(Precision.INT8);
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<CompactionReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CompactionReport.Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private Compaction measured;
    private CancelToken cancel = new CancelToken();

    public CompactModelViewModel(CurrentModel currentModel, ReadOnlyObjectProperty<HeldOut> heldOut, ExecutorService executor) {
        this.currentModel = currentModel;
        this.heldOut = heldOut;
        this.executor = executor;
        currentModel.modelProperty().addListener((obs, old, m) -> refresh());
        heldOut.addListener((obs, old, h) -> refresh());
        precision.addListener((obs, old, p) -> forget());
        choice.addListener((obs, old, c) -> forget());
        refresh();
    }

    /** fp16 or int8. */
    public ObjectProperty<Precision> precisionProperty() { return precision; }
    /** The examples to measure on: those the studio knows of, any picked, and {@link #sizesOnly()}. */
    public ObservableList<Choice> choices() { return choices; }
    public ObjectProperty<Choice> choiceProperty() { return choice; }
    /** The last measurement; null before one, and once the precision, the data or the model changed. */
    public ReadOnlyObjectProperty<CompactionReport> reportProperty() { return report.getReadOnlyProperty(); }
    /** The report's table: file size, parameters, accuracy or MAE, each before, after and the change. */
    public ObservableList<CompactionReport.Row> rows() { return rows; }
    /** The choice that measures the sizes only (no labelled examples). */
    public Choice sizesOnly() { return sizesOnly; }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** The model in use, in words. */
    public ReadOnlyStringProperty modelNameProperty() { return modelName.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /** Whether other data is a folder of images (an image model) rather than a file. */
    public boolean takesImages() {
        TrainedModel m = currentModel.get();
        return m != null && m.preprocessing() != null;
    }

    /** Adds picked examples to the choices and chooses them. */
    public void addChoice(Choice picked) {
        choices.add(choices.size() - 1, picked);
        choice.set(picked);
    }

    /** A file name for the compact model: the network's, with the precision ("mlp-keras-classic-int8.zip"). */
    public String suggestedFileName() {
        TrainedModel m = currentModel.get();
        String name = m == null ? "model" : m.spec().name().replaceAll("[^A-Za-z0-9-]+", "-").toLowerCase(Locale.ROOT).replaceAll("^-|-$", "");
        return name + "-" + precision.get().id() + ".zip";
    }

    private void refresh() {
        TrainedModel m = currentModel.get();
        choices.setAll(DataChoices.offered(m, heldOut.get()));
        choices.add(sizesOnly);
        choice.set(choices.get(0));
        forget();
        modelName.set(m == null ? Texts.get("ui.compact.no-model")
                : m.precision() == Precision.FLOAT32 ? Texts.get("ui.compact.model", m.spec().name(), Texts.number(m.parameterCount()))
                : Texts.get("ui.compact.model-precision", m.spec().name(), Texts.number(m.parameterCount()), m.precision().id()));
        message.set(m == null ? "" : Texts.get("ui.compact.choose"));
    }

    /** A measurement stands for one model, precision and data; any change makes it stale. */
    private void forget() {
        if (running.get()) return;
        measured = null;
        report.set(null);
        rows.clear();
    }

    /** Makes the model in use compact and measures it, in the background; returns the task (tests wait for it). */
    public Task<CompactionReport> measure() {
        TrainedModel model = currentModel.get();
        Precision p = precision.get();
        Choice data = choice.get();
        CancelToken token = new CancelToken();
        cancel.cancel();
        cancel = token;
        Compaction[] made = new Compaction[1];
        Task<CompactionReport> task = new Task<>() {
            @Override protected CompactionReport call() throws Exception {
                updateProgress(-1, 1);
                made[0] = Compaction.of(model, p);
                ExampleSource examples = data.reader().read(model, token, f -> updateProgress(0.1 * f, 1));
                if (token.isCancelled()) throw new CancellationException();
                if (examples == null) return made[0].report();
                return made[0].measure(examples, decapitalised(data.name()), token, f -> updateProgress(0.1 + 0.9 * f, 1));
            }
        };
        if (model == null || data == null) {
            task.cancel();
            return task;
        }
        forget();
        running.set(true);
        progress.bind(task.progressProperty());
        message.set(data == sizesOnly ? Texts.get("ui.compact.measuring", p.id()) : Texts.get("ui.compact.measuring-on", p.id(), decapitalised(data.name())));
        task.setOnSucceeded(e -> {
            done();
            if (currentModel.get() != model || precision.get() != p || choice.get() != data) {
                message.set(Texts.get("ui.compact.changed"));
                return;
            }
            measured = made[0];
            CompactionReport r = task.getValue();
            report.set(r);
            rows.setAll(r.rows());
            message.set((r.quality() == null ? Texts.get("ui.compact.not-measured")
                    : Texts.get("ui.compact.measured-on", decapitalised(data.name()))) + " " + CompactionReport.OPTIMIZER_NOTE
                            + Texts.get("ui.compact.save-writes"));
        });
        task.setOnCancelled(e -> {
            done();
            message.set(Texts.get("ui.compact.cancelled"));
        });
        task.setOnFailed(e -> {
            done();
            Throwable t = task.getException();
            message.set(t instanceof CancellationException ? Texts.get("ui.compact.cancelled")
                    : Texts.get("ui.compact.failed", t.getMessage() == null ? t.toString() : t.getMessage()));
        });
        executor.execute(task);
        return task;
    }

    public void cancel() { cancel.cancel(); }

    /** Writes the measured compact file to {@code file} in the background; the message says where it went or why not. */
    public Task<Void> save(Path file) {
        Compaction c = measured;
        Task<Void> task = new Task<>() {
            @Override protected Void call() throws IOException {
                c.save(file);
                return null;
            }
        };
        if (c == null) {
            task.cancel();
            return task;
        }
        task.setOnSucceeded(e ->
                message.set(Texts.get("ui.compact.saved", file, CompactionReport.size(report.get() == null ? 0 : report.get().fileBytesAfter()),
                c.precision().id(), file.getFileName())));
        task.setOnFailed(e -> message.set(Texts.get("ui.compact.save-failed", file.getFileName(),
                task.getException() instanceof IOException io ? AtomicFiles.reason(io) : task.getException().getMessage())));
        executor.execute(task);
        return task;
    }

    private void done() {
        progress.unbind();
        progress.set(0);
        running.set(false);
    }

    /** "The last run's test part" as it reads inside a sentence; a file's name is left as it is. */
    private static String decapitalised(String s) {
        return s.startsWith("The ") || s.startsWith("Images ") ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
