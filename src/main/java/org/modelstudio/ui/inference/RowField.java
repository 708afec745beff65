package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.InputPreparation;

import java.util.List;
import java.util.Locale;

/**
 * One field of the row form: a feature column of the model's table, what kind of value it takes (a hint such as
 * "number, training mean 5.84") and, for a categorical column, the categories seen in training to choose from.
 */
public record RowField(String name, String hint, List<String> categories) {

    public RowField { categories = List.copyOf(categories); }

    public boolean categorical() { return !categories.isEmpty(); }

    public static List<RowField> of(InputPreparation.Table table) {
        return table.columns().stream().map(RowField::of).toList();
    }

    static RowField of(InputPreparation.Column c) {
        if (c.kind() == InputPreparation.Kind.NUMERIC) {
            return new RowField(c.name(), Texts.get("ui.input.number-mean", String.format(Locale.ROOT, "%.3g", c.mean())), List.of());
        }
        return new RowField(c.name(), Texts.get("ui.input.categories", c.categories().size()), c.categories());
    }
}
