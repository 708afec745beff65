package org.modelstudio.ui.common;

import javafx.scene.Node;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The window's root font size, for text drawn on a canvas. Controls follow the root font (the desktop's font scale and
 * presentation mode, see {@link Presentation}) through CSS; a canvas does not, so a region that draws text adds this
 * hidden {@link Text} among its children: it inherits the root font as labels do, and says when it changes.
 */
public final class RootFont {
    private final Text probe = new Text();

    /** @param changed run when the window's font size changes (to redraw) */
    public RootFont(Runnable changed) {
        probe.setManaged(false);
        probe.setVisible(false);
        probe.fontProperty().addListener((obs, old, font) -> changed.run());
    }

    /** The hidden node to add among the region's children. */
    public Node node() { return probe; }

    /** How many times the usual root font ({@value Presentation#BASE_FONT_PX} px) the window's font is now. */
    public double scale() { return probe.getFont().getSize() / Presentation.BASE_FONT_PX; }

    /** The font of the size that would be {@code usualPx} at the usual root font. */
    public Font font(double usualPx) { return Font.font(usualPx * scale()); }

    /** The width {@code text} takes in {@code font}. */
    public static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
