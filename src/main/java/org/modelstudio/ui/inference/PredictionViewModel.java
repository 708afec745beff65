package org.modelstudio.ui.inference;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.image.Image;
import org.modelstudio.core.data.RejectedInput;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.Predictor;
import org.modelstudio.ui.common.CurrentModel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Predicts dropped or opened image files with the current model, in the background; newest results first. */
public final class PredictionViewModel {
    public static final int TOP_K = 3;

    private final CurrentModel currentModel;
    private final ExecutorService executor;
    private final ObservableList<PredictionItem> results = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public PredictionViewModel(CurrentModel currentModel, ExecutorService executor) {
        this.currentModel = currentModel;
        this.executor = executor;
        currentModel.modelProperty().addListener((obs, old, m) -> message.set(hint(m)));
        message.set(hint(currentModel.get()));
    }

    public ObservableList<PredictionItem> results() { return results; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    private static String hint(TrainedModel m) {
        return m == null ? "Train a model first (or File ▸ Open trained model…), then drop images here."
                : "Drop image files or a folder here (PNG, JPEG, BMP, GIF).";
    }

    /** Returns the task so callers (and tests) can wait for it; it never throws for a bad file. */
    public Task<List<PredictionItem>> predict(List<File> files) {
        TrainedModel model = currentModel.get();
        Task<List<PredictionItem>> task = new Task<>() {
            @Override protected List<PredictionItem> call() {
                List<PredictionItem> items = new ArrayList<>();
                DropSorter.Sorted sorted = DropSorter.sort(files);
                for (Path p : sorted.images()) {
                    if (isCancelled()) break;
                    items.add(predictOne(model, p));
                }
                for (RejectedInput r : sorted.rejected()) items.add(PredictionItem.refused(r.file(), r.reason()));
                return items;
            }
        };
        if (model == null) {
            message.set("There is no model to predict with yet. Train one first, or open a saved model.");
            task.cancel();
            return task;
        }
        busy.set(true);
        message.set("Predicting " + files.size() + " item(s)…");
        task.setOnSucceeded(e -> {
            busy.set(false);
            List<PredictionItem> items = task.getValue();
            results.addAll(0, items);
            long refused = items.stream().filter(i -> !i.ok()).count();
            message.set(items.size() - refused + " predicted" + (refused > 0 ? ", " + refused + " refused (see below)" : "")
                    + ". Drop more images to compare.");
        });
        task.setOnFailed(e -> {
            busy.set(false);
            message.set("Prediction failed: " + task.getException().getMessage());
        });
        executor.execute(task);
        return task;
    }

    static PredictionItem predictOne(TrainedModel model, Path file) {
        String name = file.getFileName().toString();
        long t0 = System.nanoTime();
        try {
            var prediction = Predictor.predictFile(model, file);
            double ms = (System.nanoTime() - t0) / 1e6;
            Image thumb = new Image(file.toUri().toString(), 64, 64, true, false, false);
            return new PredictionItem(name, thumb.isError() ? null : thumb, prediction, ms, null);
        } catch (InputRejectedException e) {
            return PredictionItem.refused(name, e.reason());
        } catch (RuntimeException e) {
            return PredictionItem.refused(name, "could not be predicted (" + e.getMessage() + ")");
        }
    }

    public void clear() { results.clear(); }
}
