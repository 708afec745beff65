package org.modelstudio.ui.training;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An empty live curve does not keep telling its chart that its range changed (which redrew the chart at every frame). */
class CurveDataTest {

    private static int changesWhileAskedForItsRange(DoubleDataSet set) {
        AtomicInteger told = new AtomicInteger();
        var range = set.getAxisDescription(DataSet.DIM_Y);
        range.getBitState().addInvalidateListener((source, bits) -> told.incrementAndGet());
        // What a chart does at each layout while the set's range is undefined; after drawing, it takes the set's news as read.
        for (int pulse = 0; pulse < 3; pulse++) {
            if (!range.isDefined()) set.recomputeLimits(DataSet.DIM_Y);
            range.getBitState().clear();
        }
        return told.get();
    }

    @Test void anEmptyCurveStaysQuietWhereChartFxsOwnDataSetReportsAChangeEveryTime() {
        assertTrue(changesWhileAskedForItsRange(new DoubleDataSet("plain")) >= 3,
                "chart-fx 11.3.1's empty set reports its NaN range as new at every ask: the reason for CurveData");
        assertEquals(0, changesWhileAskedForItsRange(new CurveData("empty")));
    }

    @Test void aCurveWithPointsHasTheRangeChartFxComputes() {
        CurveData curve = new CurveData("loss");
        DoubleDataSet plain = new DoubleDataSet("plain");
        for (DoubleDataSet d : new DoubleDataSet[] {curve, plain}) {
            d.add(new double[] {0, 0.5, 1}, new double[] {2.3, 0.9, 0.4});
            d.recomputeLimits(DataSet.DIM_X);
            d.recomputeLimits(DataSet.DIM_Y);
        }
        for (int dim : new int[] {DataSet.DIM_X, DataSet.DIM_Y}) {
            assertEquals(plain.getAxisDescription(dim).getMin(), curve.getAxisDescription(dim).getMin());
            assertEquals(plain.getAxisDescription(dim).getMax(), curve.getAxisDescription(dim).getMax());
        }
        assertEquals(0.4, curve.getAxisDescription(DataSet.DIM_Y).getMin());
        assertEquals(2.3, curve.getAxisDescription(DataSet.DIM_Y).getMax());

        curve.clearData();
        assertEquals(0, changesWhileAskedForItsRange(curve), "cleared for the next run, it is quiet again");
    }
}
