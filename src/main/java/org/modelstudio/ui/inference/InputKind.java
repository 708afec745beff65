package org.modelstudio.ui.inference;

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
            case NONE -> "Train a model first (or File ▸ Open trained model…), then drop images, texts or table rows here.";
            case IMAGE -> "Drop image files or a folder here (PNG, JPEG, BMP, GIF).";
            case TEXT -> "Type or paste a text above and press Predict (Ctrl+Enter), or drop .txt files (one text each) or a folder of them.";
            case TABLE -> "Fill in a row above and press Predict, or drop a CSV file of rows (a header row names the columns).";
            case PREPARED -> "This model was saved without its input preparation, so it cannot read files or typed input. "
                    + "Train it on images, a table or texts (Data tab), then predict here.";
        };
    }

    /** Where to try a model just trained: "Drop images on Predict." */
    public String tryIt() {
        return switch (this) {
            case IMAGE -> "Drop images on Predict.";
            case TEXT -> "Type a text or drop .txt files on Predict.";
            case TABLE -> "Fill in a row or drop a CSV file on Predict.";
            default -> "";
        };
    }

    /** What the model reads, for refusals: "texts", "table rows". */
    public String reads() {
        return switch (this) {
            case IMAGE -> "images";
            case TEXT -> "texts";
            case TABLE -> "table rows";
            default -> "prepared numbers only";
        };
    }
}
