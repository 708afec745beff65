package org.modelstudio.engine.prepare;

import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.engine.TrainedModel;

import java.io.IOException;
import java.util.Objects;

/**
 * Everything one run's data is prepared from, taken together when the run starts (in the studio, on the FX thread
 * when Train is pressed), so that preparing it on the training thread reads nothing the person can still change.
 *
 * @param source       where the data comes from: the Data tab's choice, or the command line's {@code --data}
 * @param snapshot     the network as it trains: its input decides how a table or texts are encoded, its training
 *                     settings give the validation and test shares and the seed
 * @param continueFrom the model a run trains further (a table or texts are then encoded with its own preparation);
 *                     null for a new model
 * @param augmentation how training images are varied (validation and test images never are)
 * @param images       where the examples come from when the source is neither a table nor texts (the shipped sample,
 *                     an image folder); may be null for a table or texts
 * @param holdOutTest  whether a new run holds out the snapshot's test share; the command line does not (yet), and a
 *                     continued run never does
 */
public record RunRequest(DataSource source, NetworkSpec snapshot, TrainedModel continueFrom, Augmentation augmentation,
                         Images images, boolean holdOutTest) {

    public RunRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(augmentation, "augmentation");
    }

    /**
     * Reads the examples of a run on images. Called on the training thread, so whatever it needs from a window is
     * taken before (when the request is made), never read here.
     */
    @FunctionalInterface
    public interface Images {
        ExampleSource read() throws IOException;
    }
}
