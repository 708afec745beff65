package org.modelstudio.core.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactionReportTest {

    @Test void theTableSaysSizesAndAccuracyBeforeAndAfter() {
        var r = new CompactionReport("int8", 601_800, 54_400, 220_200, 56_000,
                CompactionReport.Quality.accuracy("the Fashion-MNIST test sample", 2000, 0.8220, 0.8215));
        assertEquals(List.of(
                new CompactionReport.Row("File size", "601.8 KB", "54.4 KB", "−91.0 %"),
                new CompactionReport.Row("Parameters", "220.2 KB", "56.0 KB", "−74.6 %"),
                new CompactionReport.Row("Accuracy", "82.20 %", "82.15 %", "−0.05 points")), r.rows());
        assertEquals("Measured on the Fashion-MNIST test sample (2,000 examples).", r.measuredOn());
        assertTrue(r.toTable().contains("after (int8)"), r.toTable());
    }

    @Test void aRegressionShowsItsErrorInTheLabelsUnits() {
        var r = new CompactionReport("fp16", 1_500_000, 999, 4_000_000, 2_000_000,
                CompactionReport.Quality.meanAbsoluteError("the validation rows", 133, "progression", 44.15, 44.3));
        assertEquals(new CompactionReport.Row("MAE (progression)", "44.15", "44.3", "+0.15"), r.rows().get(2));
        assertEquals("1.50 MB", r.rows().get(0).before());
        assertEquals("999 bytes", r.rows().get(0).after());
        assertEquals(0.15, r.quality().change(), 1e-9);
    }

    @Test void unchangedAccuracyIsNeitherAGainNorALoss() {
        var q = CompactionReport.Quality.accuracy("d", 10, 0.5, 0.5);
        assertEquals("±0.00 points", new CompactionReport("fp16", 2, 1, 2, 1, q).rows().get(2).change());
    }
}
