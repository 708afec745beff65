package org.modelstudio.ui.common;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the studio keeps its own data (autosave for crash recovery): the user's application-data folder,
 * never beside their files. {@code -Dmodelstudio.dataDir=DIR} overrides it (the tests use this).
 */
public final class AppDirs {
    private AppDirs() {}

    public static Path dataDir() {
        String forced = System.getProperty("modelstudio.dataDir");
        if (forced != null && !forced.isBlank()) return Path.of(forced);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("Model Studio");
        }
        if (os.contains("mac")) return home.resolve("Library/Application Support/Model Studio");
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("model-studio");
    }
}
