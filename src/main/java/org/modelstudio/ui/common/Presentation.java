package org.modelstudio.ui.common;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Window;

import java.util.Locale;
import org.modelstudio.core.i18n.Texts;

/**
 * How big and how contrasted the studio's windows are drawn: the root font size (the system's font scale times
 * {@value #BASE_FONT_PX} px, and {@value #FACTOR} times that in presentation mode), and the style classes
 * {@code presentation} and {@code high-contrast} on each window's root. Every size in {@code studio.css} is in em (relative
 * to that root font), so text, blocks, charts' lines and markers and the confusion matrix grow together.
 *
 * <p>It styles every window that uses {@code studio.css} (the main window and the evaluation, Serve and compact-model
 * windows), also the ones opened later; {@link #close()} lets go of the window list.
 */
public final class Presentation implements AutoCloseable {
    /** The root font size at a font scale of 1, outside presentation mode. */
    public static final double BASE_FONT_PX = 14;
    /** How much presentation mode enlarges everything. */
    public static final double FACTOR = 1.5;
    public static final String PRESENTATION_CLASS = "presentation";
    public static final String HIGH_CONTRAST_CLASS = "high-contrast";
    /** On the root while the studio speaks Chinese. */
    public static final String CHINESE_CLASS = "lang-zh";
    private static final String OS_CLASS = osClass(System.getProperty("os.name", ""));

    private final BooleanProperty presentation = new SimpleBooleanProperty(false);
    private final BooleanProperty highContrast = new SimpleBooleanProperty(false);
    private final double systemScale;
    private final ListChangeListener<Window> windowsOpened = c -> {
        while (c.next()) for (Window w : c.getAddedSubList()) styleWhenShown(w);
    };

    /** @param systemScale the desktop's font scale ({@link FontScale#system()}), 1 for none */
    public Presentation(double systemScale) {
        this.systemScale = systemScale;
        presentation.addListener((obs, was, on) -> restyleAll());
        highContrast.addListener((obs, was, on) -> restyleAll());
    }

    /** From now on styles every window that opens (on the FX thread). */
    public void watchWindows() {
        Window.getWindows().removeListener(windowsOpened);
        Window.getWindows().addListener(windowsOpened);
    }

    /** Presentation mode: everything {@value #FACTOR} times larger, for a projector. */
    public BooleanProperty presentationProperty() { return presentation; }
    /** Black on white, strong borders and darker curves. */
    public BooleanProperty highContrastProperty() { return highContrast; }

    public double systemScale() { return systemScale; }

    /** The root font size in px the windows have now. */
    public double fontSize() { return BASE_FONT_PX * systemScale * (presentation.get() ? FACTOR : 1); }

    /** Styles a scene now (the main window's, before it is shown); later changes restyle it. */
    public void style(Scene scene) {
        if (!usesStudioStyles(scene)) return;
        Parent root = scene.getRoot();
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", fontSize()));
        toggle(root, PRESENTATION_CLASS, presentation.get());
        toggle(root, HIGH_CONTRAST_CLASS, highContrast.get());
        // The font for Chinese text: studio.css names the system's own CJK UI font per OS (see docs/installers.md).
        toggle(root, CHINESE_CLASS, "zh".equals(Texts.locale().getLanguage()));
        toggle(root, OS_CLASS, true);
    }

    /** The style class of the operating system, so that studio.css can name the fonts each one has. */
    static String osClass(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        return os.contains("win") ? "os-windows" : os.contains("mac") ? "os-mac" : "os-linux";
    }

    private void styleWhenShown(Window w) {
        if (w.getScene() != null) style(w.getScene());
        else w.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) style(scene);
        });
    }

    private void restyleAll() {
        for (Window w : Window.getWindows()) if (w.getScene() != null) style(w.getScene());
    }

    private static boolean usesStudioStyles(Scene scene) {
        return scene.getRoot() != null && scene.getStylesheets().stream().anyMatch(s -> s.endsWith("/styles/studio.css"));
    }

    private static void toggle(Parent root, String styleClass, boolean on) {
        if (on && !root.getStyleClass().contains(styleClass)) root.getStyleClass().add(styleClass);
        if (!on) root.getStyleClass().remove(styleClass);
    }

    @Override public void close() {
        if (Platform.isFxApplicationThread()) Window.getWindows().removeListener(windowsOpened);
        else Platform.runLater(() -> Window.getWindows().removeListener(windowsOpened));
    }
}
