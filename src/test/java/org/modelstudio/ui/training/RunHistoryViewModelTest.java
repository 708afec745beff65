package org.modelstudio.ui.training;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.RunOutcome;
import org.modelstudio.core.events.TrainingEvent;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecJson;
import org.modelstudio.core.project.RunRecord;
import org.modelstudio.ui.common.CurrentModel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Runs table and its overlays, without the window. */
class RunHistoryViewModelTest {
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final SimpleBooleanProperty regression = new SimpleBooleanProperty(false);
    private final RunHistoryViewModel history = new RunHistoryViewModel(runs, new CurrentModel(), null, Path.of("runs"),
            new TrainingProgressViewModel(), regression);

    private static RunRecord run(String id, int epochs, boolean regression) {
        NetworkSpec spec = SampleData.spec(regression ? "tabular-regression.json" : "mlp.json");
        List<TrainingEvent.EpochEvaluated> figures = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            figures.add(regression ? new TrainingEvent.EpochEvaluated(e, 0.4, Double.NaN, 0.5, Double.NaN, 0.003, 900, 120 * e, 31.5, 34.25, 0.47)
                    : new TrainingEvent.EpochEvaluated(e, 1.0 / e, 0.7, 1.1 / e, 0.68 + e / 100.0, 0.001, 1000, 100 * e));
        }
        return new RunRecord(id, Instant.parse("2025-03-01T10:15:30Z"), SpecJson.fingerprint(spec), spec, epochs, figures, 100L * epochs,
                RunOutcome.FINISHED, null, null, null, epochs);
    }

    @Test void aRecordedRunGoesOnTopAndAnotherProjectRebuildsTheTable() {
        runs.add(run("a", 2, false));
        runs.add(run("b", 3, false));
        assertEquals(List.of("b", "a"), history.rows().stream().map(r -> r.run().id()).toList(), "newest first");
        RunRow first = history.rows().get(1);
        runs.add(run("c", 1, false));
        assertEquals(List.of("c", "b", "a"), history.rows().stream().map(r -> r.run().id()).toList());
        assertTrue(first == history.rows().get(2), "the rows already shown stay (and keep their selection)");
        assertEquals(3, history.rows().get(0).number());

        runs.setAll(run("x", 1, false));
        assertEquals(List.of("x"), history.rows().stream().map(r -> r.run().id()).toList());
    }

    @Test void aTickedRunsCurvesAreOverlaidAndGoWhenUntickedOrNoLongerInTheProject() {
        runs.addAll(run("a", 2, false), run("b", 5, false));
        RunRow b = history.rows().get(0);
        b.shownProperty().set(true);
        assertEquals(1, history.overlays().size());
        assertEquals("run #2 validation accuracy", history.metricOverlays().get(0).getName());
        assertEquals(5, history.lossOverlays().get(0).getDataCount(), "one point per epoch");
        assertEquals(5, history.epochAxisEnd(3), "the epoch axis spans the longer overlaid run");
        assertEquals(8, history.epochAxisEnd(8));

        b.shownProperty().set(false);
        assertTrue(history.overlays().isEmpty() && history.lossOverlays().isEmpty() && history.metricOverlays().isEmpty());

        history.rows().get(1).shownProperty().set(true);
        runs.add(0, run("c", 1, false));   // not an addition at the end: the table is rebuilt
        assertTrue(history.rows().stream().filter(r -> r.run().id().equals("a")).allMatch(r -> r.shownProperty().get()),
                "a run still in the project stays ticked");
        assertEquals(1, history.overlays().size());
        runs.setAll(run("x", 1, false));
        assertTrue(history.overlays().isEmpty(), "another project's runs are not overlaid");
    }

    @Test void theSecondChartOverlaysOnlyRunsOfTheLiveRunsKind() {
        runs.addAll(run("c", 2, false), run("r", 2, true));
        history.rows().forEach(r -> r.shownProperty().set(true));
        assertEquals(2, history.lossOverlays().size(), "every loss is a loss");
        assertEquals(List.of("run #1 validation accuracy"), history.metricOverlays().stream().map(d -> d.getName()).toList());
        regression.set(true);
        assertEquals(1, history.metricOverlays().size());
        assertTrue(history.metricOverlays().get(0).getName().startsWith("run #2"), history.metricOverlays().get(0).getName());
    }
}
