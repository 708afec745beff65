package org.modelstudio.ui.training;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;

/**
 * The points of one live curve: a chart-fx data set that stays quiet while it is empty.
 * <p>
 * chart-fx 11.3.1 asks a data set for its range at every layout of a chart that needs it. An empty set's range is
 * undefined (NaN), so it computes it again, sets NaN again, and since NaN differs from NaN that counts as a change:
 * the set tells the chart its range changed, and the chart redraws itself at the next pulse, and so on, at every frame,
 * for as long as one of its curves is empty. The epoch curves stay empty through a run's first epoch, the validation
 * curves through a whole run without validation, so the loss chart's plot was drawn at every frame while training
 * (measured with {@code -Djavafx.pulseLogger}: its plot area was the dirty region of nearly every pulse). An empty
 * set here has no range to compute and says nothing; one with points computes its range as chart-fx's does.
 */
public final class CurveData extends DoubleDataSet {
    private static final long serialVersionUID = 1L;

    public CurveData(String name) { super(name); }

    public CurveData(String name, int initialCapacity) { super(name, initialCapacity); }

    @Override public DataSet recomputeLimits(int dimIndex) {
        return getDataCount() == 0 ? this : super.recomputeLimits(dimIndex);
    }
}
