package org.modelstudio.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** Placeholder replaced by the real studio window in the next commit. */
public final class StudioApp extends Application {
    public static void main(String[] args) { launch(StudioApp.class, args); }

    @Override public void start(Stage stage) { throw new UnsupportedOperationException("window comes next"); }
}
