package org.modelstudio.ui.common;

import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.modelstudio.core.i18n.Texts;

import java.io.IOException;

/** A window beside the main one (evaluation, serving): its FXML with its view, sized to fit the screen, the studio's styles. */
public final class SecondaryWindow {
    private SecondaryWindow() {}

    /**
     * Loads {@code /fxml/<fxml>} with {@code view} as its controller and shows it, owned by {@code owner}, at most
     * {@code width}×{@code height} (less on a small screen), with the studio's stylesheet and {@code styles} (names in
     * {@code /styles/}).
     */
    public static Stage open(Window owner, String fxml, Object view, String title, double width, double height, double minWidth, double minHeight,
                             String... styles) throws IOException {
        FXMLLoader loader = new FXMLLoader(SecondaryWindow.class.getResource("/fxml/" + fxml));
        loader.setController(view);
        loader.setResources(Texts.bundle());
        Parent root = loader.load();
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title + " — Model Studio");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(width, screen.getWidth() - 40), Math.min(height, screen.getHeight() - 40));
        scene.getStylesheets().add(SecondaryWindow.class.getResource("/styles/studio.css").toExternalForm());
        for (String style : styles) scene.getStylesheets().add(SecondaryWindow.class.getResource("/styles/" + style).toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(minWidth);
        stage.setMinHeight(minHeight);
        stage.show();
        return stage;
    }
}
