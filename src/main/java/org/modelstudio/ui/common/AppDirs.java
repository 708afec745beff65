package org.modelstudio.ui.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * The shipped sample files (iris.csv, the topic sentences, example images) as ordinary files, for the user's
     * file choosers: the installed app passes their folder as {@code -Dmodelstudio.samples}; a build run from the
     * source tree finds {@code sample-models/} in the working directory. The studio itself reads its samples
     * from the class path, so this is only where a person can find them.
     */
    public static Optional<Path> samplesDir() {
        String installed = System.getProperty("modelstudio.samples");
        Path dir = installed != null && !installed.isBlank() ? Path.of(installed) : Path.of("sample-models");
        return Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath().normalize()) : Optional.empty();
    }
}
