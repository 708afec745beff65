package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import javafx.scene.image.Image;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.infer.ModelRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Predicts read inputs with the model runtime, off the FX thread, handing each result on in input order. Inputs go
 * through the network {@value #CHUNK} at a time (one call per chunk is many times faster than one per input); each
 * input's time is its preparation (decoding an image, reading a row) plus its share of the chunk's network call. Stops
 * between chunks when cancelled.
 */
final class PredictionRun {
    static final int CHUNK = 32;
    static final int THUMBNAIL = 64;

    private final ModelRuntime runtime;

    PredictionRun(ModelRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * @param thumbnails whether image results get a thumbnail (single predictions shown in the list do; a batch table does not)
     * @return whether every input was handled (false when cancelled)
     */
    boolean predict(List<InputReader.Pending> inputs, boolean thumbnails, Consumer<PredictionItem> out, BooleanSupplier cancelled) {
        for (int start = 0; start < inputs.size(); start += CHUNK) {
            if (cancelled.getAsBoolean()) return false;
            predictChunk(inputs.subList(start, Math.min(inputs.size(), start + CHUNK)), thumbnails, out);
        }
        return true;
    }

    /** One input, with its thumbnail when it is an image. */
    PredictionItem predictOne(InputReader.Pending input) {
        List<PredictionItem> one = new ArrayList<>(1);
        predict(List.of(input), true, one::add, () -> false);
        return one.get(0);
    }

    private void predictChunk(List<InputReader.Pending> chunk, boolean thumbnails, Consumer<PredictionItem> out) {
        int n = chunk.size();
        double[] millis = new double[n];
        String[] problems = new String[n];
        List<float[]> batch = new ArrayList<>(n);
        List<List<String>> warnings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            InputReader.Pending p = chunk.get(i);
            if (p.problem() != null) continue;
            long t0 = System.nanoTime();
            List<String> w = new ArrayList<>();
            try {
                batch.add(runtime.prepare(modelInput(p.input()), w));
                warnings.add(w);
            } catch (InputRejectedException e) {
                problems[i] = e.reason();
            } catch (RuntimeException e) {
                problems[i] = Texts.get("ui.run.unreadable", e.getMessage());
            }
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        List<ModelAnswer> answers = List.of();
        double share = 0;
        String failure = null;
        if (!batch.isEmpty()) {
            long t0 = System.nanoTime();
            try {
                answers = runtime.answer(batch.toArray(new float[0][]), warnings);
            } catch (RuntimeException e) {
                failure = Texts.get("ui.run.failed", e.getMessage());
            }
            share = (System.nanoTime() - t0) / 1e6 / batch.size();
        }
        int next = 0;
        for (int i = 0; i < n; i++) {
            InputReader.Pending p = chunk.get(i);
            if (p.problem() != null) {
                out.accept(PredictionItem.refused(p.name(), p.input(), p.problem()));
            } else if (problems[i] != null || failure != null) {
                out.accept(PredictionItem.refused(p.name(), p.input(), problems[i] != null ? problems[i] : failure));
            } else {
                out.accept(item(p, answers.get(next++), thumbnails, millis[i] + share));
            }
        }
    }

    private static PredictionItem item(InputReader.Pending p, ModelAnswer answer, boolean thumbnails, double millis) {
        if (answer instanceof ModelAnswer.Estimated estimated) return PredictionItem.estimated(p.name(), p.input(), estimated.estimate(), millis);
        if (answer instanceof ModelAnswer.Refused refused) return PredictionItem.refused(p.name(), p.input(), refused.reason());
        ModelAnswer.Classified c = (ModelAnswer.Classified) answer;
        Image thumb = thumbnails && p.input() instanceof PredictionInput.ImageFile image ? thumbnail(image) : null;
        return new PredictionItem(p.name(), p.input(), thumb, c.prediction(), c.warnings(), millis, null);
    }

    private static ModelInput modelInput(PredictionInput input) {
        if (input instanceof PredictionInput.ImageFile image) return new ModelInput.ImageFile(image.file());
        if (input instanceof PredictionInput.Text text) return new ModelInput.Text(text.text());
        return new ModelInput.NamedRow(((PredictionInput.Row) input).values());
    }

    private static Image thumbnail(PredictionInput.ImageFile image) {
        Image thumb = new Image(image.file().toUri().toString(), THUMBNAIL, THUMBNAIL, true, false, false);
        return thumb.isError() ? null : thumb;
    }
}
