package org.modelstudio.ui.common;

import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;

/** The shipped Fashion-MNIST sample, read once (off the FX thread) and shared. */
public final class SampleLibrary {
    private LabeledData train;

    /** The sample if it has been read already, else null: for the FX thread, which must not wait for it. */
    public synchronized LabeledData trainIfLoaded() { return train; }

    public synchronized LabeledData train() {
        if (train == null) train = SampleData.fashionMnistTrain();
        return train;
    }
}
