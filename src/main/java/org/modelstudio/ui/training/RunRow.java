package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.modelstudio.core.project.RunRecord;
import org.modelstudio.ui.model.LayerPropertyItem;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One run in the Runs table: its record, formatted cells, and whether its curves are overlaid. */
public final class RunRow {

    private final int number;
    private final RunRecord run;
    private final BooleanProperty shown = new SimpleBooleanProperty(false);

    public RunRow(int number, RunRecord run) {
        this.number = number;
        this.run = run;
    }

    public int number() { return number; }
    public RunRecord run() { return run; }
    public BooleanProperty shownProperty() { return shown; }

    public String started() {
        return DateTimeFormatter.ofPattern(Texts.get("ui.runs.started-pattern"), Texts.locale()).withZone(ZoneId.systemDefault()).format(run.started());
    }

    public String outcome() { return run.outcome().describe(); }

    public String epochs() { return run.epochs().size() + "/" + run.epochsPlanned(); }

    /**
     * The best epoch's validation accuracy (or training accuracy without validation); for a regression its
     * validation mean absolute error and R².
     */
    public String best() { return EpochFigures.best(run.bestMetrics()); }

    public String duration() { return RunProgress.clock(run.durationMillis() / 1000.0); }

    /** What the network and settings were, for the tooltip. */
    public String details() {
        var t = run.spec().training();
        return Texts.get("ui.runs.details", run.spec().name(), run.specFingerprint(),
                LayerPropertyItem.choiceName(t.optimizer().id()), t.learningRate(), t.batchSize()) + (run.message() == null ? "" : "\n" + run.message());
    }
}
