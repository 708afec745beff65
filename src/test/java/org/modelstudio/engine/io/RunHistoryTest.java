package org.modelstudio.engine.io;

import org.modelstudio.core.events.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.core.project.Project;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.core.project.RunRecord;
import org.modelstudio.engine.train.BatchIterator;
import org.modelstudio.engine.train.RunRecords;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real run recorded in a project: its models saved and reopened, its record saved and reopened. */
class RunHistoryTest {

    @Test void aRunsModelsAndRecordSurviveSavingAndOpening(@TempDir Path dir) throws Exception {
        var split = TestData.bars(300, 12).split(0.2, 4);
        LabeledData heldOut = split.second();
        TrainingResult result = Trainer.train(TestData.barCnn(4), split.first(), heldOut, e -> { }, new CancelToken());
        assertEquals(RunOutcome.FINISHED, result.outcome());

        Path runs = dir.resolve("runs");
        String best = RunModels.save(result.best(), runs, "run-1", "best");
        String last = RunModels.save(result.last(), runs, "run-1", "last");
        assertEquals("run-1-best.zip", best);
        assertEquals("run-1-last.zip", last);
        INDArray x = BatchIterator.slice(heldOut, 0, heldOut.size()).getFeatures();
        assertEquals(result.last().network().output(x), RunModels.load(runs, last).network().output(x), "the same predictions");
        assertEquals(result.best().network().output(x), RunModels.load(runs, best).network().output(x));
        assertEquals(result.last().labels(), RunModels.load(runs, last).labels());

        Instant started = Instant.parse("2025-04-02T09:00:00Z");
        RunRecord record = RunRecords.of(result, "run-1", started, 4, best, last);
        assertEquals(SpecJson.fingerprint(TestData.barCnn(4)), record.specFingerprint());
        assertEquals(TestData.barCnn(4), record.spec());
        assertEquals(4, record.epochs().size());
        assertEquals(RunOutcome.FINISHED, record.outcome());
        assertEquals(result.bestEpoch(), record.bestEpoch());
        assertEquals(result.elapsedMillis(), record.durationMillis());
        for (int i = 0; i < 4; i++) {
            var ev = result.epochs().get(i);
            var m = record.epochs().get(i);
            assertEquals(ev.validationLoss(), m.validationLoss());
            assertEquals(ev.learningRate(), m.learningRate());
            assertEquals(ev.elapsedMillis(), m.elapsedMillis());
        }

        // Without validation: NaN metrics, kept through the project file.
        TrainingResult unvalidated = Trainer.train(TestData.barCnn(2), split.first(), null, e -> { }, new CancelToken());
        RunRecord second = RunRecords.of(unvalidated, "run-2", started.plusSeconds(60), 2);
        assertTrue(Double.isNaN(second.epochs().get(0).validationAccuracy()));
        Project project = new Project(TestData.barCnn(4), DataSource.FASHION_MNIST).withRun(record).withRun(second);
        Path file = dir.resolve("bars" + ProjectFile.EXTENSION);
        ProjectFile.save(project, file);
        assertEquals(project, ProjectFile.load(file));
    }

    @Test void aMissingOrDamagedRunModelIsNamed(@TempDir Path dir) throws Exception {
        IOException e = assertThrows(IOException.class, () -> RunModels.load(dir, "run-9-best.zip"));
        assertTrue(e.getMessage().startsWith("The run's model run-9-best.zip is not in "), e.getMessage());
        Files.writeString(dir.resolve("run-9-last.zip"), "not a zip at all");
        e = assertThrows(IOException.class, () -> RunModels.load(dir, "run-9-last.zip"));
        assertTrue(e.getMessage().startsWith("The run's model cannot be opened: run-9-last.zip: "), e.getMessage());
        assertEquals("This run has no saved model.", assertThrows(IOException.class, () -> RunModels.load(dir, null)).getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> RunModels.fileName("../escape", "best"));
        assertEquals("\"../escape\" cannot be part of a file name; use letters, digits, '-', '_' and '.'", bad.getMessage());
    }
}
