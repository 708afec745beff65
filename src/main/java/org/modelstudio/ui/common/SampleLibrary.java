package org.modelstudio.ui.common;

import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;

/** The shipped Fashion-MNIST sample, read once (off the FX thread) and shared. */
public final class SampleLibrary {
    private LabeledData train;

    public synchronized LabeledData train() {
        if (train == null) train = SampleData.fashionMnistTrain();
        return train;
    }
}
