package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import javafx.application.Platform;
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
import javafx.collections.transformation.SortedList;
import javafx.concurrent.Task;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.common.ShippedExamples;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The Predict area: predicts with the current model from what suits it (image files; typed text or .txt files; a
 * typed row or CSV rows), in the background. One input gives a single result, shown newest first in
 * {@link #results()}; more than one fills {@link #batch()}, which arrives in chunks with progress and can be
 * cancelled, sorted and exported. The {@link #selectedProperty() selected} result is shown in full in the detail pane.
 */
public final class PredictionViewModel {
    public static final int TOP_K = 3;
    /** Results reach the FX thread at most this often during a batch. */
    static final long CHUNK_INTERVAL_NANOS = 80_000_000L;

    /** Which result view the area shows: the single results or the last batch. */
    public enum Shown { RESULTS, BATCH }

    private final CurrentModel currentModel;
    private final ExecutorService executor;
    private final ObservableList<PredictionItem> results = FXCollections.observableArrayList();
    private final ObservableList<PredictionItem> batch = FXCollections.observableArrayList();
    private final SortedList<PredictionItem> sortedBatch = new SortedList<>(batch);
    private final ReadOnlyObjectWrapper<InputKind> inputKind = new ReadOnlyObjectWrapper<>(InputKind.NONE);
    private final ReadOnlyObjectWrapper<List<RowField>> rowFields = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>(Shown.RESULTS);
    private final ObjectProperty<PredictionItem> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper batchRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private int running;
    private Task<List<PredictionItem>> batchTask;
    private long requests;
    /** The request whose batch the table shows and still takes chunks from; -1 once it was stopped or cleared. */
    private long shownBatch = -1;
    private int batchTotal;
    /** Requests up to this one were made before the last Clear: their results are not shown. */
    private long clearedUpTo;

    public PredictionViewModel(CurrentModel currentModel, ExecutorService executor) {
        this.currentModel = currentModel;
        this.executor = executor;
        currentModel.modelProperty().addListener((obs, old, m) -> modelChanged(m));
        modelChanged(currentModel.get());
    }

    /** Single predictions, newest first. */
    public ObservableList<PredictionItem> results() { return results; }
    /** The last batch, in input order (as it arrives). */
    public ObservableList<PredictionItem> batch() { return batch; }
    /** The last batch in the order the table sorts it; the table binds its comparator, the export writes this order. */
    public SortedList<PredictionItem> sortedBatch() { return sortedBatch; }
    public ReadOnlyObjectProperty<InputKind> inputKindProperty() { return inputKind.getReadOnlyProperty(); }
    /** The row form's fields, for a table model; empty otherwise. */
    public ReadOnlyObjectProperty<List<RowField>> rowFieldsProperty() { return rowFields.getReadOnlyProperty(); }
    /** Which tab shows: a new single result shows the results, a new batch the batch; the user may switch with {@link #show}. */
    public ReadOnlyObjectProperty<Shown> shownProperty() { return shown.getReadOnlyProperty(); }

    public void show(Shown which) { shown.set(which); }
    /** The result shown in the detail pane; the view sets it from the list's or the table's selection. */
    public ObjectProperty<PredictionItem> selectedProperty() { return selected; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** True while a batch runs (it can be cancelled). */
    public ReadOnlyBooleanProperty batchRunningProperty() { return batchRunning.getReadOnlyProperty(); }
    /** The running batch's share done, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    private void modelChanged(TrainedModel m) {
        InputKind kind = InputKind.of(m);
        inputKind.set(kind);
        rowFields.set(kind == InputKind.TABLE ? RowField.of((InputPreparation.Table) m.preparation()) : List.of());
        message.set(kind.hint());
    }

    /** Predicts dropped or opened files (or folders); returns the task so callers and tests can wait for it. */
    public Task<List<PredictionItem>> predict(List<File> files) {
        TrainedModel model = currentModel.get();
        InputKind kind = InputKind.of(model);
        InputPreparation.Table table = kind == InputKind.TABLE ? (InputPreparation.Table) model.preparation() : null;
        return start(model, () -> InputReader.read(files, kind, table));
    }

    /**
     * Predicts the shipped example images (two of each Fashion-MNIST class) in one go, as if they had been dropped;
     * finding or copying them happens in the task.
     */
    public Task<List<PredictionItem>> tryExamples() {
        TrainedModel model = currentModel.get();
        InputKind kind = InputKind.of(model);
        return start(model, () -> {
            try {
                return InputReader.read(ShippedExamples.images().stream().map(Path::toFile).toList(), kind, null);
            } catch (IOException e) {
                throw new UncheckedIOException(Texts.get("ui.predict.examples-failed", AtomicFiles.reason(e)), e);
            }
        });
    }

    /** Predicts a typed or pasted text. */
    public Task<List<PredictionItem>> predictText(String text) {
        return start(currentModel.get(), () -> List.of(new InputReader.Pending(Texts.get("ui.predict.typed-text"), new PredictionInput.Text(text), null)));
    }

    /** Predicts a row typed into the form, its values by column name. */
    public Task<List<PredictionItem>> predictRow(Map<String, String> values) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (RowField f : rowFields.get()) ordered.put(f.name(), values.getOrDefault(f.name(), ""));
        return start(currentModel.get(), () -> List.of(new InputReader.Pending(Texts.get("ui.predict.typed-row"), new PredictionInput.Row(ordered), null)));
    }

    private interface Reading { List<InputReader.Pending> read(); }

    private Task<List<PredictionItem>> start(TrainedModel model, Reading reading) {
        InputKind kind = InputKind.of(model);
        long id = ++requests;
        PredictionRun run = model == null ? null : new PredictionRun(new ModelRuntime(model));
        ChunkedDelivery<PredictionItem> delivery = new ChunkedDelivery<>(Platform::runLater, CHUNK_INTERVAL_NANOS, chunk -> arrived(id, chunk));
        Task<List<PredictionItem>> task = new Task<>() {
            @Override protected List<PredictionItem> call() {
                List<InputReader.Pending> inputs = reading.read();
                List<PredictionItem> items = new ArrayList<>(inputs.size());
                if (inputs.isEmpty()) return items;
                if (inputs.size() == 1) {
                    items.add(run.predictOne(inputs.get(0)));
                    return items;
                }
                Platform.runLater(() -> batchStarted(id, this, inputs.size()));
                try {
                    run.predict(inputs, false, item -> {
                        items.add(item);
                        delivery.add(item);
                    }, this::isCancelled);
                } finally {
                    delivery.flush();
                }
                return items;
            }
        };
        if (kind == InputKind.NONE || kind == InputKind.PREPARED) {
            message.set(kind == InputKind.NONE ? Texts.get("ui.predict.no-model") : kind.hint());
            task.cancel();
            return task;
        }
        running++;
        busy.set(true);
        message.set(Texts.get("ui.predict.predicting"));
        task.setOnSucceeded(e -> finished(id, task));
        task.setOnCancelled(e -> {
            done();
            if (task == batchTask) {
                shownBatch = -1;
                batchEnded();
                message.set(Texts.get("ui.predict.stopped", Texts.number(batch.size()), Texts.number(batchTotal)));
            }
        });
        task.setOnFailed(e -> {
            done();
            if (task == batchTask) batchEnded();
            message.set(Texts.get("ui.predict.failed", task.getException().getMessage()));
        });
        executor.execute(task);
        return task;
    }

    private void batchStarted(long id, Task<List<PredictionItem>> task, int total) {
        if (id <= clearedUpTo) {
            task.cancel(false);
            return;
        }
        if (batchTask != null) batchTask.cancel(false);
        batchTask = task;
        shownBatch = id;
        batchTotal = total;
        batch.clear();
        selected.set(null);
        progress.set(0);
        batchRunning.set(true);
        shown.set(Shown.BATCH);
        message.set(Texts.get("ui.predict.batch-started", Texts.number(total)));
    }

    private void arrived(long id, List<PredictionItem> chunk) {
        if (id != shownBatch) return;
        batch.addAll(chunk);
        progress.set(batch.size() / (double) Math.max(1, batchTotal));
        message.set(Texts.get("ui.predict.batch-progress", Texts.number(batch.size()), Texts.number(batchTotal)));
    }

    private void finished(long id, Task<List<PredictionItem>> task) {
        done();
        List<PredictionItem> items = task.getValue();
        if (items.isEmpty() && id > clearedUpTo) {
            message.set(Texts.get("ui.predict.nothing"));
            return;
        }
        if (task != batchTask) {
            if (items.size() == 1 && id > clearedUpTo) {
                PredictionItem item = items.get(0);
                results.add(0, item);
                shown.set(Shown.RESULTS);
                selected.set(item);
                message.set(item.ok() ? Texts.get("ui.predict.one", item.name(), item.verdict(), Texts.number(item.millis(), 0))
                        : Texts.get("ui.predict.one-refused", item.name(), item.problem()));
            }
            return;
        }
        batchEnded();
        long refused = batch.stream().filter(i -> !i.ok()).count();
        double ms = batch.stream().filter(PredictionItem::ok).mapToDouble(PredictionItem::millis).sum();
        message.set(Texts.get("ui.predict.batch-done", Texts.number(batch.size() - refused),
                refused > 0 ? Texts.get("ui.predict.batch-refused", Texts.number(refused)) : "",
                Texts.number(batch.size() == refused ? 0 : ms / (batch.size() - refused), 1)));
    }

    private void done() {
        running--;
        busy.set(running > 0);
    }

    private void batchEnded() {
        batchTask = null;
        batchRunning.set(false);
        progress.set(1);
    }

    /** Stops the running batch after its current chunk; what was predicted stays. */
    public void cancel() {
        // Not interrupted: the worker stops between chunks, and an interrupt would only break a file being read.
        if (batchTask != null) batchTask.cancel(false);
    }

    /** Writes the batch, in the table's order, as CSV (see {@link BatchCsv}), atomically. */
    public void exportBatch(Path file) throws IOException {
        AtomicFiles.writeString(file, BatchCsv.of(List.copyOf(sortedBatch)));
        message.set(Texts.get("ui.predict.saved", Texts.number(sortedBatch.size()), file.getFileName()));
    }

    /** Empties the results and the batch, and stops a running batch. */
    public void clear() {
        cancel();
        shownBatch = -1;
        clearedUpTo = requests;
        results.clear();
        batch.clear();
        selected.set(null);
        shown.set(Shown.RESULTS);
        message.set(inputKind.get().hint());
    }
}
