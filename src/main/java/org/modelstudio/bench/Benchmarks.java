package org.modelstudio.bench;

import org.modelstudio.cli.Args;
import org.modelstudio.cli.Cli;
import org.modelstudio.cli.UsageException;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.InvalidNetworkException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The benchmarks' one entry point, apart from the product's code: {@code model-studio.jar bench …} (headless),
 * {@code bench-live} (the studio window while it trains) and {@code bench-predict} (drops on the Predict panel).
 * The launcher hands these commands here; nothing in the studio, the CLI or the server depends on this package
 * (ArchitectureTest keeps it so). The CLI's {@code --help} still lists them, since the same jar runs them.
 */
public final class Benchmarks {
    private static final Set<String> COMMANDS = Set.of("bench", "bench-live", "bench-predict");

    private Benchmarks() {}

    /** Whether {@code command} (the first word on the command line) is a benchmark. */
    public static boolean handles(String command) { return COMMANDS.contains(command); }

    /** Runs a benchmark command line; the windowed ones return when their window closes, and exit the JVM themselves. */
    public static void main(String[] args) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "bench-live" -> LiveViewBench.main(rest);
            case "bench-predict" -> PredictBench.main(rest);
            default -> System.exit(run(System.out, System.err, args));
        }
    }

    /** {@code bench …}, with the CLI's exit codes: a wrong option is a usage error, named as the CLI names it. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return new BenchCommand(out).run(Args.parse(rest,
                    Set.of("--epochs", "--stream", "--folder", "--seconds", "--rounds", "--target"),
                    Set.of("--quick", "--train", "--serve", "--peer", "--to-accuracy")));
        } catch (UsageException e) {
            err.println(Texts.get("cli.error", e.getMessage()));
            err.println(Texts.get("cli.see-help"));
            return Cli.USAGE;
        } catch (IOException | InvalidNetworkException e) {
            err.println(Texts.get("cli.error", e.getMessage()));
            return Cli.BAD_INPUT;
        }
    }
}
