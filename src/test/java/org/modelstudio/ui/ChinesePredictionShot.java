package org.modelstudio.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.io.TextLoader;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.nio.file.Path;

/**
 * Not a test: sets the scene for the README's screenshot of a Chinese text prediction with its explanation. Opens the
 * studio, trains the Chinese template on the shipped Chinese sentences, puts the model in use, predicts a sentence
 * that is in neither file and explains it; the screen is then captured from outside (see the README). Run under Xvfb:
 * <pre>java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) org.modelstudio.ui.ChinesePredictionShot</pre>
 */
public final class ChinesePredictionShot {
    static final String SENTENCE = "他在厨房里一边煮面一边用手机看球赛。";

    private ChinesePredictionShot() {}

    /** A class that is not an Application starts JavaFX from the class path (Studio's Launcher does the same). */
    public static void main(String[] args) { Application.launch(Window.class, args); }

    /** The studio window with the prediction. */
    public static final class Window extends Application {
    private Studio studio;

    @Override public void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
        stage.setMaximized(true);
        Thread training = new Thread(() -> {
            try {
                NetworkSpec spec = SampleData.spec("text-classifier-zh.json");
                PreparedData data = TextLoader.prepare(Path.of("sample-models/text-topics-zh/topics.csv"), null, null, spec.input(),
                        spec.training().validationSplit(), spec.training().seed());
                TrainingResult r = Trainer.train(spec, data.train(), data.validation(), data.preparation(), TrainingEventSink.NONE,
                        new CancelToken(), new PauseGate());
                Platform.runLater(() -> {
                    studio.currentModel().set(r.last(), "Text classifier, Chinese (trained on text-topics-zh)");
                    Node scene = stage.getScene().getRoot();
                    ((TextInputControl) scene.lookup("#textInput")).setText(SENTENCE);
                    ((Button) scene.lookup("#predictButton")).fire();
                });
                while (studio.prediction().selectedProperty().get() == null) Thread.sleep(100);
                Thread.sleep(500);
                Platform.runLater(() -> ((Button) stage.getScene().getRoot().lookup("#explainButton")).fire());
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "shot");
        training.setDaemon(true);
        training.start();
    }

    @Override public void stop() { studio.close(); }
    }
}
