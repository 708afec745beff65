package org.modelstudio.engine.train;

import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.core.project.RunRecord;

import java.time.Instant;

/** Turns what a training run produced into the record a project keeps in its history. */
public final class RunRecords {

    private RunRecords() {}

    /**
     * The record of {@code result}: its spec and fingerprint, per-epoch metrics, duration (pauses left out),
     * outcome, message and best epoch. The model files are
     * the names {@link org.modelstudio.engine.io.RunModels#save} returned, or null when not saved.
     */
    public static RunRecord of(TrainingResult result, String id, Instant started, int epochsPlanned,
                               String bestModelFile, String lastModelFile) {
        var spec = result.last().spec();
        return new RunRecord(id, started, SpecJson.fingerprint(spec), spec, epochsPlanned, result.epochs(), result.elapsedMillis(),
                result.outcome(), result.message(), bestModelFile, lastModelFile, result.bestEpoch());
    }

    /** As above, without saved models. */
    public static RunRecord of(TrainingResult result, String id, Instant started, int epochsPlanned) {
        return of(result, id, started, epochsPlanned, null, null);
    }
}
