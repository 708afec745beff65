package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.engine.TrainedModel;

/** What the current model predicts from, which decides the Predict area's input: a drop zone, a text box or a form. */
public enum InputKind {
    /** No model yet. */
    NONE,
    /** Image files. */
    IMAGE,
    /** Texts, typed or in .txt files. */
    TEXT,
    /** Table rows, typed into a form or in a CSV file. */
    TABLE,
    /** A model saved without a preparation (it takes prepared numbers only), so raw input cannot be predicted. */
    PREPARED;

    public static InputKind of(TrainedModel model) {
        if (model == null) return NONE;
        InputPreparation p = model.preparation();
        if (p instanceof InputPreparation.Image) return IMAGE;
        if (p instanceof InputPreparation.Text) return TEXT;
        if (p instanceof InputPreparation.Table) return TABLE;
        return PREPARED;
    }

    /** What the user can do with such a model, as a sentence for the drop zone. */
    public String hint() {
        return switch (this) {
            case NONE -> Texts.get("ui.input.hint.kind.none");
            case IMAGE -> Texts.get("ui.input.hint.kind.image");
            case TEXT -> Texts.get("ui.input.hint.kind.text");
            case TABLE -> Texts.get("ui.input.hint.kind.table");
            case PREPARED -> Texts.get("ui.input.hint.kind.prepared");
        };
    }

    /** Where to try a model just trained: "Drop images on Predict." */
    public String tryIt() {
        return switch (this) {
            case IMAGE -> Texts.get("ui.input.try.image");
            case TEXT -> Texts.get("ui.input.try.text");
            case TABLE -> Texts.get("ui.input.try.table");
            default -> "";
        };
    }

    /** What the model reads, for refusals: "texts", "table rows". */
    public String reads() {
        return switch (this) {
            case IMAGE -> Texts.get("ui.input.reads.image");
            case TEXT -> Texts.get("ui.input.reads.text");
            case TABLE -> Texts.get("ui.input.reads.table");
            default -> Texts.get("ui.input.reads.prepared");
        };
    }
}
