package org.modelstudio.engine.train;

import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.engine.TrainedModel;

import java.util.List;

/**
 * What a run produced: the model as it was when training ended ({@code last}), the model from the epoch
 * with the best validation accuracy ({@code best}, the same as {@code last} without a validation set),
 * the per-epoch metrics, and how the run ended.
 */
public record TrainingResult(TrainedModel last, TrainedModel best, int bestEpoch,
                             List<TrainingEvent.EpochEvaluated> epochs, Outcome outcome, String failure, long elapsedMillis) {

    public enum Outcome { FINISHED, CANCELLED, FAILED }

    public TrainingResult { epochs = List.copyOf(epochs); }

    /** The model as training left it (what Keras and DL4J hand back). */
    public TrainedModel model() { return last; }

    public boolean finished() { return outcome == Outcome.FINISHED; }

    /** The metrics of the epoch whose model is {@link #best()}, or null if no epoch finished. */
    public TrainingEvent.EpochEvaluated bestMetrics() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst().orElse(null);
    }
}
