package org.modelstudio.ui.common;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.modelstudio.engine.TrainedModel;

/** The model the studio predicts with: the one just trained, or one opened from a file. FX thread only. */
public final class CurrentModel {
    private final ReadOnlyObjectWrapper<TrainedModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper origin = new ReadOnlyStringWrapper(Texts.get("ui.model-in-use.none"));

    public ReadOnlyObjectProperty<TrainedModel> modelProperty() { return model.getReadOnlyProperty(); }

    public ReadOnlyStringProperty originProperty() { return origin.getReadOnlyProperty(); }

    public TrainedModel get() { return model.get(); }

    public void set(TrainedModel trained, String from) {
        model.set(trained);
        origin.set(from);
    }
}
