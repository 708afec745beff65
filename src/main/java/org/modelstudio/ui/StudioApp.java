package org.modelstudio.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.ui.common.AppDirs;
import org.modelstudio.ui.common.Frames;
import org.modelstudio.ui.common.StudioSettings;
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
    /** Whether {@link #main} already chose the language (an Application started otherwise chooses it in start). */
    private static volatile boolean languageChosen;

    public static void main(String[] args) {
        useStartLanguage();
        launch(StudioApp.class, args);
    }

    /**
     * Speaks, from now on, the language chosen in View ▸ Language (or given as {@code -Dmodelstudio.language}, or the
     * system's): before any window is built, since every window is built in one language. JavaFX's own words (a
     * dialog's OK and Cancel, a text field's menu) follow the default locale, so it is set to match.
     */
    static void useStartLanguage() {
        Locale language = new StudioSettings(AppDirs.dataDir())
                .startLanguage(System.getProperty(StudioSettings.LANGUAGE_PROPERTY), Locale.getDefault());
        Texts.use(language);
        languageChosen = true;
        if (!Texts.choose(Locale.getDefault()).equals(language)) Locale.setDefault(language);
        LOG.info("The studio speaks {}", language.toLanguageTag());
    }

    /** The project file among the arguments, when the studio was started to open one. */
    public static Optional<Path> projectFile(String[] args) {
        return args.length == 1 && args[0].toLowerCase(Locale.ROOT).endsWith(ProjectFile.EXTENSION)
                ? Optional.of(Path.of(args[0])) : Optional.empty();
    }

    /** A Keras model given on the command line (as a double-click on an .h5 file gives it): the studio opens it. */
    public static Optional<Path> kerasFile(String[] args) {
        String a = args.length == 1 ? args[0].toLowerCase(Locale.ROOT) : "";
        return a.endsWith(".h5") || a.endsWith(".hdf5") ? Optional.of(Path.of(args[0])) : Optional.empty();
    }

    public static String version() {
        String v = StudioApp.class.getPackage().getImplementationVersion();
        return v == null ? Texts.get("ui.app.development-build") : v;
    }

    @Override public void start(Stage stage) throws Exception {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            LOG.error("Unexpected error on {}", t.getName(), e);
            Platform.runLater(() -> {
                Alert a = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
                a.setHeaderText(Texts.get("ui.app.unexpected"));
                a.show();
            });
        });
        if (!languageChosen) useStartLanguage();
        studio = new Studio();
        new StudioSettings(AppDirs.dataDir()).follow(studio.presentation());
        studio.show(stage);
        onFirstFrame(stage.getScene(), studio::warmUp);
        stage.setOnCloseRequest(e -> {
            if (!studio.mainView().confirmClose()) e.consume();
        });
        projectFile(getParameters().getRaw().toArray(String[]::new)).ifPresent(file -> studio.mainView().openProjectFile(file));
        kerasFile(getParameters().getRaw().toArray(String[]::new)).ifPresent(file -> studio.mainView().kerasOpening().open(file));
        studio.recovery().pending().ifPresent(found -> Platform.runLater(() -> studio.mainView().offerRecovery(found, studio.recovery())));
    }

    /**
     * Logs when the main window's first frame is ready: the first pulse after the window is shown has laid out
     * the scene and hands it to the renderer. The line gives the time since the JVM started and the wall-clock time,
     * so start-up can also be measured from outside, launcher included (packaging/linux/smoke-test.sh reads it).
     * A splash shown by the launcher ({@code -splash:} in the installed app's options) is closed at that moment.
     *
     * <p>Three frames later {@code then} runs: the engine's warm-up. It must not load ND4J while JavaFX still loads
     * its own native libraries (which it does while it builds and draws the first frame): JavaCPP's
     * {@code Loader.addressof}, called as ND4J starts, walks the loaded libraries with {@code dl_iterate_phdr} and
     * calls {@code dlclose} inside it, which deadlocks with a {@code dlopen} on another thread (seen once in about
     * 40 starts of the installed app: the warm-up thread against JavaFX loading its font library).
     */
    private static void onFirstFrame(Scene scene, Runnable then) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            long now = System.currentTimeMillis();
            Platform.runLater(() -> scene.removePostLayoutPulseListener(listener[0]));
            long sinceStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
            LOG.info("First frame {} ms after the JVM started (epoch ms {})", sinceStart, now);
            LauncherSplash.close();
            Frames.afterDrawn(then);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    @Override public void stop() {
        if (studio != null) studio.close();
    }
}
