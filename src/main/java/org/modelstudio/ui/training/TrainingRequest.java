package org.modelstudio.ui.training;

import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.engine.prepare.RunRequest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one training task works from, taken on the FX thread when Train (or Continue) is pressed: changing the
 * data, its augmentation, the network or the Epochs field afterwards is for the next run.
 *
 * @param data    what the run's data is prepared from, with the network's snapshot and the model it continues from
 * @param epochs  how many epochs the run trains for
 * @param cancel  how Stop reaches this run
 * @param pause   how Pause reaches this run
 * @param runsDir where the run's best and last models are saved
 */
record TrainingRequest(RunRequest data, int epochs, CancelToken cancel, PauseGate pause, Path runsDir) {

    TrainingRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(cancel, "cancel");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(runsDir, "runsDir");
    }
}
