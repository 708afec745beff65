package org.modelstudio.ui.tour;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

import java.util.List;

/**
 * The guided first run: which step shows, Next / Back / Skip / Done. How it ended is written to the
 * {@link FirstRunRecord}, so it shows by itself only at the very first start. It never blocks the window: the
 * overlay ({@link TourOverlay}) only points.
 */
public final class TourViewModel {
    /** The studio's tour, from a template to a served model, in the studio's language now. */
    public static List<TourStep> studioSteps() {
        return List.of(
                new TourStep("#networkChoice", Texts.get("ui.tour.template.title"), Texts.get("ui.tour.template.text"), TourStep.Side.BELOW),
                new TourStep("#trainButton", Texts.get("ui.tour.train.title"), Texts.get("ui.tour.train.text"), TourStep.Side.BELOW),
                new TourStep("#lossChart", Texts.get("ui.tour.curves.title"), Texts.get("ui.tour.curves.text"), TourStep.Side.RIGHT),
                new TourStep("#dropZone", Texts.get("ui.tour.drop.title"), Texts.get("ui.tour.drop.text"), TourStep.Side.LEFT),
                new TourStep("#evaluationButton", Texts.get("ui.tour.evaluate.title"), Texts.get("ui.tour.evaluate.text"), TourStep.Side.LEFT),
                new TourStep("#serveButton", Texts.get("ui.tour.serve.title"), Texts.get("ui.tour.serve.text"), TourStep.Side.LEFT));
    }

    private final List<TourStep> steps;
    private final FirstRunRecord record;
    /** The step shown, -1 when the tour is not showing. */
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(-1);
    private final ObjectBinding<TourStep> step;
    private final StringBinding position;
    private final BooleanBinding running;

    public TourViewModel(List<TourStep> steps, FirstRunRecord record) {
        if (steps.isEmpty()) throw new IllegalArgumentException("a tour needs a step");
        this.steps = List.copyOf(steps);
        this.record = record;
        step = Bindings.createObjectBinding(() -> index.get() < 0 ? null : this.steps.get(index.get()), index);
        position = Bindings.createStringBinding(() -> index.get() < 0 ? "" : Texts.get("ui.tour.position", index.get() + 1, this.steps.size()), index);
        running = index.greaterThanOrEqualTo(0);
    }

    public List<TourStep> steps() { return steps; }
    public ReadOnlyIntegerProperty indexProperty() { return index.getReadOnlyProperty(); }
    /** The step shown, null when the tour is not showing. */
    public ObjectBinding<TourStep> stepProperty() { return step; }
    /** "Step 2 of 6". */
    public StringBinding positionProperty() { return position; }
    public BooleanBinding runningProperty() { return running; }
    public boolean isLast() { return index.get() == steps.size() - 1; }
    public boolean isFirst() { return index.get() == 0; }

    /** Starts the tour at the very first start only (see {@link FirstRunRecord#offerTour()}); true when it started. */
    public boolean startIfFirstRun() {
        if (!record.offerTour()) return false;
        start();
        return true;
    }

    /** Shows the first step (Help ▸ Guided tour). */
    public void start() { index.set(0); }

    /** The next step; after the last, the tour is done. */
    public void next() {
        if (index.get() < 0) return;
        if (isLast()) end("completed");
        else index.set(index.get() + 1);
    }

    public void back() {
        if (index.get() > 0) index.set(index.get() - 1);
    }

    /** Ends the tour now; it does not come back by itself. */
    public void skip() {
        if (index.get() >= 0) end("skipped");
    }

    private void end(String outcome) {
        index.set(-1);
        record.record(outcome);
    }
}
