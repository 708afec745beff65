package org.modelstudio.ui;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.core.project.RecoveryStore;
import org.modelstudio.ui.common.AppDirs;
import org.modelstudio.ui.common.ChooserFolders;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.common.FontScale;
import org.modelstudio.ui.common.Presentation;
import org.modelstudio.ui.common.SampleLibrary;
import org.modelstudio.ui.common.UiExecutor;
import org.modelstudio.ui.compact.CompactModelViewModel;
import org.modelstudio.ui.data.DataView;
import org.modelstudio.ui.data.DataViewModel;
import org.modelstudio.ui.evaluation.EvaluationViewModel;
import org.modelstudio.ui.inference.ExplanationViewModel;
import org.modelstudio.ui.inference.PredictionView;
import org.modelstudio.ui.inference.PredictionViewModel;
import org.modelstudio.ui.model.ModelView;
import org.modelstudio.ui.model.ModelViewModel;
import org.modelstudio.ui.model.ProjectDocument;
import org.modelstudio.ui.serving.ServeViewModel;
import org.modelstudio.ui.tour.FirstRunRecord;
import org.modelstudio.ui.tour.TourOverlay;
import org.modelstudio.ui.tour.TourViewModel;
import org.modelstudio.ui.training.TrainingView;
import org.modelstudio.ui.training.TrainingViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The composition root: builds the services and view models once and hands them to the views through
 * their constructors (no singletons). Tests build a Studio the same way the app does.
 */
public final class Studio implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Studio.class);

    private final UiExecutor executor = new UiExecutor();
    private final SampleLibrary samples = new SampleLibrary();
    private final CurrentModel currentModel = new CurrentModel();
    private final ModelViewModel modelViewModel = new ModelViewModel(SampleData.specs(), LayerCatalogue.standard());
    private final ProjectDocument document = new ProjectDocument(modelViewModel);
    private final TrainingViewModel trainingViewModel;
    private final PredictionViewModel predictionViewModel;
    private final DataViewModel dataViewModel;
    private final EvaluationViewModel evaluationViewModel;
    private final ExplanationViewModel explanationViewModel;
    private final ServeViewModel serveViewModel;
    private final CompactModelViewModel compactViewModel;
    private final RecoveryStore recovery = new RecoveryStore(AppDirs.dataDir().resolve("recovery"));
    private final Presentation presentation = new Presentation(
            FontScale.system());
    private final TourViewModel tour = new TourViewModel(
            TourViewModel.studioSteps(), new FirstRunRecord(AppDirs.dataDir()));
    private final ChooserFolders folders = new ChooserFolders(
            AppDirs.dataDir().resolve("folders.properties"));
    private Timeline autosave;
    private long autosavedRevision = -1;
    private MainView mainView;

    public Studio() {
        trainingViewModel = new TrainingViewModel(modelViewModel.specProperty(), document.runs(), currentModel, samples, executor.executor(),
                AppDirs.dataDir().resolve("runs"));
        trainingViewModel.onRun(document::addRun);
        trainingViewModel.onFitted(fit -> modelViewModel.fitToData(fit.spec()));
        dataViewModel = new DataViewModel(modelViewModel, document, samples, executor.executor());
        trainingViewModel.useData(document.dataSourceProperty()::get, dataViewModel::imageExamples);
        trainingViewModel.useAugmentation(dataViewModel.augmentationProperty()::get);
        predictionViewModel = new PredictionViewModel(currentModel, executor.executor());
        explanationViewModel = new ExplanationViewModel(currentModel, executor.executor());
        evaluationViewModel = new EvaluationViewModel(currentModel, trainingViewModel.heldOutProperty(),
                executor.executor());
        serveViewModel = new ServeViewModel(currentModel, trainingViewModel.lastResultProperty(), executor.executor());
        compactViewModel = new CompactModelViewModel(currentModel, trainingViewModel.heldOutProperty(),
                executor.executor());
        // The Epochs field in the Train area edits the network's training settings (undoable, saved with it).
        trainingViewModel.epochsProperty().addListener((obs, old, epochs) -> {
            if (epochs.intValue() != modelViewModel.specProperty().get().training().epochs()) {
                modelViewModel.setTraining("epochs", epochs.intValue());
            }
        });
    }

    public ModelViewModel model() { return modelViewModel; }
    /** The project around the network: its file, data, runs and unsaved changes. */
    public ProjectDocument document() { return document; }
    public TrainingViewModel training() { return trainingViewModel; }
    public PredictionViewModel prediction() { return predictionViewModel; }
    public DataViewModel data() { return dataViewModel; }
    public EvaluationViewModel evaluation() { return evaluationViewModel; }
    public ExplanationViewModel explanation() { return explanationViewModel; }
    public ServeViewModel serving() { return serveViewModel; }
    public CompactModelViewModel compact() { return compactViewModel; }
    public CurrentModel currentModel() { return currentModel; }
    public RecoveryStore recovery() { return recovery; }
    /** Presentation mode and high contrast, for every studio window. */
    public Presentation presentation() { return presentation; }
    /** The guided tour (it shows by itself at the very first start, see {@link #show}). */
    public TourViewModel tour() { return tour; }
    /** The main window's view, once the scene is built (for the close and recovery questions). */
    public MainView mainView() { return mainView; }

    /** Loads the native engine and the sample in the background, so the first Train press starts at once. */
    public void warmUp() {
        executor.executor().execute(() -> {
            long t0 = System.nanoTime();
            try {
                NativeThreads.useDefault();
                samples.train();
                LOG.info("Engine and sample ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException | LinkageError e) {
                LOG.error("The engine could not start", e);
            }
        });
    }

    public Scene createScene() throws IOException {
        Map<Class<?>, Supplier<Object>> views = Map.of(
                MainView.class, () -> mainView = new MainView(currentModel, modelViewModel, document, trainingViewModel,
                        evaluationViewModel, serveViewModel, compactViewModel, presentation, tour, folders, executor.executor()),
                ModelView.class, () -> new ModelView(modelViewModel),
                TrainingView.class, () -> new TrainingView(trainingViewModel, modelViewModel),
                DataView.class, () -> new DataView(dataViewModel),
                PredictionView.class, () -> new PredictionView(predictionViewModel, explanationViewModel, folders));
        FXMLLoader loader = new FXMLLoader(Studio.class.getResource("/fxml/Main.fxml"), Texts.bundle());
        loader.setControllerFactory(type -> {
            Supplier<Object> s = views.get(type);
            if (s == null) throw new IllegalStateException("no view registered for " + type);
            return s.get();
        });
        Parent root = loader.load();
        // The guided tour draws over the window, in a layer that lets clicks through to it.
        Pane tourLayer = new Pane();
        StackPane layers = new StackPane(root, tourLayer);
        new TourOverlay(tourLayer, root, tour);
        // Fit small classroom laptops (1366×768) as well as large screens.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(layers, Math.min(1400, screen.getWidth()), Math.min(860, screen.getHeight()));
        scene.getStylesheets().add(Studio.class.getResource("/styles/studio.css").toExternalForm());
        presentation.style(scene);
        presentation.watchWindows();
        return scene;
    }

    public void show(Stage stage) throws IOException {
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Path file = document.fileProperty().get();
            String name = file == null ? modelViewModel.specProperty().get().name() : file.getFileName().toString();
            return name + (document.dirtyProperty().get() ? " •" : "") + " — Model Studio";
        }, document.fileProperty(), document.dirtyProperty(), modelViewModel.specProperty()));
        stage.setScene(createScene());
        startAutosave();
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        tour.startIfFirstRun();
    }

    /**
     * Every 10 s, unsaved changes are written to the recovery store (off the FX thread), so a crash or a kill
     * loses at most a few seconds of editing.
     */
    private void startAutosave() {
        autosave = new Timeline(new KeyFrame(Duration.seconds(10), e -> {
            long revision = document.revisionProperty().get();
            if (!document.dirtyProperty().get() || revision == autosavedRevision) return;
            autosavedRevision = revision;
            var project = document.project();
            Path origin = document.fileProperty().get();
            executor.executor().execute(() -> {
                try {
                    recovery.save(project, origin);
                } catch (IOException ex) {
                    LOG.warn("Autosave failed: {}", ex.getMessage());
                }
            });
        }));
        autosave.setCycleCount(Animation.INDEFINITE);
        autosave.play();
    }

    /**
     * Stops a running training cleanly and the model server (its requests in flight answered first), shuts the worker
     * threads down; a clean exit needs no recovery.
     */
    @Override public void close() {
        if (autosave != null) autosave.stop();
        presentation.close();
        trainingViewModel.shutdown();
        serveViewModel.shutdown();
        executor.close();
        recovery.clear();
    }
}
