package org.modelstudio.ui.data;

import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.data.DataFit;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.RejectedInput;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.engine.io.ImageFolderSource;
import org.modelstudio.engine.prepare.RunPreparation;
import org.modelstudio.engine.prepare.RunRequest;
import org.modelstudio.ui.common.SampleLibrary;
import org.modelstudio.ui.model.ModelViewModel;
import org.modelstudio.ui.model.ProjectDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;

/**
 * The training data: the shipped sample or an image folder. A folder is scanned in the background (progress,
 * cancellable) and then read from disk while training, never loaded whole. Shows classes with their counts,
 * the files left out and why, warnings about small or unbalanced classes, and the split the next run uses.
 */
public final class DataViewModel {

    /** One class: its name, how many examples, and up to {@link ClassRows#PREVIEW} of its image files (empty for the sample). */
    public record ClassRow(String name, int count, double share, List<Path> preview, int sampleIndexFrom) {}

    static final int PREVIEW = ClassRows.PREVIEW;

    private final ModelViewModel network;
    private final ProjectDocument document;
    private final SampleLibrary samples;
    private final ObservableList<ClassRow> classes = FXCollections.observableArrayList();
    private final ObservableList<String> skipped = FXCollections.observableArrayList();
    /** For a table or texts: the column headings (with their kind and missing values) and the first rows. */
    private final ObservableList<String> previewColumns = FXCollections.observableArrayList();
    private final ObservableList<List<String>> previewRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warnings = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    /** The chosen images as the network will see them: for the preview and the next run. */
    private final ChosenImages images;
    private final ObjectProperty<Augmentation> augmentation =
            new SimpleObjectProperty<>(Augmentation.NONE);
    /** What fitting the network to the chosen data changed, or how its images are converted (empty for nothing). */
    private String fitNote = "";
    /** What the chosen table asks of the network: classes or a number. */
    private final TableTask tableTask;
    /** The chosen data read in the background, one read at a time. */
    private final BackgroundRead read;

    public DataViewModel(ModelViewModel network, ProjectDocument document, SampleLibrary samples, ExecutorService executor) {
        this.network = network;
        this.document = document;
        this.samples = samples;
        this.tableTask = new TableTask(network, document);
        this.read = new BackgroundRead(executor);
        this.images = new ChosenImages(network, document, samples, problem::get);
        document.dataSourceProperty().addListener((obs, old, source) -> follow(source));
        network.specProperty().addListener((obs, old, spec) -> {
            tableTask.showNote();
            DataSource source = document.dataSourceProperty().get();
            boolean prepared = source instanceof DataSource.TableFile || source instanceof DataSource.TextFile;
            if (old == null || old.training().validationSplit() != spec.training().validationSplit()
                    || old.training().seed() != spec.training().seed()
                    || old.training().testSplit() != spec.training().testSplit()
                    || prepared && !old.input().equals(spec.input())) {
                if (prepared) follow(source);
                else showSummary();
            }
        });
        follow(document.dataSourceProperty().get());
        // The Data tab's augmentation is the document's: saved with the project, set again when one opens.
        augmentation.set(document.augmentationProperty().get());
        document.augmentationProperty().addListener((obs, old, a) -> augmentation.set(a));
        augmentation.addListener((obs, old, a) -> document.setAugmentation(a));
    }

    public ObservableList<ClassRow> classes() { return classes; }
    public ObservableList<String> skipped() { return skipped; }
    public ObservableList<String> previewColumns() { return previewColumns; }
    public ObservableList<List<String>> previewRows() { return previewRows; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty warningsProperty() { return warnings.getReadOnlyProperty(); }
    /** Why the chosen data cannot be used (empty when it can). */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty scanningProperty() { return read.runningProperty(); }
    public ReadOnlyDoubleProperty scanProgressProperty() { return read.progressProperty(); }
    public SampleLibrary samples() { return samples; }

    /** For a table: whether its label is learnt as classes or predicted as a number (null for other data, or while read). */
    public ReadOnlyObjectProperty<TaskKind> taskProperty() { return tableTask.taskProperty(); }
    /** Whether the table's label could be either (whole numbers), so the person may choose. */
    public ReadOnlyBooleanProperty taskChoosableProperty() { return tableTask.choosableProperty(); }
    /** Why the table is a classification or a regression, and what network it needs, in sentences (empty for other data). */
    public ReadOnlyStringProperty taskNoteProperty() { return tableTask.noteProperty(); }
    /** True while the table is a regression and the network's Output layer or loss does not suit it. */
    public ReadOnlyBooleanProperty templateSuggestedProperty() { return tableTask.templateSuggestedProperty(); }
    /** Learn the table's label as classes or predict it as a number (a choice saved with the project). */
    public void chooseTask(TaskKind kind) { tableTask.choose(kind); }
    /** Opens the Tabular regression template with an input as wide as the chosen table's features (an undoable edit). */
    public void useRegressionTemplate() { tableTask.useRegressionTemplate(); }

    static final String REGRESSION_TEMPLATE = TableTask.REGRESSION_TEMPLATE;

    /** How training images are varied on the fly (never validation, test or prediction images). */
    public ObjectProperty<Augmentation> augmentationProperty() { return augmentation; }

    /** The first example of the chosen data, for the augmentation preview (null when there is none yet). */
    public float[] previewExample() { return images.previewExample(); }

    /** The shape of the chosen data's examples, as the network will see them. */
    public Shape previewShape() { return images.previewShape(); }

    /** What the next run on images reads, taken now (on the FX thread, when the run starts): see {@link ChosenImages}. */
    public RunRequest.Images imageExamples() { return images.forNextRun(); }

    /** Train on the shipped Fashion-MNIST sample. */
    public void useSample() { document.setDataSource(DataSource.FASHION_MNIST); }

    /** Train on an image folder (one subfolder per class); it is scanned in the background. */
    public void useFolder(Path dir) {
        DataSource chosen = new DataSource.ImageFolder(dir.toAbsolutePath().toString());
        if (chosen.equals(document.dataSourceProperty().get())) follow(chosen);   // rescan on request
        else document.setDataSource(chosen);
    }

    public void cancelScan() { read.cancel(); }

    /** Train on a CSV table; {@code label} is the label column (null: the last one). */
    public void useTable(Path file, String label) {
        document.setDataSource(new DataSource.TableFile(file.toAbsolutePath().toString(), label));
    }

    /** Train on texts: a CSV with text and label columns (null: found by name), or a folder of .txt files per class. */
    public void useText(Path fileOrFolder, String textColumn, String labelColumn) {
        document.setDataSource(new DataSource.TextFile(fileOrFolder.toAbsolutePath().toString(), textColumn, labelColumn));
    }

    private void prepareForPreview(DataSource source) {
        summary.set(Texts.get("ui.data.reading", source.describe().replaceFirst("^the ", "")));
        NetworkSpec spec = network.specProperty().get();
        List<String> columns = new ArrayList<>();
        List<List<String>> firstRows = new ArrayList<>();
        TaskKind.Decision[] decided = new TaskKind.Decision[1];
        DataFit.Fitted[] textFit = new DataFit.Fitted[1];
        read.start((progress, cancel) -> {
            decided[0] = TablePreview.read(source, columns, firstRows);
            textFit[0] = RunPreparation.fitTexts(source, spec);
            return RunPreparation.tableOrText(source, textFit[0].spec(), true);
        }, false, pd -> {
            DataFit.Fitted fitted = DataFit.fit(textFit[0].spec(), pd.train().exampleShape(), pd.train().classes(), pd.regression());
            fitTo(fitted, textFit[0].changes());
            previewColumns.setAll(columns);
            previewRows.setAll(firstRows);
            warnings.set(String.join("\n", pd.warnings()));
            classes.setAll(ClassRows.ofTable(pd));
            summary.set(TablePreview.summary(pd, source) + (fitNote.isEmpty() ? "" : " · " + fitNote));
            tableTask.setTableFeatures(pd.preparation() instanceof InputPreparation.Table t ? t.features() : 0);
            tableTask.show(decided[0], pd.regression() ? TaskKind.REGRESSION : TaskKind.CLASSIFICATION, pd.train().classes().get(0));
        }, failure -> {
            previewColumns.setAll(columns);
            previewRows.setAll(firstRows);
            summary.set("");
            problem.set(failure.getMessage());
            // What the label asks for is known from the table even when it does not suit the network yet.
            DataSource now = document.dataSourceProperty().get();
            TaskKind chosen = now instanceof DataSource.TableFile t && t.task() != null ? t.task()
                    : decided[0] == null ? null : decided[0].kind();
            tableTask.show(decided[0], chosen, decided[0] == null ? "" : TableTask.labelName(columns, now));
        });
    }

    /**
     * Gives the editor the network fitted to the chosen data (one undoable step) and keeps what changed for the summary:
     * {@code earlier} changes (its input), then the fit's own (its Output).
     */
    private void fitTo(DataFit.Fitted fit, List<String> earlier) {
        if (!fit.spec().equals(network.specProperty().get())) network.fitToData(fit.spec());
        List<String> said = new ArrayList<>(earlier);
        said.addAll(fit.changes());
        fitNote = String.join("; ", said);
    }

    private void follow(DataSource source) {
        read.cancel();
        images.useFolder(null);
        fitNote = "";
        tableTask.setTableFeatures(0);
        tableTask.show(null, null, "");
        classes.clear();
        skipped.clear();
        previewColumns.clear();
        previewRows.clear();
        warnings.set("");
        problem.set("");
        if (source instanceof DataSource.ImageFolder f) {
            scan(Path.of(f.path()));
        } else if (source instanceof DataSource.TableFile || source instanceof DataSource.TextFile) {
            prepareForPreview(source);
        } else {
            summary.set(Texts.get("ui.data.reading-sample"));
            read.start((progress, cancel) -> samples.train(), false, loaded -> showClasses(loaded, null),
                    failure -> problem.set(Texts.get("ui.data.sample-unreadable", failure.getMessage())));
        }
    }

    private void scan(Path dir) {
        summary.set(Texts.get("ui.data.scanning", dir));
        NetworkSpec spec = network.specProperty().get();
        ImagePreprocessing prep = spec.input() instanceof InputSpec.ImageInput img ? ImagePreprocessing.forInput(img)
                : new ImagePreprocessing(28, 28, 1);
        read.start((progress, cancel) -> ImageFolderSource.scan(dir, prep, progress, cancel), true, s -> {
            images.useFolder(s.source());
            // Small images of one size become the network's input, and the Output gets one unit per class (one undoable
            // step); other images are said to be converted.
            DataFit.Fitted images = DataFit.fitImages(network.specProperty().get(), s.facts());
            DataFit.Fitted fitted = DataFit.fit(images.spec(), images.spec().input().shape(), s.source().classes(), false);
            fitTo(fitted, images.changes());
            for (RejectedInput r : s.skipped()) skipped.add(r.file() + ": " + r.reason());
            warnings.set(String.join("\n", s.warnings()));
            showClasses(s.source(), s.source());
        }, t -> {
            if (t instanceof CancellationException) {
                summary.set("");
                problem.set(Texts.get("ui.data.scan-cancelled", dir));
            } else {
                summary.set("");
                problem.set(t.getMessage());
            }
        });
    }

    private void showClasses(ExampleSource data, ImageFolderSource files) {
        classes.setAll(ClassRows.ofImages(data, files));
        showSummary();
    }

    private void showSummary() {
        if (classes.isEmpty()) return;
        int total = classes.stream().mapToInt(ClassRow::count).sum();
        double share = network.specProperty().get().training().validationSplit();
        double testShare = network.specProperty().get().training().testSplit();
        int validation = (int) Math.round(total * share);
        int test = (int) Math.round(total * testShare);
        String where = document.dataSourceProperty().get() instanceof DataSource.ImageFolder f ? Texts.get("ui.data.where.folder", f.path())
                : Texts.get("ui.data.where.sample");
        summary.set(Texts.get("ui.data.summary", Texts.number(classes.size()), Texts.number(total), where, Texts.number(total - validation - test),
                Texts.number(validation), Texts.percent(share, 0),
                test > 0 ? Texts.get("ui.data.summary.test", Texts.number(test), Texts.percent(testShare, 0)) : "")
                + (fitNote.isEmpty() ? "" : " · " + fitNote));
    }
}
