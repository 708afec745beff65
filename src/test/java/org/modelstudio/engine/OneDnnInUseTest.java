package org.modelstudio.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * oneDNN really runs the ops, forward and backward, of every configuration {@link OneDnnParityTest} compares. An
 * installed helper only calls libnd4j's op; libnd4j then runs its oneDNN implementation or, when that declines the
 * arguments, its own. Which one ran is only told by libnd4j's verbose output ("ONEDNN CONV2d OP: meets the
 * requirements"), which it prints on the process's own stdout, so {@link OneDnnTrace} trains each network one step
 * in a JVM of its own and this test reads what it printed. A convolution runs once per step: its backward pass reuses
 * the forward pass's output (NetworkCompiler.keepsConvolutionOutputs) instead of computing it again.
 */
class OneDnnInUseTest {
    private static final Map<String, List<String>> OPS = Map.of(
            "conv2d", List.of("CONV2d", "CONV2d_BP"),
            "maxpool", List.of("MAXPOOL2d", "MAXPOOL2d_BP"),
            "avgpool", List.of("AVGPOOL2d", "AVGPOOL2d_BP"),
            "batchnorm", List.of("BATCHNORM", "BATCHNORM_BP"));

    @Test void oneDnnRunsTheForwardAndBackwardOpsOfEveryConfiguration() throws Exception {
        assumeTrue(OneDnn.shouldBeInNatives(), "no ND4J natives with oneDNN for " + System.getProperty("os.arch"));
        Map<String, List<String>> printed = trace();
        List<OneDnnCases.Case> cases = OneDnnCases.accepted();
        assertEquals(cases.size(), printed.size(), "one traced step per case");
        List<String> missing = new ArrayList<>();
        int n = 0;
        for (OneDnnCases.Case c : cases) {
            List<String> lines = printed.get("CASE " + n++ + " " + c);
            assertTrue(lines != null, "no trace of " + c);
            for (String op : OPS.get(c.type())) {
                String took = "ONEDNN " + op + " OP: meets the requirements";
                if (!lines.contains(took)) missing.add(c + ": " + op + " did not run on oneDNN");
                lines.stream().filter(l -> l.startsWith("ONEDNN " + op + " OP:") && !l.equals(took))
                        .forEach(l -> missing.add(c + ": " + l));
            }
            long forward = lines.stream().filter(l -> l.equals("ONEDNN CONV2d OP: meets the requirements")).count();
            if (c.type().equals("conv2d") && forward != 1) {
                missing.add(c + ": the convolution ran " + forward + " times in one step; backprop should reuse the forward pass");
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** OneDnnTrace's output, as the lines libnd4j printed about oneDNN under each case's heading. */
    private static Map<String, List<String>> trace() throws IOException, InterruptedException {
        Path out = Files.createTempFile("onednn-trace", ".txt");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    OneDnnTrace.class.getName()).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("OMP_NUM_THREADS", "1");
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the trace did not finish in 5 minutes");
            }
            List<String> all = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), () -> String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size())));
            Map<String, List<String>> byCase = new LinkedHashMap<>();
            List<String> current = null;
            for (String line : all) {
                if (line.startsWith("CASE ")) byCase.put(line, current = new ArrayList<>());
                else if (line.startsWith("END ")) current = null;
                else if (current != null && line.startsWith("ONEDNN ")) current.add(line.strip());
            }
            return byCase;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
