package org.modelstudio.core.project;

import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.graph.NetworkSpec;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One training run in a project's history: the network and settings it trained (and their
 * {@code specFingerprint}, equal for runs of the same network whatever their training settings), its
 * per-epoch metrics, how it ended ({@code outcome}, with
 * {@code message} saying why it failed or stopped early, else null) and the files its best and last models were
 * saved to (names in the project's run folder; null when not saved). {@code bestEpoch} is 0 when no epoch
 * finished.
 */
public record RunRecord(String id, Instant started, String specFingerprint, NetworkSpec spec, int epochsPlanned,
                        List<TrainingEvent.EpochEvaluated> epochs, long durationMillis, RunOutcome outcome, String message,
                        String bestModelFile, String lastModelFile, int bestEpoch) {

    public RunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(specFingerprint, "specFingerprint");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(outcome, "outcome");
        epochs = List.copyOf(epochs);
    }

    /** The metrics of the best epoch, or null when there is none. */
    public TrainingEvent.EpochEvaluated bestMetrics() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst().orElse(null);
    }

    public RunRecord withModelFiles(String best, String last) {
        return new RunRecord(id, started, specFingerprint, spec, epochsPlanned, epochs, durationMillis, outcome, message, best, last, bestEpoch);
    }
}
