package org.modelstudio.server;

import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.TestData;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.TableLoader;
import org.modelstudio.engine.io.TextLoader;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Small models trained once for the server tests, on data the tests make or the project ships: 8×8 bar images
 * (horizontal, vertical, diagonal), iris rows, topic sentences, and a linear rule for a regression.
 */
final class ServingFixture {
    private static TrainedModel bars;
    private static TrainedModel iris;
    private static TrainedModel topics;
    private static TrainedModel linear;

    private ServingFixture() {}

    /** Options for tests: any free port on loopback, a short arrival deadline. */
    static ServerOptions options() {
        return ServerOptions.defaults().withPort(0).withRequestTimeout(Duration.ofMillis(1500));
    }

    static synchronized TrainedModel bars() throws Exception {
        if (bars == null) {
            LabeledData data = TestData.bars(600, 7);
            bars = train(TestData.barCnn(6), data, null, new InputPreparation.Image(new ImagePreprocessing(8, 8, 1)));
        }
        return bars;
    }

    static synchronized TrainedModel iris() throws Exception {
        if (iris == null) {
            PreparedData data = TableLoader.prepare(Path.of("sample-models/iris/iris.csv"), "species", 0.2, 42);
            iris = train(SampleData.spec("tabular-mlp.json"), data.train(), data.validation(), data.preparation());
        }
        return iris;
    }

    static synchronized TrainedModel topics() throws Exception {
        if (topics == null) {
            NetworkSpec spec = SampleData.spec("text-classifier.json");
            PreparedData data = TextLoader.prepare(Path.of("sample-models/text-topics/topics.csv"), null, null, spec.input(), 0.1, 42);
            topics = train(spec, data.train(), data.validation(), data.preparation());
        }
        return topics;
    }

    /** y = 3·x1 − 2·x2 + 2, 0 or −2 for red, green, blue (TestData.linearTable). */
    static synchronized TrainedModel linear(Path dir) throws Exception {
        if (linear == null) {
            Path csv = TestData.linearTable(dir.resolve("linear.csv"), 400, 3);
            PreparedData data = TableLoader.prepare(csv, "y", TaskKind.REGRESSION, 0.2, 0, 42);
            linear = train(TestData.regressionNetwork(5, 40), data.train(), data.validation(), data.preparation());
        }
        return linear;
    }

    private static TrainedModel train(NetworkSpec spec, ExampleSource train, ExampleSource validation,
                                      InputPreparation preparation) throws Exception {
        TrainingResult r = Trainer.train(spec, train, validation, preparation, e -> { }, new CancelToken(), new PauseGate());
        assertEquals(RunOutcome.FINISHED, r.outcome(), r.failure());
        return r.last();
    }

    /** A bar image of the given class as PNG bytes. */
    static byte[] barPng(int label, Random r) throws IOException {
        Path file = Files.createTempFile("bar-", ".png");
        try {
            TestData.writeGreyPng(TestData.bar(label, r), 8, 8, file);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
