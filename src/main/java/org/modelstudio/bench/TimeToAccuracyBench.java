package org.modelstudio.bench;

import org.modelstudio.cli.Cli;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.OneDnn;
import org.modelstudio.engine.prepare.RunData;
import org.modelstudio.engine.prepare.RunPreparation;
import org.modelstudio.engine.prepare.RunRequest;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --to-accuracy}: the seconds from pressing Train to a useful model, the number that counts in a class.
 * The MLP and the small CNN train on the shipped sample with their templates' own settings, as the Train button and
 * {@code train} run them (10 % of the sample held back to validate on), and the bench reports when the validation
 * accuracy first reaches the target. The clock starts before the data is prepared and the network is built, as a
 * person's wait does; the validation accuracy is known at the end of each epoch, so that is when it can be reached.
 */
final class TimeToAccuracyBench {
    private final PrintStream out;

    TimeToAccuracyBench(PrintStream out) { this.out = out; }

    int run(double target, List<String> specFiles) throws IOException, InvalidNetworkException {
        NativeThreads.useDefault();
        out.printf(Locale.ROOT, "Time to %.0f%% validation accuracy: the templates as shipped, on the Fashion-MNIST sample; %d core(s), "
                + "ND4J threads %d; %s%n", 100 * target, Runtime.getRuntime().availableProcessors(), NativeThreads.defaultCount(), OneDnn.describe());
        for (String file : specFiles) {
            NetworkSpec spec = SampleData.spec(file);
            long t0 = System.nanoTime();
            RunData data = RunPreparation.prepare(new RunRequest(DataSource.FASHION_MNIST, spec, null, Augmentation.NONE,
                    SampleData::fashionMnistTrain, false));
            List<double[]> epochs = new ArrayList<>(); // {epoch, validation accuracy, seconds since t0}
            TrainingResult result = Trainer.train(spec, data.train(), data.validation(), e -> {
                if (e instanceof TrainingEvent.EpochEvaluated ev) {
                    epochs.add(new double[] {ev.epoch(), ev.validationAccuracy(), (System.nanoTime() - t0) / 1e9});
                }
            }, new CancelToken(), new PauseGate());
            double total = (System.nanoTime() - t0) / 1e9;
            if (result.outcome() == RunOutcome.FAILED) {
                out.println(spec.name() + ": training failed: " + result.failure());
                return Cli.FAILED;
            }
            out.printf(Locale.ROOT, "%n%s: %,d images trained, %,d validated, %d epochs%n", spec.name(), data.train().size(),
                    data.validation().size(), spec.training().epochs());
            double[] reached = null;
            StringBuilder line = new StringBuilder("  validation accuracy by epoch:");
            for (double[] e : epochs) {
                line.append(String.format(Locale.ROOT, " %d: %.1f%% (%.1f s)", (int) e[0], 100 * e[1], e[2]));
                if (reached == null && e[1] >= target) reached = e;
            }
            out.println(line);
            double[] last = epochs.get(epochs.size() - 1);
            if (reached == null) {
                out.printf(Locale.ROOT, "  %.0f%% not reached; %.1f%% after all %d epochs, %.1f s%n", 100 * target, 100 * last[1], (int) last[0], total);
            } else {
                out.printf(Locale.ROOT, "  %.0f%% reached after epoch %d, %.1f s from pressing Train; all %d epochs: %.1f%% in %.1f s%n",
                        100 * target, (int) reached[0], reached[2], (int) last[0], 100 * last[1], total);
            }
        }
        return Cli.OK;
    }
}
