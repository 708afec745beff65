package org.modelstudio.ui.evaluation;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.DetailedEvaluation;
import org.modelstudio.core.eval.ExampleOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The evaluation's gallery: the examples behind a clicked confusion-matrix cell, or the mistakes the model was surest
 * of, with a title that says which and how many. The pictures are read on a background thread; when two requests
 * overlap, the later one is shown.
 */
final class ExampleGallery {
    /** At most this many examples are drawn at once (the title says how many there are). */
    static final int LIMIT = 120;
    static final int MISTAKES = 24;

    private final ExecutorService executor;
    /** Told (on the FX thread) why the gallery could not be read. */
    private final Consumer<String> problem;
    private final ObservableList<GalleryItem> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<int[]> selectedCell = new ReadOnlyObjectWrapper<>();
    private long request;

    ExampleGallery(ExecutorService executor, Consumer<String> problem) {
        this.executor = executor;
        this.problem = problem;
    }

    ObservableList<GalleryItem> items() { return items; }
    ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** {actual, predicted} of the cell whose examples are shown; null when the gallery shows something else. */
    ReadOnlyObjectProperty<int[]> selectedCellProperty() { return selectedCell.getReadOnlyProperty(); }

    /** Shows nothing (a regression has no gallery). */
    void clear() {
        items.clear();
        title.set("");
    }

    /** Shows the examples of {@code data} of class {@code actual} the model called {@code predicted}, most confident first. */
    Task<List<GalleryItem>> showCell(DetailedEvaluation d, ExampleSource data, int actual, int predicted) {
        List<ExampleOutcome> cell = d.cell(actual, predicted);
        List<String> classes = d.report().classes();
        String what = actual == predicted
                ? Texts.get("ui.eval.cell.right", classes.get(actual))
                : Texts.get("ui.eval.cell.wrong", classes.get(actual), classes.get(predicted));
        selectedCell.set(new int[] {actual, predicted});
        return fill(d, data, cell, Texts.get(cell.size() == 1 ? "ui.eval.cell.one" : "ui.eval.cell.many", what, Texts.number(cell.size())));
    }

    /** Shows the mistakes the model was surest of. */
    Task<List<GalleryItem>> showMistakes(DetailedEvaluation d, ExampleSource data) {
        selectedCell.set(null);
        List<ExampleOutcome> worst = d.mostConfidentMistakes(MISTAKES);
        return fill(d, data, worst, worst.isEmpty() ? Texts.get("ui.eval.no-mistakes")
                : Texts.get("ui.eval.mistakes", worst.size(), Texts.number(d.mistakes())));
    }

    private Task<List<GalleryItem>> fill(DetailedEvaluation d, ExampleSource data, List<ExampleOutcome> outcomes, String heading) {
        long asked = ++request;
        List<String> classes = d.report().classes();
        List<ExampleOutcome> shown = outcomes.subList(0, Math.min(LIMIT, outcomes.size()));
        title.set(heading + (shown.size() < outcomes.size() ? Texts.get("ui.eval.first-shown", shown.size()) : ""));
        Task<List<GalleryItem>> task = new Task<>() {
            @Override protected List<GalleryItem> call() {
                List<GalleryItem> read = new ArrayList<>(shown.size());
                for (ExampleOutcome o : shown) read.add(GalleryItem.of(o, data, classes));
                return read;
            }
        };
        task.setOnSucceeded(e -> {
            if (asked == request) items.setAll(task.getValue());
        });
        task.setOnFailed(e -> problem.accept(Texts.get("ui.eval.gallery-failed", task.getException().getMessage())));
        items.clear();
        executor.execute(task);
        return task;
    }
}
