package org.modelstudio.ui.common;

import javafx.scene.text.Font;

import java.util.Locale;

/**
 * The desktop's text size, as a factor of the usual one, which the studio's root font follows.
 *
 * <p>JavaFX 21 has no API for the desktop's text-scaling setting. It does give its default font the system's message-font
 * size on Windows (where "Make text bigger" enlarges it), and a fixed 13 px elsewhere. GTK's own font factor is the
 * {@code GDK_DPI_SCALE} environment variable, which JavaFX does not read. So, first match wins:
 * {@code -Dmodelstudio.fontScale=1.25}; on Linux {@code GDK_DPI_SCALE}; else the default font's size against the
 * platform's usual one (12 px on Windows, 13 px elsewhere). The result is kept between 0.75 and 3. The pixel scale of a
 * high-density screen (GDK_SCALE, Windows' display scaling) is not a font scale: JavaFX applies it to the whole window.
 */
public final class FontScale {
    public static final double MIN = 0.75;
    public static final double MAX = 3;

    private FontScale() {}

    /** The scale of this desktop. */
    public static double system() {
        return of(System.getProperty("modelstudio.fontScale"), System.getenv("GDK_DPI_SCALE"), System.getProperty("os.name", ""),
                Font.getDefault().getSize());
    }

    /** The scale from the setting, GTK's variable, the OS name and JavaFX's default font size (see the class comment). */
    static double of(String setting, String gdkDpiScale, String osName, double defaultFontSize) {
        Double chosen = number(setting);
        boolean linux = osName.toLowerCase(Locale.ROOT).contains("linux");
        if (chosen == null && linux) chosen = number(gdkDpiScale);
        if (chosen == null) {
            double usual = osName.toLowerCase(Locale.ROOT).contains("win") ? 12 : 13;
            chosen = defaultFontSize > 0 ? defaultFontSize / usual : 1;
        }
        return Math.max(MIN, Math.min(MAX, chosen));
    }

    private static Double number(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            double v = Double.parseDouble(s.trim());
            return Double.isFinite(v) && v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
