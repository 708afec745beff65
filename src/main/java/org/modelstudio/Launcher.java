package org.modelstudio;

import org.modelstudio.bench.Benchmarks;
import org.modelstudio.cli.Cli;
import org.modelstudio.engine.NativeMemory;
import org.modelstudio.ui.LauncherSplash;
import org.modelstudio.ui.common.AppDirs;
import org.modelstudio.ui.StudioApp;

/**
 * Entry point of {@code model-studio.jar}: no arguments opens the studio, and so does a single project file (the
 * desktop passes the file when a {@code .msproj} is double-clicked); anything else runs the CLI.
 * Not a JavaFX Application itself, so that the jar starts with JavaFX on the plain class path.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        NativeMemory.configure();
        nativeCacheInDataFolder();
        if (args.length == 0 || args[0].equals("--sample") || StudioApp.projectFile(args).isPresent() || StudioApp.kerasFile(args).isPresent()) {
            StudioApp.main(args);
            return;
        }
        LauncherSplash.close();
        if (Benchmarks.handles(args[0])) {
            Benchmarks.main(args);
            return;
        }
        System.exit(new Cli(System.out, System.err).run(args));
    }

    /**
     * The installed app (jpackage sets {@code jpackage.app-version}) ships ND4J's and OpenBLAS's libraries unpacked
     * and loads them from its runtime folder, so JavaCPP extracts nothing. JavaCPP still wants a cache folder it can
     * write to, and would make {@code ~/.javacpp/cache} for it: it gets the studio's own data folder instead, the
     * one place where the studio writes (packaging/README.md).
     */
    private static void nativeCacheInDataFolder() {
        if (System.getProperty("jpackage.app-version") != null && System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", AppDirs.dataDir().toString());
        }
    }
}
