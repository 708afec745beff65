package org.modelstudio.ui.training;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.modelstudio.core.project.RunRecord;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One run in the Runs table: its record, formatted cells, and whether its curves are overlaid. */
public final class RunRow {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).withZone(ZoneId.systemDefault());

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

    public String started() { return WHEN.format(run.started()); }

    public String outcome() { return run.outcome().describe(); }

    public String epochs() { return run.epochs().size() + "/" + run.epochsPlanned(); }

    /**
     * The best epoch's validation accuracy (or training accuracy without validation); for a regression its
     * validation mean absolute error and R².
     */
    public String best() { return EpochFigures.best(run.bestMetrics()); }

    public String duration() { return TrainingViewModel.clock(run.durationMillis() / 1000.0); }

    /** What the network and settings were, for the tooltip. */
    public String details() {
        var t = run.spec().training();
        return String.format(Locale.ROOT, "%s (network %s) · %s, learning rate %s, batch %d%s", run.spec().name(), run.specFingerprint(),
                t.optimizer().id(), t.learningRate(), t.batchSize(), run.message() == null ? "" : "\n" + run.message());
    }
}
