package org.modelstudio.engine.train;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.engine.TrainedModel;

import java.util.List;

/**
 * What a run produced: the model as it was when training ended ({@code last}), the model from the epoch
 * with the best validation accuracy ({@code best}, the same as {@code last} without a validation set),
 * the per-epoch metrics, and how the run ended: {@code failure} says why a FAILED run failed,
 * {@code stopReason} why an EARLY_STOPPED run stopped (both null otherwise). {@code elapsedMillis} leaves out
 * time spent paused.
 */
public record TrainingResult(TrainedModel last, TrainedModel best, int bestEpoch,
                             List<TrainingEvent.EpochEvaluated> epochs, RunOutcome outcome, String failure, long elapsedMillis,
                             String stopReason) {

    /**
     * FINISHED: every planned epoch ran; EARLY_STOPPED: early stopping ended it sooner; CANCELLED: the user
     * stopped it; FAILED: it could not go on.
     */
    public TrainingResult { epochs = List.copyOf(epochs); }

    public TrainingResult(TrainedModel last, TrainedModel best, int bestEpoch, List<TrainingEvent.EpochEvaluated> epochs,
                          RunOutcome outcome, String failure, long elapsedMillis) {
        this(last, best, bestEpoch, epochs, outcome, failure, elapsedMillis, null);
    }

    /** The model as training left it (what Keras and DL4J hand back). */
    public TrainedModel model() { return last; }

    public boolean finished() { return outcome == RunOutcome.FINISHED; }

    /** Why the run failed or stopped early, as a sentence; null when it finished or was cancelled. */
    public String message() { return failure != null ? failure : stopReason; }

    /** The metrics of the epoch whose model is {@link #best()}, or null if no epoch finished. */
    public TrainingEvent.EpochEvaluated bestMetrics() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst().orElse(null);
    }
}
