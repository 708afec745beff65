package org.modelstudio;

import org.modelstudio.cli.Cli;
import org.modelstudio.ui.StudioApp;

/**
 * Entry point of {@code model-studio.jar}: no arguments opens the studio, anything else runs the CLI.
 * Not a JavaFX Application itself, so that the jar starts with JavaFX on the plain class path.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--sample")) {
            StudioApp.main(args);
            return;
        }
        if (args[0].equals("bench-live")) {
            org.modelstudio.ui.bench.LiveViewBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args[0].equals("bench-predict")) {
            org.modelstudio.ui.bench.PredictBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new Cli(System.out, System.err).run(args));
    }
}
