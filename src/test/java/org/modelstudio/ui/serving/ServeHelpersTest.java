package org.modelstudio.ui.serving;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.infer.ModelSignature;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Serve window's plain parts, without the FX toolkit. */
class ServeHelpersTest {

    @Nested @DisplayName("names and ports are checked as they are typed")
    class Checks {
        @Test void aNameIsAnIdentifierAndUniqueInTheList() {
            assertNull(ServeChecks.nameProblem("fashion-mlp_2", 0));
            assertTrue(ServeChecks.nameProblem("", 0).startsWith("Give the model a name"));
            assertEquals("\u201cmy model\u201d cannot name a model: use letters, digits, - and _ (at most 64), starting with a letter or digit.",
                    ServeChecks.nameProblem("my model", 0));
            assertTrue(ServeChecks.nameProblem("../etc", 0).contains("cannot name a model"));
            assertTrue(ServeChecks.nameProblem("-x", 0).contains("cannot name a model"));
            assertEquals("Another model in the list is named \u201cmlp\u201d; each needs its own name.", ServeChecks.nameProblem("mlp", 1));
        }

        @Test void aPortIsAWholeNumberUpTo65535AndZeroMeansAnyFreeOne() {
            assertEquals(8080, ServeChecks.port(" 8080 "));
            assertEquals(0, ServeChecks.port("0"));
            assertEquals(-1, ServeChecks.port("65536"));
            assertEquals(-1, ServeChecks.port("80a"));
            assertNull(ServeChecks.portProblem("0"));
            assertTrue(ServeChecks.portProblem("").startsWith("Give a port"));
            assertEquals("\u201c99999\u201d is not a port: give a whole number from 1 to 65535, or 0 to let the system choose a free one.",
                    ServeChecks.portProblem("99999"));
        }
    }

    @Nested @DisplayName("a model replaces a served one only if programs can call it the same way")
    class Fit {
        private final ModelSignature fashion = image(List.of(1, 28, 28), 10);

        private ModelSignature image(List<Integer> shape, int classes) {
            return new ModelSignature(ModelSignature.Kind.IMAGE, shape, false, Collections.nCopies(classes, "c"), false, List.of(), "images");
        }

        @Test void theSameInputAndClassesFit() {
            assertNull(SignatureFit.misfit(fashion, image(List.of(1, 28, 28), 10), "fashion"));
        }

        @Test void anotherShapeKindOrClassCountIsRefusedWithTheReason() {
            assertEquals("The model in use takes inputs of shape 3×32×32, but fashion takes 1×28×28: programs sending prepared tensors would break.",
                    SignatureFit.misfit(fashion, image(List.of(3, 32, 32), 10), "fashion"));
            assertEquals("The model in use has 3 classes, but fashion has 10: programs reading its probabilities expect 10.",
                    SignatureFit.misfit(fashion, image(List.of(1, 28, 28), 3), "fashion"));
            ModelSignature text = new ModelSignature(ModelSignature.Kind.TEXT, List.of(40), true, List.of("a", "b"), false, List.of(), "text");
            assertEquals("The model in use reads texts, but fashion reads images: programs calling it would send the wrong input.",
                    SignatureFit.misfit(fashion, text, "fashion"));
            ModelSignature rows = new ModelSignature(ModelSignature.Kind.TABLE, List.of(4), false, List.of("y"), true, List.of("a", "b", "c", "d"), "t");
            ModelSignature classes = new ModelSignature(ModelSignature.Kind.TABLE, List.of(4), false, List.of("y"), false, List.of("a", "b", "c", "d"), "t");
            assertTrue(SignatureFit.misfit(rows, classes, "iris").startsWith("The model in use predicts classes, but iris predicts a number"));
            ModelSignature renamed = new ModelSignature(ModelSignature.Kind.TABLE, List.of(4), false, List.of("y"), true, List.of("a", "b", "c", "e"), "t");
            assertEquals("The model in use reads the columns a, b, c, e, but iris reads a, b, c, d.", SignatureFit.misfit(rows, renamed, "iris"));
        }
    }

    @Nested @DisplayName("traffic is one point per second, from the server's running totals")
    class Traffic {
        private static final long S = 1_000_000_000L;

        @Test void ratesAndMeanLatencyComeFromTheDifferences() {
            TrafficHistory h = new TrafficHistory();
            assertFalse(h.sample(0, 100, 5.0), "the first reading is the baseline");
            assertFalse(h.sample(S / 2, 110, 5.1), "not a second yet");
            assertTrue(h.sample(S, 120, 5.2));
            TrafficHistory.Point p = h.points().get(0);
            assertEquals(20, p.rate(), 1e-9);
            assertEquals(10, p.latencyMs(), 1e-9, "0.2 s over 20 requests");
            assertTrue(h.sample(3 * S, 120, 5.2));
            assertEquals(0, h.points().get(1).rate(), 1e-9);
            assertTrue(Double.isNaN(h.points().get(1).latencyMs()), "no requests, no latency");
            assertEquals("Last 3 s: 6.7 requests/s, 10.0 ms on average.", h.summary(10), "20 requests in 3 s");
        }

        @Test void onlyTheLastTwoMinutesAreKept() {
            TrafficHistory h = new TrafficHistory();
            h.sample(0, 0, 0);
            for (int t = 1; t <= 300; t++) h.sample(t * S, t, t * 0.001);
            assertEquals(121, h.points().size());
            assertEquals(180 * S, h.points().get(0).nanos());
            assertEquals(1, h.points().get(0).rate(), 1e-9);
        }
    }

    @Test void tokensAreLongUrlSafeAndDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String t = Tokens.generate();
            assertTrue(t.length() >= 24 && t.matches("[A-Za-z0-9_-]+"), t);
            assertTrue(seen.add(t));
        }
    }

    @Test void theNextFreePortIsOfferedWhenOneIsTaken() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            int busy = taken.getLocalPort();
            assertFalse(FreePort.free(loopback, busy));
            int offered = FreePort.after("127.0.0.1", busy);
            assertTrue(offered > busy && offered <= busy + FreePort.TRIES, "offered " + offered);
            assertTrue(FreePort.free(loopback, offered));
        }
    }

    @Test void aTableExampleSendsTheTrainingMeansAndFirstCategories() {
        InputPreparation.Table table = new InputPreparation.Table(List.of(
                InputPreparation.Column.numeric("sepal length", 5.8433, 0.8),
                InputPreparation.Column.numeric("count", 12, 1),
                InputPreparation.Column.categorical("colour", List.of("red, dark", "blue"))), "species");
        assertEquals("5.843,12,\"red, dark\"", ExampleInputs.row(table));
    }
}
