package org.modelstudio.ui.model;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.catalogue.ParamSpec;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.Optimizer;
import org.modelstudio.core.graph.TrainingConfig;

import java.math.BigDecimal;
import java.util.List;

/**
 * The training settings as the property sheet edits them: each with a key, range and help (like a catalogue
 * layer's), read from and written into an immutable {@link TrainingConfig}, and summed up in a sentence.
 */
public final class TrainingSettings {

    private TrainingSettings() {}

    /** The settings the Train area's Settings tab shows, with their ranges and help (in the studio's language now). */
    public static List<ParamSpec> params() {
        return List.of(
            new ParamSpec("optimizer", Texts.get("ui.settings.optimizer"), ParamSpec.Kind.CHOICE, "adam", null, null,
                    List.of("adam", "sgd", "nesterov", "rmsprop"), Texts.get("ui.settings.optimizer.help")),
            new ParamSpec("loss", Texts.get("ui.settings.loss"), ParamSpec.Kind.CHOICE, "cross_entropy", null, null,
                    List.of("cross_entropy", "mse", "binary_cross_entropy"),
                    Texts.get("ui.settings.loss.help")),
            new ParamSpec("learningRate", Texts.get("ui.settings.learningrate"), ParamSpec.Kind.NUMBER, 0.001, 1e-7, 10.0, null,
                    Texts.get("ui.settings.learningrate.help")),
            new ParamSpec("batchSize", Texts.get("ui.settings.batchsize"), ParamSpec.Kind.INT, 32, 1.0, 4096.0, null,
                    Texts.get("ui.settings.batchsize.help")),
            new ParamSpec("epochs", Texts.get("ui.settings.epochs"), ParamSpec.Kind.INT, 10, 1.0, 1000.0, null,
                    Texts.get("ui.settings.epochs.help")),
            new ParamSpec("seed", Texts.get("ui.settings.seed"), ParamSpec.Kind.INT, 42, 0.0, (double) Integer.MAX_VALUE, null,
                    Texts.get("ui.settings.seed.help")),
            new ParamSpec("schedule", Texts.get("ui.settings.schedule"), ParamSpec.Kind.CHOICE, "constant", null, null,
                    List.of("constant", "step", "exponential", "plateau"),
                    Texts.get("ui.settings.schedule.help")),
            new ParamSpec("factor", Texts.get("ui.settings.factor"), ParamSpec.Kind.NUMBER, 0.5, 0.01, 1.0, null,
                    Texts.get("ui.settings.factor.help")),
            new ParamSpec("every", Texts.get("ui.settings.every"), ParamSpec.Kind.INT, 3, 1.0, 1000.0, null,
                    Texts.get("ui.settings.every.help")),
            new ParamSpec("l2", Texts.get("ui.settings.l2"), ParamSpec.Kind.NUMBER, 0.0, 0.0, 1.0, null,
                    Texts.get("ui.settings.l2.help")),
            new ParamSpec("validationSplit", Texts.get("ui.settings.validationsplit"), ParamSpec.Kind.NUMBER, 0.1, 0.0, 0.5, null,
                    Texts.get("ui.settings.validationsplit.help")),
            new ParamSpec("testSplit", Texts.get("ui.settings.testsplit"), ParamSpec.Kind.NUMBER, 0.0, 0.0, 0.5, null,
                    Texts.get("ui.settings.testsplit.help")),
            new ParamSpec("earlyStopping", Texts.get("ui.settings.earlystopping"), ParamSpec.Kind.CHOICE, "off", null, null,
                    List.of("off", "validation_loss", "validation_accuracy"),
                    Texts.get("ui.settings.earlystopping.help")),
            new ParamSpec("patience", Texts.get("ui.settings.patience"), ParamSpec.Kind.INT, 3, 1.0, 1000.0, null,
                    Texts.get("ui.settings.patience.help")),
            new ParamSpec("minDelta", Texts.get("ui.settings.mindelta"), ParamSpec.Kind.NUMBER, 0.0, 0.0, 10.0, null,
                    Texts.get("ui.settings.mindelta.help")));
    }

    /** The setting with this key. */
    public static ParamSpec param(String key) {
        return params().stream().filter(p -> p.key().equals(key)).findFirst()
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
            case NESTEROV -> Texts.get("ui.settings.describe.nesterov");
            case RMSPROP -> "RMSProp";
        };
        String schedule = t.schedule().kind() == LearningRateSchedule.Kind.CONSTANT ? "" : Texts.get("ui.settings.describe.schedule", t.schedule().describe());
        String extras = (t.l2() > 0 ? Texts.get("ui.settings.describe.l2", BigDecimal.valueOf(t.l2()).stripTrailingZeros().toPlainString()) : "")
                + (t.validationSplit() > 0 ? Texts.get("ui.settings.describe.validation", Texts.percent(t.validationSplit(), 0))
                        : Texts.get("ui.settings.describe.no-validation"))
                + (t.testSplit() > 0 ? Texts.get("ui.settings.describe.test", Texts.percent(t.testSplit(), 0)) : "")
                + (t.earlyStopping().enabled() ? Texts.get("ui.settings.describe.early", t.earlyStopping().describe()) : "");
        // Cross-entropy, the classifiers' loss, goes without saying; another loss is named.
        String loss = switch (t.loss()) {
            case CROSS_ENTROPY -> "";
            case MSE -> Texts.get("ui.settings.describe.mse");
            case BINARY_CROSS_ENTROPY -> Texts.get("ui.settings.describe.bce");
        };
        return Texts.get("ui.settings.describe", optimizer, loss, t.learningRate(), schedule, t.batchSize(), t.epochs(), extras);
    }
}
