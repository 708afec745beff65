package org.modelstudio.engine.export;

import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.CompactionReport;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.evaluate.RegressionEvaluator;
import org.modelstudio.engine.io.CompactWeights;
import org.modelstudio.engine.io.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

/**
 * A trained model made compact ({@link Precision#FP16} or {@link Precision#INT8}), ready to be saved, with what it saves
 * and costs. The compact file is written once, to a temporary file, and read back with {@link ModelFile#load}: the
 * sizes are the real files' and the model measured is the one a saved file gives, so what the report says is what a
 * user of the file gets.
 */
public final class Compaction {
    private final TrainedModel original;
    private final TrainedModel compact;
    private final Precision precision;
    private final byte[] file;
    private final CompactionReport sizes;

    private Compaction(TrainedModel original, TrainedModel compact, Precision precision, byte[] file, CompactionReport sizes) {
        this.original = original;
        this.compact = compact;
        this.precision = precision;
        this.file = file;
        this.sizes = sizes;
    }

    /** {@code model} written compact at {@code precision} and read back; refused, with the layer named, when a weight does not fit. */
    public static Compaction of(TrainedModel model, Precision precision) throws IOException, ExportRefusedException {
        if (precision == Precision.FLOAT32) throw new IllegalArgumentException("a compact model stores fp16 or int8 weights");
        String problem = CompactWeights.problem(model, precision);
        if (problem != null) throw new ExportRefusedException(problem);
        Path dir = Files.createTempDirectory("model-studio-compact-");
        try {
            Path full = dir.resolve("full.zip");
            Path small = dir.resolve("compact.zip");
            ModelFile.save(model, full);
            ModelFile.save(model, small, precision);
            TrainedModel read = ModelFile.load(small);
            CompactionReport sizes = new CompactionReport(precision.id(), Files.size(full), Files.size(small),
                    CompactWeights.storedBytes(model, Precision.FLOAT32), CompactWeights.storedBytes(model, precision), null);
            return new Compaction(model, read, precision, Files.readAllBytes(small), sizes);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    public Precision precision() { return precision; }

    /** The model as the compact file gives it (its weights dequantized into floats). */
    public TrainedModel compact() { return compact; }

    /** The sizes alone, for when there are no labelled examples to measure on. */
    public CompactionReport report() { return sizes; }

    /**
     * The sizes, and the model's accuracy (a regression: its mean absolute error) on {@code data} before and after, by the
     * studio's own evaluation; {@code progress} gets the fraction done, {@code cancel} is asked between batches.
     *
     * @param dataName what {@code data} is, in the user's words ("the last run's test part")
     */
    public CompactionReport measure(ExampleSource data, String dataName, CancelToken cancel, DoubleConsumer progress) throws InvalidNetworkException {
        if (original.regression()) {
            double before = RegressionEvaluator.evaluate(original, data).mae();
            progress.accept(0.5);
            double after = RegressionEvaluator.evaluate(compact, data).mae();
            progress.accept(1);
            return sizes.withQuality(CompactionReport.Quality.meanAbsoluteError(dataName, data.size(), original.labels().get(0), before, after));
        }
        double before = Evaluator.evaluateDetailed(original, data, cancel, f -> progress.accept(f / 2)).report().accuracy();
        double after = Evaluator.evaluateDetailed(compact, data, cancel, f -> progress.accept(0.5 + f / 2)).report().accuracy();
        return sizes.withQuality(CompactionReport.Quality.accuracy(dataName, data.size(), before, after));
    }

    /** Writes the compact file to {@code target} (to a temporary file first, then moved into place). */
    public void save(Path target) throws IOException {
        AtomicFiles.write(target, file);
    }
}
