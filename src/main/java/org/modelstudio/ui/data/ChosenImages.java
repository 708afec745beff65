package org.modelstudio.ui.data;

import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.engine.io.ImageFolderSource;
import org.modelstudio.engine.prepare.RunRequest;
import org.modelstudio.ui.common.SampleLibrary;
import org.modelstudio.ui.model.ModelViewModel;
import org.modelstudio.ui.model.ProjectDocument;

import java.util.function.Supplier;

/**
 * The chosen images as the network will see them: the shipped sample, or the scanned folder decoded for the network's
 * input. The augmentation preview shows their first example, and the next run on images reads them.
 */
final class ChosenImages {
    private final ModelViewModel network;
    private final ProjectDocument document;
    private final SampleLibrary samples;
    /** Why the chosen data cannot be read, as the Data tab says it (empty while there is no problem). */
    private final Supplier<String> problem;
    private volatile ImageFolderSource folder;

    ChosenImages(ModelViewModel network, ProjectDocument document, SampleLibrary samples, Supplier<String> problem) {
        this.network = network;
        this.document = document;
        this.samples = samples;
        this.problem = problem;
    }

    /** The folder scanned for the chosen data (null while there is none, or while it is scanned). */
    void useFolder(ImageFolderSource scanned) { folder = scanned; }

    /** The first example, for the augmentation preview (null when there is none yet). */
    float[] previewExample() {
        try {
            ExampleSource data = decoded();
            if (data == null || data.size() == 0) return null;
            float[] x = new float[(int) data.exampleShape().size()];
            data.read(0, x);
            return x;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The shape of an example, as the network will see it (null while unknown). */
    Shape previewShape() {
        try {
            ExampleSource data = decoded();
            return data == null ? null : data.exampleShape();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * What the next run on images reads, taken now (on the FX thread, when the run starts) and read on the training
     * thread: the shipped sample (loaded there if it is not yet), or the scanned folder decoded for the network's
     * input. While the chosen data cannot be used, reading it refuses with the reason.
     */
    RunRequest.Images forNextRun() {
        if (document.dataSourceProperty().get() instanceof DataSource.Sample) return samples::train;
        try {
            ExampleSource images = decoded();
            return () -> images;
        } catch (IllegalStateException e) {
            String why = e.getMessage();
            return () -> { throw new IllegalStateException(why); };
        }
    }

    /**
     * The chosen images, decoded for the network's input (on the FX thread): the sample only once it has been read in
     * the background (null before), never waited for here. Refused with the reason while there are none or they do
     * not suit the network.
     */
    private ExampleSource decoded() {
        DataSource source = document.dataSourceProperty().get();
        if (source instanceof DataSource.TableFile || source instanceof DataSource.TextFile) {
            throw new IllegalStateException("Tables and texts are prepared for the network when the run starts.");
        }
        if (source instanceof DataSource.ImageFolder) {
            ImageFolderSource f = folder;
            String why = problem.get();
            if (f == null) throw new IllegalStateException(why.isEmpty() ? Texts.get("ui.data.still-scanning") : why);
            NetworkSpec spec = network.specProperty().get();
            if (!(spec.input() instanceof InputSpec.ImageInput img)) {
                throw new IllegalStateException(Texts.get("ui.data.not-image-network", spec.input().shape()));
            }
            return f.withPreprocessing(ImagePreprocessing.forInput(img));
        }
        return samples.trainIfLoaded();
    }
}
