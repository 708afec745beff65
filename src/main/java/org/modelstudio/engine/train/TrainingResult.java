package org.modelstudio.engine.train;

import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.engine.TrainedModel;

import java.util.List;

/** What a run produced: the model (as far as it got), its per-epoch metrics, and how it ended. */
public record TrainingResult(TrainedModel model, List<TrainingEvent.EpochEvaluated> epochs, Outcome outcome,
                             String failure, long elapsedMillis) {

    public enum Outcome { FINISHED, CANCELLED, FAILED }

    public TrainingResult { epochs = List.copyOf(epochs); }

    public boolean finished() { return outcome == Outcome.FINISHED; }
}
