package org.modelstudio.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.modelstudio.core.project.ProjectFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;


/** The desktop application. */
public final class StudioApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(StudioApp.class);
    private Studio studio;

    public static void main(String[] args) { launch(StudioApp.class, args); }

    /** The project file among the arguments, when the studio was started to open one. */
    public static Optional<Path> projectFile(String[] args) {
        return args.length == 1 && args[0].toLowerCase(Locale.ROOT).endsWith(ProjectFile.EXTENSION)
                ? Optional.of(Path.of(args[0])) : Optional.empty();
    }

    public static String version() {
        String v = StudioApp.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    @Override public void start(Stage stage) throws Exception {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            LOG.error("Unexpected error on {}", t.getName(), e);
            Platform.runLater(() -> {
                Alert a = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
                a.setHeaderText("Something went wrong (the details are in the log)");
                a.show();
            });
        });
        studio = new Studio();
        studio.warmUp();
        studio.show(stage);
        reportFirstFrame(stage.getScene());
        stage.setOnCloseRequest(e -> {
            if (!studio.mainView().confirmClose()) e.consume();
        });
        projectFile(getParameters().getRaw().toArray(String[]::new)).ifPresent(file -> studio.mainView().openProjectFile(file));
        studio.recovery().pending().ifPresent(found -> Platform.runLater(() -> studio.mainView().offerRecovery(found, studio.recovery())));
    }

    /**
     * Logs when the main window's first frame is ready: the first pulse after the window is shown has laid out
     * the scene and hands it to the renderer. The time is counted from the start of the process (the native
     * launcher included), so start-up can be measured from outside (packaging/linux/smoke-test.sh reads this line).
     * A splash shown by the launcher ({@code -splash:} in the installed app's options) is closed at that moment.
     */
    private static void reportFirstFrame(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            long now = System.currentTimeMillis();
            Platform.runLater(() -> scene.removePostLayoutPulseListener(listener[0]));
            long sinceStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
            LOG.info("First frame {} ms after the JVM started (epoch ms {})", sinceStart, now);
            LauncherSplash.close();
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    @Override public void stop() {
        if (studio != null) studio.close();
    }
}
