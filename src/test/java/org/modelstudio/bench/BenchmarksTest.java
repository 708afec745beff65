package org.modelstudio.bench;

import org.junit.jupiter.api.Test;
import org.modelstudio.cli.Cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench …} driven in-process, as the launcher hands it over: exit codes, and what goes to stdout and stderr. */
class BenchmarksTest {

    /** One run's exit code and output. */
    record Run(int code, String out, String err) {
        @Override public String toString() { return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err; }
    }

    static Run bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Benchmarks.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What {@code --help} prints, through the CLI as a person runs it. */
    static String help() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run("--help");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test void theLauncherHandsTheBenchCommandsHere() {
        for (String c : List.of("bench", "bench-live", "bench-predict")) assertTrue(Benchmarks.handles(c), c);
        assertTrue(!Benchmarks.handles("train") && !Benchmarks.handles("serve"));
    }

    @Test void benchWithNonNumericEpochs() {
        Run r = bench("bench", "--epochs", "x");
        assertEquals(Cli.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--epochs"), r.toString());
        assertEquals("", r.out(), "refused before any benchmarking");
    }

    @Test void benchFolderMeasuresTheImageImportPipelineAndLeavesNoFiles() throws Exception {
        long before;
        try (var tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            before = tmp.filter(p -> p.getFileName().toString().startsWith("model-studio-bench-")).count();
        }
        Run r = bench("bench", "--folder", "60");
        assertEquals(Cli.OK, r.code(), r.toString());
        for (String step : List.of("scan (list and check headers)", "decode + resize ", "decode + resize + augment (typical)")) {
            assertTrue(Pattern.compile(Pattern.quote(step) + "\\s+[\\d,]+ images/s").matcher(r.out()).find(), step + ": " + r.out());
        }
        try (var tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(before, tmp.filter(p -> p.getFileName().toString().startsWith("model-studio-bench-")).count(), "the PNGs are deleted");
        }
    }

    @Test void benchStreamTrainsOnGeneratedImagesAndReportsSpeedAndHeap() {
        Run r = bench("bench", "--stream", "3000");
        assertEquals(Cli.OK, r.code(), r.toString());
        assertTrue(r.out().contains("1 epoch(s) of 3,000 generated 28×28 images, read batch by batch"), r.toString());
        assertTrue(Pattern.compile("[\\d,]+ samples/s while training").matcher(r.out()).find(), r.toString());
        var accuracy = Pattern.compile("training accuracy ([\\d.]+)%").matcher(r.out());
        assertTrue(accuracy.find(), r.toString());
        assertTrue(Double.parseDouble(accuracy.group(1)) > 30, "it learned something (chance is 10%): " + r.out());
        assertTrue(Pattern.compile("peak heap \\d+ MB \\(").matcher(r.out()).find(), r.toString());
        assertTrue(r.out().contains("the images held in memory as floats would take 9 MB"), r.toString());
        assertTrue(help().contains("bench    --stream N"));

        Run zero = bench("bench", "--stream", "0");
        assertEquals(Cli.USAGE, zero.code(), zero.toString());
        assertTrue(zero.err().contains("--stream must be at least 1"), zero.toString());
        Run both = bench("bench", "--stream", "10", "--quick");
        assertEquals(Cli.USAGE, both.code(), both.toString());
        assertEquals("", both.out());
    }

}
