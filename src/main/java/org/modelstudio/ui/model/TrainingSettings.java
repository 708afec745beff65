package org.modelstudio.ui.model;

import org.modelstudio.core.catalogue.ParamSpec;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.Optimizer;
import org.modelstudio.core.graph.TrainingConfig;

import java.util.List;
import java.util.Locale;

/**
 * The training settings as the property sheet edits them: each with a key, range and help (like a catalogue
 * layer's), read from and written into an immutable {@link TrainingConfig}, and summed up in a sentence.
 */
public final class TrainingSettings {

    private TrainingSettings() {}

    /** The settings the Train area's Settings tab shows, with their ranges and help. */
    public static final List<ParamSpec> PARAMS = List.of(
            new ParamSpec("optimizer", "Optimizer", ParamSpec.Kind.CHOICE, "adam", null, null,
                    List.of("adam", "sgd", "nesterov", "rmsprop"), "The rule that updates the weights after each batch; Adam is a good default."),
            new ParamSpec("loss", "Loss", ParamSpec.Kind.CHOICE, "cross_entropy", null, null,
                    List.of("cross_entropy", "mse", "binary_cross_entropy"),
                    "What training lowers: cross_entropy to tell classes apart (softmax output), mse (mean squared error) to "
                            + "predict a number (identity output, 1 unit), binary_cross_entropy for independent yes/no outputs (sigmoid)."),
            new ParamSpec("learningRate", "Learning rate", ParamSpec.Kind.NUMBER, 0.001, 1e-7, 10.0, null,
                    "How big each update step is. Too high and training diverges; too low and it crawls."),
            new ParamSpec("batchSize", "Batch size", ParamSpec.Kind.INT, 32, 1.0, 4096.0, null,
                    "How many examples are averaged for each update."),
            new ParamSpec("epochs", "Epochs", ParamSpec.Kind.INT, 10, 1.0, 1000.0, null,
                    "How many times training goes through all the training examples."),
            new ParamSpec("seed", "Random seed", ParamSpec.Kind.INT, 42, 0.0, (double) Integer.MAX_VALUE, null,
                    "Fixes the starting weights and the shuffling, so a run can be repeated exactly."),
            new ParamSpec("schedule", "Rate schedule", ParamSpec.Kind.CHOICE, "constant", null, null,
                    List.of("constant", "step", "exponential", "plateau"),
                    "How the learning rate changes: step and exponential lower it on a timetable; plateau lowers it "
                            + "when the validation loss stops improving."),
            new ParamSpec("factor", "Schedule factor", ParamSpec.Kind.NUMBER, 0.5, 0.01, 1.0, null,
                    "What the rate is multiplied by at each step of the schedule."),
            new ParamSpec("every", "Schedule epochs", ParamSpec.Kind.INT, 3, 1.0, 1000.0, null,
                    "Step: epochs between two steps. Plateau: epochs without improvement before the rate is lowered."),
            new ParamSpec("l2", "L2 penalty", ParamSpec.Kind.NUMBER, 0.0, 0.0, 1.0, null,
                    "Weight decay: pulls the weights towards zero to fight overfitting. 0 is off; 0.0001 to 0.001 is usual."),
            new ParamSpec("validationSplit", "Validation share", ParamSpec.Kind.NUMBER, 0.1, 0.0, 0.5, null,
                    "The fraction of the examples held out to check the network on data it does not train on."),
            new ParamSpec("testSplit", "Test share", ParamSpec.Kind.NUMBER, 0.0, 0.0, 0.5, null,
                    "The fraction held out from training and validation alike; the finished model is measured on it once."),
            new ParamSpec("earlyStopping", "Early stopping", ParamSpec.Kind.CHOICE, "off", null, null,
                    List.of("off", "validation_loss", "validation_accuracy"),
                    "Stop when this validation figure has not improved for a while; the best epoch's model is kept."),
            new ParamSpec("patience", "Early stopping patience", ParamSpec.Kind.INT, 3, 1.0, 1000.0, null,
                    "How many epochs without improvement early stopping waits."),
            new ParamSpec("minDelta", "Early stopping min. change", ParamSpec.Kind.NUMBER, 0.0, 0.0, 10.0, null,
                    "How much better the figure must get to count as an improvement."));

    /** The setting with this key. */
    public static ParamSpec param(String key) {
        return PARAMS.stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no training setting " + key));
    }

    /** The value of setting {@code key} in {@code t}, as the sheet shows it (for a constant rate, the factor and epochs a schedule would start from). */
    public static Object value(TrainingConfig t, String key) {
        return switch (key) {
            case "optimizer" -> t.optimizer().id();
            case "loss" -> t.loss().id();
            case "learningRate" -> t.learningRate();
            case "batchSize" -> t.batchSize();
            case "epochs" -> t.epochs();
            case "seed" -> (int) Math.min(Integer.MAX_VALUE, t.seed());
            case "schedule" -> t.schedule().kind().id();
            case "factor" -> t.schedule().kind() == LearningRateSchedule.Kind.CONSTANT ? 0.5 : t.schedule().factor();
            case "every" -> t.schedule().kind() == LearningRateSchedule.Kind.CONSTANT ? 3 : t.schedule().every();
            case "l2" -> t.l2();
            case "validationSplit" -> t.validationSplit();
            case "testSplit" -> t.testSplit();
            case "earlyStopping" -> t.earlyStopping().enabled() ? t.earlyStopping().metric().id() : "off";
            case "patience" -> t.earlyStopping().patience();
            case "minDelta" -> t.earlyStopping().minDelta();
            default -> throw new IllegalArgumentException("no training setting " + key);
        };
    }

    /** {@code t} with setting {@code key} set to {@code value} (already checked against {@link #param}'s range). */
    public static TrainingConfig with(TrainingConfig t, String key, Object value) {
        LearningRateSchedule s = t.schedule();
        double factor = (Double) value(t, "factor");
        int every = (Integer) value(t, "every");
        return switch (key) {
            case "optimizer" -> t.withOptimizer(Optimizer.fromId((String) value));
            case "loss" -> t.withLoss(Loss.fromId((String) value));
            case "learningRate" -> t.withLearningRate(((Number) value).doubleValue());
            case "batchSize" -> t.withBatchSize((Integer) value);
            case "epochs" -> t.withEpochs((Integer) value);
            case "seed" -> t.withSeed((Integer) value);
            case "schedule" -> t.withSchedule(schedule(LearningRateSchedule.Kind.fromId((String) value), factor, every));
            case "factor" -> t.withSchedule(schedule(s.kind(), ((Number) value).doubleValue(), every));
            case "every" -> t.withSchedule(schedule(s.kind(), factor, (Integer) value));
            case "l2" -> t.withL2(((Number) value).doubleValue());
            case "validationSplit" -> t.withValidationSplit(((Number) value).doubleValue());
            case "testSplit" -> t.withTestSplit(((Number) value).doubleValue());
            case "earlyStopping" -> "off".equals(value) ? t.withEarlyStopping(t.earlyStopping().withEnabled(false))
                    : t.withEarlyStopping(EarlyStopping.on(EarlyStopping.Metric.fromId((String) value),
                            t.earlyStopping().patience(), t.earlyStopping().minDelta()));
            case "patience" -> t.withEarlyStopping(new EarlyStopping(t.earlyStopping().enabled(), t.earlyStopping().metric(),
                    (Integer) value, t.earlyStopping().minDelta()));
            case "minDelta" -> t.withEarlyStopping(new EarlyStopping(t.earlyStopping().enabled(), t.earlyStopping().metric(),
                    t.earlyStopping().patience(), ((Number) value).doubleValue()));
            default -> throw new IllegalArgumentException("no training setting " + key);
        };
    }

    private static LearningRateSchedule schedule(LearningRateSchedule.Kind kind, double factor, int every) {
        return switch (kind) {
            case CONSTANT -> LearningRateSchedule.CONSTANT;
            case STEP -> LearningRateSchedule.step(factor, every);
            case EXPONENTIAL -> LearningRateSchedule.exponential(factor);
            case PLATEAU -> LearningRateSchedule.plateau(factor, every);
        };
    }

    /** "Trains with Adam, learning rate 0.001 (×0.5 every 3 epochs), batches of 32, 10 epochs, 10% held out for validation." */
    public static String describe(TrainingConfig t) {
        String optimizer = switch (t.optimizer()) {
            case ADAM -> "Adam";
            case SGD -> "SGD";
            case NESTEROV -> "SGD with Nesterov momentum";
            case RMSPROP -> "RMSProp";
        };
        String schedule = t.schedule().kind() == LearningRateSchedule.Kind.CONSTANT ? "" : " (" + t.schedule().describe() + ")";
        String extras = (t.l2() > 0 ? ", L2 " + java.math.BigDecimal.valueOf(t.l2()).stripTrailingZeros().toPlainString() : "")
                + (t.validationSplit() > 0 ? String.format(Locale.ROOT, ", %.0f%% held out for validation", 100 * t.validationSplit())
                        : ", no validation")
                + (t.testSplit() > 0 ? String.format(Locale.ROOT, ", %.0f%% for a final test", 100 * t.testSplit()) : "")
                + (t.earlyStopping().enabled() ? ", early stopping on " + t.earlyStopping().describe() : "");
        // Cross-entropy, the classifiers' loss, goes without saying; another loss is named.
        String loss = switch (t.loss()) {
            case CROSS_ENTROPY -> "";
            case MSE -> " to lower the mean squared error";
            case BINARY_CROSS_ENTROPY -> " to lower the binary cross-entropy";
        };
        return String.format(Locale.ROOT, "Trains with %s%s, learning rate %s%s, batches of %d, %d epochs%s.",
                optimizer, loss, t.learningRate(), schedule, t.batchSize(), t.epochs(), extras);
    }
}
