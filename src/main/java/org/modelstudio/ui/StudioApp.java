package org.modelstudio.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** The desktop application. */
public final class StudioApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(StudioApp.class);
    private Studio studio;

    public static void main(String[] args) { launch(StudioApp.class, args); }

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
        stage.setOnCloseRequest(e -> {
            if (!studio.mainView().confirmClose()) e.consume();
        });
        studio.recovery().pending().ifPresent(found -> Platform.runLater(() -> studio.mainView().offerRecovery(found, studio.recovery())));
    }

    @Override public void stop() {
        if (studio != null) studio.close();
    }
}
