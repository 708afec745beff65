package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.concurrent.Task;
import org.modelstudio.core.eval.ColumnContribution;
import org.modelstudio.core.eval.Heatmap;
import org.modelstudio.core.eval.WordContribution;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.explain.Explainer;
import org.modelstudio.engine.io.ImageDecoder;
import org.modelstudio.ui.common.CurrentModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;

/**
 * Why the model gave its answer for the selected result: for an image, an occlusion map (where covering the image
 * lowers the predicted class's probability most); for a text, each word's contribution (how much the probability falls
 * without it); for a table row, each column's (how much the answer moves with the value left unknown). Computed in the background, cancellable; a
 * new selection cancels and clears the last explanation.
 */
public final class ExplanationViewModel {
    private final CurrentModel currentModel;
    private final ExecutorService executor;
    private final ReadOnlyObjectWrapper<PredictionItem> item = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Heatmap> heatmap = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<WordContribution>> words = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<ColumnContribution>> columns = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final DoubleProperty opacity = new SimpleDoubleProperty(0.65);
    private CancelToken cancel = new CancelToken();

    public ExplanationViewModel(CurrentModel currentModel, ExecutorService executor) {
        this.currentModel = currentModel;
        this.executor = executor;
        currentModel.modelProperty().addListener((obs, old, m) -> select(null));
    }

    /** The result being explained (the selected one). */
    public ReadOnlyObjectProperty<PredictionItem> itemProperty() { return item.getReadOnlyProperty(); }
    /** The occlusion map of the selected image result, once computed. */
    public ReadOnlyObjectProperty<Heatmap> heatmapProperty() { return heatmap.getReadOnlyProperty(); }
    /** The words of the selected text result with their contributions, once computed. */
    public ReadOnlyObjectProperty<List<WordContribution>> wordsProperty() { return words.getReadOnlyProperty(); }
    /** The columns of the selected table row with their contributions, once computed. */
    public ReadOnlyObjectProperty<List<ColumnContribution>> columnsProperty() { return columns.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** How strongly the map is drawn over the image, 0..1. */
    public DoubleProperty opacityProperty() { return opacity; }

    /** Whether {@code item} can be explained: a predicted image, text or table row. */
    public static boolean explainable(PredictionItem item) {
        return item != null && item.ok() && item.input() != null;
    }

    /** A new result is selected: the last explanation is cancelled and cleared. */
    public void select(PredictionItem selected) {
        cancel.cancel();
        item.set(selected);
        heatmap.set(null);
        words.set(null);
        columns.set(null);
        message.set("");
    }

    public void cancel() { cancel.cancel(); }

    /** Explains the selected result in the background; returns the task (tests wait for it), or null if it cannot. */
    public Task<?> explain() {
        PredictionItem selected = item.get();
        TrainedModel model = currentModel.get();
        if (model == null || !explainable(selected)) return null;
        boolean estimate = selected.estimate() != null;
        int classIndex = estimate ? 0 : selected.best().classIndex();
        String className = selected.verdict();
        CancelToken token = new CancelToken();
        cancel.cancel();
        cancel = token;
        Task<Object> task = new Task<>() {
            @Override protected Object call() throws Exception {
                if (selected.input() instanceof PredictionInput.ImageFile f) {
                    float[] example = ImageDecoder.decode(f.file(), model.preprocessing());
                    return Explainer.occlusion(model, example, classIndex, token, p -> updateProgress(p, 1));
                }
                updateProgress(-1, 1);
                if (selected.input() instanceof PredictionInput.Row row) return new Columns(Explainer.columns(model, row.values(), classIndex,
                        new ArrayList<>()));
                return Explainer.words(model, ((PredictionInput.Text) selected.input()).text(), classIndex);
            }
        };
        running.set(true);
        progress.bind(task.progressProperty());
        message.set(Texts.get("ui.explain.working", className));
        task.setOnSucceeded(e -> {
            done();
            if (item.get() != selected) return;
            Object value = task.getValue();
            if (value instanceof Heatmap map) {
                heatmap.set(map);
                message.set(Texts.get("ui.explain.heatmap", className));
            } else if (value instanceof Columns c) {
                columns.set(c.list());
                message.set(describeColumns(c.list(), className, estimate));
            } else {
                @SuppressWarnings("unchecked") List<WordContribution> list = (List<WordContribution>) value;
                words.set(list);
                message.set(describeWords(list, className));
            }
        });
        task.setOnFailed(e -> {
            done();
            Throwable t = task.getException();
            if (t instanceof CancellationException) {
                message.set(Texts.get("ui.explain.cancelled"));
            } else if (t instanceof InputRejectedException r) {
                message.set(Texts.get("ui.explain.cannot", r.getMessage()));
            } else {
                message.set(Texts.get("ui.explain.failed", t.getMessage() == null ? t.toString() : t.getMessage()));
            }
        });
        task.setOnCancelled(e -> done());
        executor.execute(task);
        return task;
    }

    private void done() {
        progress.unbind();
        progress.set(0);
        running.set(false);
    }

    /** The columns' contributions (a record, so that the task's result is not an unchecked list). */
    private record Columns(List<ColumnContribution> list) {}

    /** "Each column against its value left unknown (…); most: petal_length (+41.0 percentage points)." */
    static String describeColumns(List<ColumnContribution> columns, String answer, boolean estimate) {
        ColumnContribution top = null;
        for (ColumnContribution c : columns) if (top == null || Math.abs(c.contribution()) > Math.abs(top.contribution())) top = c;
        double scale = estimate ? 1 : 100;
        String amount = top == null ? "" : String.format(Locale.ROOT, "%+.1f", scale * top.contribution());
        String most = top == null ? "" : Texts.get(estimate ? "ui.explain.columns.most" : "ui.explain.columns.most-points", top.column(), amount);
        return Texts.get("ui.explain.columns", answer, most);
    }

    /** "Green words speak for sport, red ones against it; most: goal (+64 points)." */
    static String describeWords(List<WordContribution> words, String className) {
        WordContribution top = null;
        for (WordContribution w : words) if (top == null || w.contribution() > top.contribution()) top = w;
        String most = top == null || top.contribution() <= 0 ? Texts.get("ui.explain.words.none")
                : Texts.get("ui.explain.words.most", top.word(), String.format(Locale.ROOT, "%+.1f", 100 * top.contribution()));
        return Texts.get("ui.explain.words", className, most);
    }
}
