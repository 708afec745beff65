package org.modelstudio.ui.tour;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tour's steps and how it ends, without the window. */
class TourViewModelTest {
    private final String savedTour = System.getProperty("modelstudio.tour");

    @AfterEach void restore() {
        if (savedTour == null) System.clearProperty("modelstudio.tour");
        else System.setProperty("modelstudio.tour", savedTour);
    }

    @Test void itStartsOnlyAtTheFirstStartAndWalksForwardAndBack(@TempDir Path dir) {
        System.clearProperty("modelstudio.tour");
        TourViewModel tour = new TourViewModel(TourViewModel.studioSteps(), new FirstRunRecord(dir));
        assertNull(tour.stepProperty().get());
        assertTrue(tour.startIfFirstRun());
        assertEquals("Step 1 of 6", tour.positionProperty().get());
        tour.back();
        assertEquals(0, tour.indexProperty().get(), "nothing before the first step");
        tour.next();
        tour.next();
        tour.back();
        assertEquals("#trainButton", tour.stepProperty().get().target());
        for (int i = 0; i < 5; i++) tour.next();
        assertFalse(tour.runningProperty().get());
        assertEquals("tour=completed", new FirstRunRecord(dir).recorded());
        assertFalse(new TourViewModel(TourViewModel.studioSteps(), new FirstRunRecord(dir)).startIfFirstRun(), "once is enough");
    }

    @Test void skippingIsRememberedAndTheSettingTurnsItOff(@TempDir Path dir) {
        System.clearProperty("modelstudio.tour");
        TourViewModel tour = new TourViewModel(List.of(new TourStep("#a", "A", "a", TourStep.Side.RIGHT)), new FirstRunRecord(dir.resolve("one")));
        tour.start();
        tour.skip();
        assertEquals("tour=skipped", new FirstRunRecord(dir.resolve("one")).recorded());
        System.setProperty("modelstudio.tour", "off");
        assertFalse(new FirstRunRecord(dir.resolve("two")).offerTour(), "-Dmodelstudio.tour=off");
        System.clearProperty("modelstudio.tour");
        assertTrue(new FirstRunRecord(dir.resolve("two")).offerTour());
    }
}
