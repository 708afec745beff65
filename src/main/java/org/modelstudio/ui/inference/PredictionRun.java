package org.modelstudio.ui.inference;

import javafx.scene.image.Image;
import org.modelstudio.core.eval.Prediction;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.Predictor;
import org.modelstudio.engine.io.ImageDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Predicts read inputs with a model, off the FX thread, handing each result on in input order. Images go through the
 * network {@value #CHUNK} at a time (one call per chunk is many times faster than one per image); each image's time is
 * its decoding plus its share of the chunk's network call. Texts and rows are prepared and predicted one by one.
 * Stops between chunks when cancelled. The network is used under {@code networkLock}, so that two requests (a typed
 * text while a batch runs) take turns.
 */
final class PredictionRun {
    static final int CHUNK = 32;
    static final int THUMBNAIL = 64;

    private final TrainedModel model;
    private final Object networkLock;

    PredictionRun(TrainedModel model, Object networkLock) {
        this.model = model;
        this.networkLock = networkLock;
    }

    /**
     * @param thumbnails whether image results get a thumbnail (single predictions shown in the list do; a batch table does not)
     * @return whether every input was handled (false when cancelled)
     */
    boolean predict(List<InputReader.Pending> inputs, boolean thumbnails, Consumer<PredictionItem> out, BooleanSupplier cancelled) {
        for (int start = 0; start < inputs.size(); start += CHUNK) {
            if (cancelled.getAsBoolean()) return false;
            List<InputReader.Pending> chunk = inputs.subList(start, Math.min(inputs.size(), start + CHUNK));
            if (model.preprocessing() != null) predictImages(chunk, thumbnails, out); else predictEach(chunk, out);
        }
        return true;
    }

    /** One input, with its thumbnail when it is an image. */
    PredictionItem predictOne(InputReader.Pending input) {
        List<PredictionItem> one = new ArrayList<>(1);
        predict(List.of(input), true, one::add, () -> false);
        return one.get(0);
    }

    private void predictImages(List<InputReader.Pending> chunk, boolean thumbnails, Consumer<PredictionItem> out) {
        int n = chunk.size();
        float[][] decoded = new float[n][];
        double[] millis = new double[n];
        String[] problems = new String[n];
        List<float[]> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            InputReader.Pending p = chunk.get(i);
            if (p.problem() != null) continue;
            if (!(p.input() instanceof PredictionInput.ImageFile image)) {
                problems[i] = "is not an image; this model reads images";
                continue;
            }
            long t0 = System.nanoTime();
            try {
                decoded[i] = ImageDecoder.decode(image.file(), model.preprocessing());
                batch.add(decoded[i]);
            } catch (InputRejectedException e) {
                problems[i] = e.reason();
            } catch (RuntimeException e) {
                problems[i] = "could not be read (" + e.getMessage() + ")";
            }
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        List<Prediction> predictions = List.of();
        double share = 0;
        String failure = null;
        if (!batch.isEmpty()) {
            long t0 = System.nanoTime();
            try {
                synchronized (networkLock) {
                    predictions = Predictor.predict(model, batch.toArray(new float[0][]));
                }
            } catch (RuntimeException e) {
                failure = "could not be predicted (" + e.getMessage() + ")";
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
                Prediction prediction = predictions.get(next++);
                Image thumb = thumbnails ? thumbnail((PredictionInput.ImageFile) p.input()) : null;
                out.accept(new PredictionItem(p.name(), p.input(), thumb, prediction, List.of(), millis[i] + share, null));
            }
        }
    }

    private void predictEach(List<InputReader.Pending> chunk, Consumer<PredictionItem> out) {
        for (InputReader.Pending p : chunk) {
            if (p.problem() != null) {
                out.accept(PredictionItem.refused(p.name(), p.input(), p.problem()));
                continue;
            }
            long t0 = System.nanoTime();
            try {
                if (model.regression() && p.input() instanceof PredictionInput.Row row) {
                    Predictor.Estimate estimate;
                    synchronized (networkLock) {
                        estimate = Predictor.estimateRow(model, row.values());
                    }
                    out.accept(PredictionItem.estimated(p.name(), p.input(), estimate, (System.nanoTime() - t0) / 1e6));
                    continue;
                }
                Predictor.Prepared r;
                synchronized (networkLock) {
                    r = prepared(p.input());
                }
                out.accept(new PredictionItem(p.name(), p.input(), null, r.prediction(), r.warnings(), (System.nanoTime() - t0) / 1e6, null));
            } catch (InputRejectedException e) {
                out.accept(PredictionItem.refused(p.name(), p.input(), e.reason()));
            } catch (RuntimeException e) {
                out.accept(PredictionItem.refused(p.name(), p.input(), "could not be predicted (" + e.getMessage() + ")"));
            }
        }
    }

    private Predictor.Prepared prepared(PredictionInput input) throws InputRejectedException {
        if (input instanceof PredictionInput.Text t) return Predictor.predictText(model, t.text());
        if (input instanceof PredictionInput.Row r) return Predictor.predictRow(model, r.values());
        throw new InputRejectedException("input", "is an image, but this model reads " + InputKind.of(model).reads());
    }

    private static Image thumbnail(PredictionInput.ImageFile image) {
        Image thumb = new Image(image.file().toUri().toString(), THUMBNAIL, THUMBNAIL, true, false, false);
        return thumb.isError() ? null : thumb;
    }
}
