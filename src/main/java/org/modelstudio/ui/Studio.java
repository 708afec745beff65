package org.modelstudio.ui;

import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.common.SampleLibrary;
import org.modelstudio.ui.common.UiExecutor;
import org.modelstudio.ui.inference.PredictPanelView;
import org.modelstudio.ui.inference.PredictionViewModel;
import org.modelstudio.ui.model.ModelPanelView;
import org.modelstudio.ui.model.ModelViewModel;
import org.modelstudio.ui.training.TrainPanelView;
import org.modelstudio.ui.training.TrainingViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
    private final TrainingViewModel trainingViewModel;
    private final PredictionViewModel predictionViewModel;

    public Studio() {
        trainingViewModel = new TrainingViewModel(modelViewModel.specProperty(), currentModel, samples, executor.executor());
        predictionViewModel = new PredictionViewModel(currentModel, executor.executor());
    }

    public ModelViewModel model() { return modelViewModel; }
    public TrainingViewModel training() { return trainingViewModel; }
    public PredictionViewModel prediction() { return predictionViewModel; }
    public CurrentModel currentModel() { return currentModel; }

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
                MainView.class, () -> new MainView(currentModel, modelViewModel, trainingViewModel, executor.executor()),
                ModelPanelView.class, () -> new ModelPanelView(modelViewModel),
                TrainPanelView.class, () -> new TrainPanelView(trainingViewModel),
                PredictPanelView.class, () -> new PredictPanelView(predictionViewModel));
        FXMLLoader loader = new FXMLLoader(Studio.class.getResource("/fxml/MainWindow.fxml"));
        loader.setControllerFactory(type -> {
            Supplier<Object> s = views.get(type);
            if (s == null) throw new IllegalStateException("no view registered for " + type);
            return s.get();
        });
        Parent root = loader.load();
        // Fit small classroom laptops (1366×768) as well as large screens.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(860, screen.getHeight()));
        scene.getStylesheets().add(Studio.class.getResource("/styles/studio.css").toExternalForm());
        return scene;
    }

    public void show(Stage stage) throws IOException {
        stage.setTitle("Model Studio");
        stage.setScene(createScene());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
    }

    /** Stops a running training cleanly and shuts the worker threads down. */
    @Override public void close() {
        trainingViewModel.shutdown();
        executor.close();
    }
}
