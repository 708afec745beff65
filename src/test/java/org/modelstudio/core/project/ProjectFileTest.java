package org.modelstudio.core.project;

import org.modelstudio.core.catalogue.CatalogueNetworks;
import org.modelstudio.core.events.TrainingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.graph.SpecJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectFileTest {
    private final Project cnn = new Project(SampleData.spec("small-cnn.json"), new DataSource.ImageFolder("/data/shoes"));

    @Test void saveThenOpenGivesTheSameProject(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("shoes" + ProjectFile.EXTENSION);
        ProjectFile.save(cnn, f);
        assertEquals(cnn, ProjectFile.load(f));
        Project sample = new Project(CatalogueNetworks.imageLayers(), DataSource.FASHION_MNIST);
        ProjectFile.save(sample, f);
        assertEquals(sample, ProjectFile.load(f));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary files are left");
        }
    }

    @Test void theAugmentationIsSavedAndADamagedOneIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("aug" + ProjectFile.EXTENSION);
        Project augmented = new Project(cnn.network(), cnn.data(), List.of(),
                new Augmentation(15, 0.1, true, 0.05, 0.2, 0));
        ProjectFile.save(augmented, f);
        assertEquals(augmented, ProjectFile.load(f));
        Files.writeString(f, Files.readString(f).replace("\"flipHorizontal\" : true", "\"flipHorizontal\" : \"yes\""));
        var e = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f));
        assertTrue(e.getMessage().contains("augmentation.flipHorizontal: expected true or false"), e.getMessage());
    }

    @Test void anInterruptedSaveLeavesThePreviousFileWhole(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p" + ProjectFile.EXTENSION);
        ProjectFile.save(cnn, f);
        // What a save killed mid-write leaves behind: a partial temporary file beside the project.
        Files.writeString(dir.resolve(".p" + ProjectFile.EXTENSION + "123.tmp"), ProjectFile.write(cnn).substring(0, 80));
        assertEquals(cnn, ProjectFile.load(f));
    }

    @Test void damagedFilesAreRefusedWithTheFileNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken" + ProjectFile.EXTENSION);
        String whole = ProjectFile.write(cnn);
        Files.writeString(f, whole.substring(0, whole.length() / 2));
        String m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertTrue(m.startsWith("broken.msproj: is damaged: not valid JSON"), m);

        Files.writeString(f, "");
        m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertTrue(m.contains("is empty"), m);

        Files.writeString(f, "{\"hello\": 1}");
        assertEquals("broken.msproj: is not a Model Studio project file",
                assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage());

        Files.writeString(f, whole.replace("\"filters\" : 32", "\"filters\" : \"many\""));
        m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertEquals("broken.msproj: network.layers[0].filters: expected a whole number, found \"many\"", m);

        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertTrue(m.contains("not a text file"), m);
    }

    @Test void aNewerVersionIsRefusedAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("future" + ProjectFile.EXTENSION);
        String newer = ProjectFile.write(cnn).replaceFirst("\"version\" : 2,", "\"version\" : 4,");
        assertTrue(newer.contains("\"version\" : 4,"), newer);
        Files.writeString(f, newer);
        String m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertTrue(m.contains("newer Model Studio (project format 4)"), m);
        assertEquals(newer, Files.readString(f));
    }

    /** Two runs of the CNN: one with validation, one without (its validation values are NaN). */
    static Project withRuns(Project p) {
        NetworkSpec spec = p.network();
        RunRecord validated = new RunRecord("run-1", Instant.parse("2025-03-01T10:15:30.123456789Z"), SpecJson.fingerprint(spec), spec, 5,
                List.of(new TrainingEvent.EpochEvaluated(1, 0.9, 0.71, 0.8, 0.74, 0.001, 1234.5, 2100),
                        new TrainingEvent.EpochEvaluated(2, 0.5, 0.83, 0.55, 0.81, 0.0005, 1301.25, 4050)),
                4300, RunOutcome.EARLY_STOPPED, "Validation loss has not improved for 1 epoch; the best model is from epoch 2.",
                "run-1-best.zip", "run-1-last.zip", 2);
        NetworkSpec other = spec.withTraining(spec.training().withL2(1e-4).withValidationSplit(0));
        RunRecord unvalidated = new RunRecord("run-2", Instant.parse("2025-03-01T11:00:00Z"), SpecJson.fingerprint(other), other, 3,
                List.of(new TrainingEvent.EpochEvaluated(1, 1.2, 0.6, Double.NaN, Double.NaN, 0.001, 999, 1500),
                        new TrainingEvent.EpochEvaluated(2, Double.POSITIVE_INFINITY, 0.1, Double.NaN, Double.NaN, 0.001, 1000, 3000)),
                3100, RunOutcome.FAILED, "The loss became infinite in epoch 2, batch 7: training diverged.", null, "run-2-last.zip", 2);
        return p.withRun(validated).withRun(unvalidated);
    }

    @Test void runsSurviveSaveAndOpen(@TempDir Path dir) throws Exception {
        Project project = withRuns(cnn);
        assertEquals(2, project.runs().size());
        assertEquals(project.runs().get(0).specFingerprint(), project.runs().get(1).specFingerprint(), "same network, other settings");
        Path f = dir.resolve("runs" + ProjectFile.EXTENSION);
        ProjectFile.save(project, f);
        Project read = ProjectFile.load(f);
        assertEquals(project, read);
        assertTrue(Double.isNaN(read.runs().get(1).epochs().get(0).validationLoss()));
        assertEquals(Double.POSITIVE_INFINITY, read.runs().get(1).epochs().get(1).trainLoss());
        assertEquals(Instant.parse("2025-03-01T10:15:30.123456789Z"), read.runs().get(0).started());
        String json = Files.readString(f);
        assertTrue(json.contains("\"validationLoss\" : null"), json);
        assertEquals(project, read.withNetwork(read.network()), "changing the network keeps the runs");
        assertEquals(0.81, read.runs().get(0).bestMetrics().validationAccuracy());

        RunRecord renamed = project.runs().get(0).withModelFiles(null, "elsewhere.zip");
        Project replaced = project.withRun(renamed);
        assertEquals(List.of("run-1", "run-2"), replaced.runs().stream().map(RunRecord::id).toList(), "same id: replaced in place");
        assertEquals(replaced, ProjectFile.read(ProjectFile.write(replaced)));
    }

    @Test void aRegressionTablesTaskAndItsRunsErrorsSurviveSaveAndOpen() throws Exception {
        NetworkSpec net = SampleData.spec("tabular-regression.json");
        TrainingEvent.EpochEvaluated epoch = new TrainingEvent.EpochEvaluated(1, 0.4, Double.NaN, 0.5, Double.NaN, 0.003, 900, 120, 31.5, 34.25, 0.47);
        RunRecord run = new RunRecord("run-r", Instant.parse("2025-03-01T10:15:30Z"), SpecJson.fingerprint(net), net, 1, List.of(epoch), 120,
                RunOutcome.FINISHED, null, null, null, 1);
        Project project = new Project(net, new DataSource.TableFile("diabetes.csv", null, TaskKind.REGRESSION),
                List.of(run), Augmentation.NONE);
        String json = ProjectFile.write(project);
        assertTrue(json.contains("\"task\" : \"regression\"") && json.contains("\"validationMae\" : 34.25"), json);
        Project read = ProjectFile.read(json);
        assertEquals(project, read);
        assertTrue(read.runs().get(0).bestMetrics().regression());
        assertEquals(0.47, read.runs().get(0).bestMetrics().validationR2());
        // Left to the label's values, no task is written; an unknown one is named.
        Project auto = new Project(net, new DataSource.TableFile("diabetes.csv", null), List.of(), Augmentation.NONE);
        assertFalse(ProjectFile.write(auto).contains("\"task\""));
        assertEquals(auto, ProjectFile.read(ProjectFile.write(auto)));
        SpecFormatException e = assertThrows(SpecFormatException.class,
                () -> ProjectFile.read(json.replace("\"task\" : \"regression\"", "\"task\" : \"guess\"")));
        assertTrue(e.getMessage().contains("data.task: \"guess\" is not classification or regression"), e.getMessage());
    }

    @Test void aDamagedRunIsRefusedWithTheFieldNamedAndTheFileKept(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("history" + ProjectFile.EXTENSION);
        String whole = ProjectFile.write(withRuns(cnn));
        String damaged = whole.replace("\"trainLoss\" : 1.2,", "\"trainLoss\" : \"high\",");
        assertFalse(damaged.equals(whole));
        Files.writeString(f, damaged);
        String m = assertThrows(SpecFormatException.class, () -> ProjectFile.load(f)).getMessage();
        assertEquals("history.msproj: runs[1].epochs[0].trainLoss: expected a number, found \"high\"", m);
        assertEquals(damaged, Files.readString(f), "nothing is changed or lost");

        assertEquals("runs[0].started: expected a time such as 2025-01-31T14:05:00Z, found \"yesterday\"", readError(
                whole.replace("\"2025-03-01T10:15:30.123456789Z\"", "\"yesterday\"")));
        assertEquals("runs[1].outcome: \"exploded\" is not one of finished, early_stopped, cancelled, failed", readError(
                whole.replace("\"outcome\" : \"failed\"", "\"outcome\" : \"exploded\"")));
        assertEquals("runs[0].epochs[1].epoch: expected a whole number from 0, found 2.5", readError(
                whole.replace("\"epoch\" : 2,", "\"epoch\" : 2.5,")));
        assertEquals("runs[0].spec.layers[0].filters: expected a whole number, found \"many\"", readError(
                whole.replaceFirst("(?s)(\"runs\".*?)\"filters\" : 32", "$1\"filters\" : \"many\"")));
        assertTrue(readError(whole.replace("\"bestEpoch\" : 2", "\"bestEpoch\" : 2, \"colour\" : 1"))
                .startsWith("runs[0].colour: unknown field; expected one of id, started"));
        assertEquals("runs: expected a list, found {}", readError(whole.replaceFirst("(?s)\"runs\" : \\[.*\\]\\s*}\\s*$", "\"runs\" : {} }")));
    }

    @Test void aVersion1ProjectOpensWithoutRuns() throws Exception {
        String v1 = "{\"format\":\"model-studio/project\",\"version\":1,\"network\":" + SpecJson.write(cnn.network())
                .replace("\"version\" : 2", "\"version\" : 1") + ",\"data\":{\"kind\":\"image-folder\",\"path\":\"/data/shoes\"}}";
        Project read = ProjectFile.read(v1);
        assertEquals(cnn, read);
        assertTrue(read.runs().isEmpty());
    }

    private static String readError(String json) {
        return assertThrows(SpecFormatException.class, () -> ProjectFile.read(json)).getMessage();
    }

    @Test void recoveryOffersTheAutosaveUntilCleared(@TempDir Path dir) throws Exception {
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        assertTrue(store.pending().isEmpty());
        Path origin = dir.resolve("mine" + ProjectFile.EXTENSION);
        store.save(cnn, origin);
        var found = store.pending().orElseThrow();
        assertEquals(cnn, found.project());
        assertEquals(origin.toAbsolutePath(), found.origin());
        store.clear();
        assertTrue(store.pending().isEmpty());

        store.save(cnn, null);
        assertNull(store.pending().orElseThrow().origin(), "never saved: no file to go back to");
        Files.writeString(dir.resolve("recovery/autosave" + ProjectFile.EXTENSION), "{ damaged");
        assertTrue(store.pending().isEmpty(), "a damaged autosave is dropped, not offered");
        assertFalse(Files.exists(dir.resolve("recovery/autosave" + ProjectFile.EXTENSION)));
    }
}
