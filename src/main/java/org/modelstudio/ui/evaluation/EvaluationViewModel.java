package org.modelstudio.ui.evaluation;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.modelstudio.core.data.ClassMatching;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.DetailedEvaluation;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.evaluate.RegressionEvaluator;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.training.TrainingViewModel.HeldOut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.DoubleConsumer;

/**
 * The evaluation view's state: which data the model in use is measured on, the report (metrics, confusion matrix,
 * every example's outcome), and the gallery of examples behind a clicked confusion-matrix cell or the most confident
 * mistakes. Data is read and evaluated on a background thread, cancellably.
 */
public final class EvaluationViewModel {
    /** Data the model can be evaluated on, and how to read it. */
    public record Choice(String name, DataReader reader) {
        @Override public String toString() { return name; }
    }

    /** Reads the data to evaluate on (on a background thread). */
    @FunctionalInterface
    public interface DataReader {
        ExampleSource read(TrainedModel model, CancelToken cancel, DoubleConsumer progress) throws IOException;
    }

    private final CurrentModel currentModel;
    private final ReadOnlyObjectProperty<HeldOut> heldOut;
    private final ExecutorService executor;
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DetailedEvaluation> evaluation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RegressionReport> regression = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ErrorRow> largestErrors = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper dataName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ExampleGallery gallery;
    /** Asks the person which label each ambiguous class is (class → the labels it could be); null when they decline. */
    private Function<Map<String, List<String>>, Map<String, String>> askAmbiguous = ambiguous -> null;
    private ExampleSource evaluated;
    private TrainedModel evaluatedModel;
    private CancelToken cancel = new CancelToken();

    public EvaluationViewModel(CurrentModel currentModel, ReadOnlyObjectProperty<HeldOut> heldOut, ExecutorService executor) {
        this.currentModel = currentModel;
        this.heldOut = heldOut;
        this.executor = executor;
        this.gallery = new ExampleGallery(executor, message::set);
        currentModel.modelProperty().addListener((obs, old, m) -> refreshChoices());
        heldOut.addListener((obs, old, h) -> refreshChoices());
        refreshChoices();
    }

    public ObservableList<Choice> choices() { return choices; }
    /** A classifier's evaluation; null before one, and for a regression. */
    public ReadOnlyObjectProperty<DetailedEvaluation> evaluationProperty() { return evaluation.getReadOnlyProperty(); }
    /** A regression's figures and its actual and predicted values; null before one, and for a classifier. */
    public ReadOnlyObjectProperty<RegressionReport> regressionProperty() { return regression.getReadOnlyProperty(); }
    /** A regression's examples with the largest errors, largest first. */
    public ObservableList<ErrorRow> largestErrors() { return largestErrors; }

    /** One example of a regression: how it is named, its actual and predicted value (in the label's units). */
    public record ErrorRow(String example, double actual, double predicted) {
        public double error() { return predicted - actual; }
    }
    public ReadOnlyStringProperty dataNameProperty() { return dataName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ObservableList<GalleryItem> gallery() { return gallery.items(); }
    public ReadOnlyStringProperty galleryTitleProperty() { return gallery.titleProperty(); }
    /** {actual, predicted} of the cell whose examples the gallery shows; null when it shows something else. */
    public ReadOnlyObjectProperty<int[]> selectedCellProperty() { return gallery.selectedCellProperty(); }
    public boolean hasModel() { return currentModel.get() != null; }

    /** What the model in use takes, so the view can offer a folder (images) or a file (tables, texts). */
    public boolean takesImages() {
        TrainedModel m = currentModel.get();
        return m != null && m.preprocessing() != null;
    }

    private void refreshChoices() {
        choices.clear();
        TrainedModel m = currentModel.get();
        if (m == null) {
            message.set(Texts.get("ui.eval.no-model-menu"));
            return;
        }
        choices.setAll(DataChoices.offered(m, heldOut.get()));
        if (evaluation.get() == null) {
            message.set(choices.isEmpty()
                    ? Texts.get(takesImages() ? "ui.eval.choose.folder" : "ui.eval.choose.file")
                    : Texts.get("ui.eval.choose"));
        }
    }

    /** A folder of images, one subfolder per class, decoded for the model's input. */
    public Choice folderChoice(Path dir) { return DataChoices.folder(dir); }

    /** A table (CSV) or texts, encoded with the model's own standardisation or vocabulary. */
    public Choice fileChoice(Path file) { return DataChoices.file(file); }

    /**
     * How the window asks which of the model's labels a data class is, when its name matches more than one loosely
     * (called on the FX thread; returns class → label, or null when the person declines).
     */
    public void onAmbiguousClasses(Function<Map<String, List<String>>, Map<String, String>> ask) {
        this.askAmbiguous = ask;
    }

    /** Evaluates the model in use on {@code choice} in the background; returns the task (tests wait for it). */
    public Task<Object> evaluate(Choice choice) {
        TrainedModel model = currentModel.get();
        CancelToken token = new CancelToken();
        cancel.cancel();
        cancel = token;
        final ExampleSource[] read = new ExampleSource[1];
        final List<String> loose = new ArrayList<>();
        Task<Object> task = new Task<>() {
            @Override protected Object call() throws Exception {
                updateProgress(-1, 1);
                read[0] = choice.reader().read(model, token, f -> updateProgress(f * 0.2, 1));
                if (token.isCancelled()) throw new CancellationException();
                if (model.regression()) return RegressionEvaluator.evaluate(model, read[0]);
                Map<String, String> answers = Map.of();
                ClassMatching.Match matching = Evaluator.classMatching(model, read[0]);
                if (!matching.matched() && !matching.ambiguous().isEmpty()) {
                    // A class name that could be two labels: the person says which, or nothing is evaluated.
                    CompletableFuture<Map<String, String>> asked = new CompletableFuture<>();
                    Map<String, List<String>> ambiguous = matching.ambiguous();
                    Platform.runLater(() -> asked.complete(askAmbiguous.apply(ambiguous)));
                    Map<String, String> given = asked.get();
                    if (given == null) throw new IllegalArgumentException(matching.problem());
                    answers = given;
                    matching = ClassMatching.match(model.labels(), read[0].classes(), answers);
                }
                loose.addAll(matching.loose());
                return Evaluator.evaluateDetailed(model, read[0], answers, token, f -> updateProgress(0.2 + 0.8 * f, 1));
            }
        };
        if (model == null) {
            message.set(Texts.get("ui.eval.no-model"));
            task.cancel();
            return task;
        }
        running.set(true);
        progress.bind(task.progressProperty());
        message.set(Texts.get("ui.eval.evaluating", choice.name()));
        task.setOnSucceeded(e -> {
            done();
            evaluated = read[0];
            evaluatedModel = model;
            dataName.set(choice.name());
            if (task.getValue() instanceof RegressionReport r) {
                evaluation.set(null);
                gallery.clear();
                regression.set(r);
                largestErrors.setAll(largestErrors(r, read[0], 30));
                message.set(Texts.get("ui.eval.done.regression", choice.name(),
                        RegressionReport.number(r.mae()), r.quantity(), RegressionReport.number(r.rmse()), Texts.number(r.r2(), 3), Texts.number(r.n())));
                return;
            }
            DetailedEvaluation d = (DetailedEvaluation) task.getValue();
            regression.set(null);
            largestErrors.clear();
            evaluation.set(d);
            message.set(Texts.get("ui.eval.done", choice.name(), Texts.percent(d.report().accuracy(), 1), Texts.number(d.report().total()),
                    Texts.number(d.mistakes()))
                    + (loose.isEmpty() ? "" : Texts.get("ui.eval.done.matched", String.join(", ", loose))));
            showMistakes();
        });
        task.setOnCancelled(e -> {
            done();
            message.set(Texts.get("ui.eval.cancelled"));
        });
        task.setOnFailed(e -> {
            done();
            Throwable t = task.getException();
            message.set(t instanceof CancellationException ? Texts.get("ui.eval.cancelled")
                    : Texts.get("ui.eval.failed", choice.name(), t.getMessage() == null ? t.toString() : t.getMessage()));
        });
        executor.execute(task);
        return task;
    }

    /** The {@code k} examples whose prediction is furthest from the actual value, furthest first. */
    static List<ErrorRow> largestErrors(RegressionReport r, ExampleSource data, int k) {
        int[] order = r.largestErrorsFirst();
        List<ErrorRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            int e = order[i];
            rows.add(new ErrorRow(data.describe(e), r.actual()[e], r.predicted()[e]));
        }
        return rows;
    }

    private void done() {
        progress.unbind();
        progress.set(0);
        running.set(false);
    }

    public void cancel() { cancel.cancel(); }

    /** Shows the examples of class {@code actual} the model called {@code predicted}, most confident first. */
    public Task<List<GalleryItem>> showCell(int actual, int predicted) {
        DetailedEvaluation d = evaluation.get();
        return d == null ? null : gallery.showCell(d, evaluated, actual, predicted);
    }

    /** Shows the mistakes the model was surest of. */
    public Task<List<GalleryItem>> showMistakes() {
        DetailedEvaluation d = evaluation.get();
        return d == null ? null : gallery.showMistakes(d, evaluated);
    }

    /**
     * Writes the report in the background (thumbnails are read from the data, and a folder's images from disk); the
     * message says where it went or why it could not be saved.
     */
    public Task<Void> exportInBackground(Path file) {
        EvaluationReport report = report();
        Task<Void> task = new Task<>() {
            @Override protected Void call() throws IOException {
                export(file, report);
                return null;
            }
        };
        task.setOnFailed(e -> message.set(Texts.get("ui.eval.report-failed", file, task.getException().getMessage())));
        executor.execute(task);
        return task;
    }

    private EvaluationReport report() {
        String title = evaluatedModel == null ? Texts.get("ui.eval.report-title", dataName.get())
                : Texts.get("ui.eval.report-title-model", evaluatedModel.spec().name(), dataName.get());
        return new EvaluationReport(evaluation.get(), regression.get(), title, evaluated);
    }

    /** Writes the report as CSV or, for any other extension, a self-contained HTML page (atomically); on the FX thread. */
    public void export(Path file) throws IOException {
        export(file, report());
    }

    private void export(Path file, EvaluationReport report) throws IOException {
        report.write(file);
        Platform.runLater(() -> message.set(Texts.get("ui.eval.report-saved", file)));
    }
}
