package org.modelstudio.ui.model;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.controlsfx.property.editor.PropertyEditor;

import java.util.Locale;

/**
 * A typed setting (whole number, number, or height × width) in the property sheet. It checks the text
 * against the catalogue's range as it is typed (the field turns red and says why), and commits on Enter or
 * when focus leaves; Escape puts the current value back. ControlsFX's own numeric field commits only on
 * focus loss, so pressing Enter there did nothing.
 */
final class SettingEditor implements PropertyEditor<Object> {
    private final LayerPropertyItem item;
    private final TextField field = new TextField();

    SettingEditor(LayerPropertyItem item) {
        this.item = item;
        field.getStyleClass().add("setting-field");
        field.setTooltip(new Tooltip(item.getDescription()));
        setValue(item.getValue());
        field.textProperty().addListener((obs, old, text) -> showProblem(item.param().problem(item.getCategory(), parse(text))));
        field.setOnAction(e -> {
            commit();
            e.consume();   // Enter commits the setting and does nothing else
        });
        field.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) commit();
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                setValue(item.getValue());
                e.consume();
            }
        });
    }

    private void commit() {
        Object value = parse(field.getText());
        item.setValue(value);
        // The network may have refused it (the sheet's status line says why); show what holds now.
        if (item.param().problem(item.getCategory(), value) == null) setValue(item.getValue());
    }

    /** The typed text as the value the catalogue checks: Integer, Double, [h, w], or the text itself. */
    private Object parse(String text) {
        String t = text.trim();
        try {
            return switch (item.param().kind()) {
                case INT -> Integer.valueOf(t);
                case NUMBER -> Double.valueOf(t.replace(',', '.'));
                case PAIR -> LayerPropertyItem.parsePair(t);
                case CHOICE -> t;
            };
        } catch (NumberFormatException e) {
            return t;
        }
    }

    private void showProblem(String problem) {
        field.pseudoClassStateChanged(INVALID, problem != null);
        field.getTooltip().setText(problem != null ? problem : item.getDescription());
    }

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    @Override public Node getEditor() { return field; }

    @Override public Object getValue() { return parse(field.getText()); }

    @Override public void setValue(Object value) {
        String text;
        if (value instanceof Double d) {
            text = d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(d);
        } else {
            text = value == null ? "" : String.valueOf(value);
        }
        field.setText(text);
    }
}
