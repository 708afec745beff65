package org.modelstudio.ui.model;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.ComboBox;
import javafx.util.Callback;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;
import org.modelstudio.core.catalogue.ParamSpec;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One setting in the property sheet: of the selected layer (from the catalogue) or of training. Reads and
 * writes through the view model, so every change is an undoable edit checked against its range.
 */
public final class LayerPropertyItem implements PropertySheet.Item {
    private final String layerName;
    private final ParamSpec param;
    private final Function<String, Object> getter;
    private final BiConsumer<String, Object> setter;

    public LayerPropertyItem(String layerName, ParamSpec param, Function<String, Object> getter, BiConsumer<String, Object> setter) {
        this.layerName = layerName;
        this.param = param;
        this.getter = getter;
        this.setter = setter;
    }

    ParamSpec param() { return param; }

    /** Editors for catalogue settings: a list for choices, a checked text field for numbers and pairs. */
    public static Callback<PropertySheet.Item, PropertyEditor<?>> editors() {
        return item -> {
            ParamSpec p = ((LayerPropertyItem) item).param();
            return switch (p.kind()) {
                case CHOICE -> choiceEditor(item, p);
                case INT, NUMBER, PAIR -> new SettingEditor((LayerPropertyItem) item);
            };
        };
    }

    /** A list of the setting's choices, each shown by its name in the studio's language (the value stays its id). */
    @SuppressWarnings("unchecked")
    private static PropertyEditor<?> choiceEditor(PropertySheet.Item item, ParamSpec p) {
        var editor = Editors.createChoiceEditor(item, p.choices());
        ((ComboBox<Object>) editor.getEditor()).setConverter(new StringConverter<>() {
            @Override public String toString(Object id) { return id == null ? "" : choiceName(String.valueOf(id)); }

            @Override public Object fromString(String name) {
                return p.choices().stream().filter(id -> choiceName(id).equals(name)).findFirst().orElse(name);
            }
        });
        return editor;
    }

    /** How a choice reads: its name in the catalogue's words ({@link ParamSpec#choiceLabel}). */
    public static String choiceName(String id) {
        return ParamSpec.choiceLabel(id);
    }

    @Override public Class<?> getType() {
        return switch (param.kind()) {
            case INT -> Integer.class;
            case NUMBER -> Double.class;
            case CHOICE, PAIR -> String.class;
        };
    }

    @Override public String getCategory() { return layerName; }

    @Override public String getName() { return param.label(); }

    @Override public String getDescription() { return param.help(); }

    @Override public Object getValue() {
        Object v = getter.apply(param.key());
        if (param.kind() == ParamSpec.Kind.PAIR && v instanceof List<?> l && l.size() == 2) return l.get(0) + "×" + l.get(1);
        return v;
    }

    @Override public void setValue(Object value) {
        Object converted = switch (param.kind()) {
            case INT -> value instanceof Number n ? (Object) n.intValue() : value;
            case NUMBER -> value instanceof Number n ? (Object) n.doubleValue() : value;
            case CHOICE -> value;
            case PAIR -> parsePair(String.valueOf(value));
        };
        if (converted != null && !converted.equals(getter.apply(param.key()))) setter.accept(param.key(), converted);
    }

    /** "3×3", "3x3", "3 3" or "3" (square) → [3, 3]; anything else is passed on and refused with a sentence. */
    static Object parsePair(String text) {
        String[] parts = text.trim().split("\\s*[×xX*, ]\\s*");
        try {
            if (parts.length == 1) {
                int v = Integer.parseInt(parts[0]);
                return List.of(v, v);
            }
            if (parts.length == 2) return List.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            // fall through
        }
        return text;
    }

    @Override public Optional<ObservableValue<? extends Object>> getObservableValue() { return Optional.empty(); }
}
