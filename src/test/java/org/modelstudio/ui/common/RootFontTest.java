package org.modelstudio.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text drawn on a canvas follows the desktop's font scale and presentation mode, as the controls beside it do. */
@ExtendWith(ApplicationExtension.class)
class RootFontTest {
    private final AtomicInteger redraws = new AtomicInteger();
    private RootFont rootFont;
    private Label label;
    private Scene scene;

    @Start void start(Stage stage) {
        rootFont = new RootFont(redraws::incrementAndGet);
        label = new Label("beside the canvas");
        Pane chart = new Pane(rootFont.node());
        scene = new Scene(new VBox(label, chart), 300, 200);
        scene.getStylesheets().add(RootFont.class.getResource("/styles/studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test void aCanvasFontGrowsWithTheSystemScaleAndPresentationMode(FxRobot robot) {
        Presentation presentation = new Presentation(1.5);
        robot.interact(() -> {
            presentation.style(scene);
            scene.getRoot().applyCss();
        });
        assertEquals(21, label.getFont().getSize(), 1e-6, "the label follows the desktop's 1.5");
        assertEquals(1.5, rootFont.scale(), 1e-6, "and so does the canvas text");
        assertEquals(18, rootFont.font(12).getSize(), 1e-6);

        int before = redraws.get();
        robot.interact(() -> {
            presentation.presentationProperty().set(true);
            presentation.style(scene);
            scene.getRoot().applyCss();
        });
        assertEquals(1.5 * Presentation.FACTOR, rootFont.scale(), 1e-6, "presentation mode on top of the desktop's scale");
        assertTrue(redraws.get() > before, "the region is told to redraw");
        presentation.close();
    }
}
