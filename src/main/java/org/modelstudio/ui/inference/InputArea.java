package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input part of the Predict area, rebuilt when the model reads another kind of input: for images (or no model) a
 * sentence saying what to drop; for texts a text box (Ctrl+Enter predicts); for tables a form with a field per feature
 * column (a list of the training categories for a categorical one). The Predict button shows for texts and tables.
 */
final class InputArea {
    private static final KeyCombination PREDICT_KEY = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final VBox box;
    private final PredictionViewModel model;
    private final Button predictButton;
    private final Label hint = new Label();
    private final TextArea text = new TextArea();
    private final Map<String, Node> fields = new LinkedHashMap<>();

    InputArea(VBox box, PredictionViewModel model, Button predictButton) {
        this.box = box;
        this.model = model;
        this.predictButton = predictButton;
        hint.setWrapText(true);
        hint.setMinHeight(Label.USE_PREF_SIZE);
        text.setId("textInput");
        text.setPromptText(Texts.get("ui.input.text-prompt"));
        text.setWrapText(true);
        text.setPrefRowCount(4);
        text.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (PREDICT_KEY.match(e)) {
                predict();
                e.consume();
            }
        });
        predictButton.setTooltip(new Tooltip(Texts.get("ui.input.predict-tip")));
        predictButton.setOnAction(e -> predict());
        model.inputKindProperty().addListener((obs, old, kind) -> rebuild());
        model.rowFieldsProperty().addListener((obs, old, f) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        InputKind kind = model.inputKindProperty().get();
        box.getChildren().clear();
        fields.clear();
        boolean typed = kind == InputKind.TEXT || kind == InputKind.TABLE;
        predictButton.setVisible(typed);
        predictButton.setManaged(typed);
        predictButton.disableProperty().unbind();
        predictButton.setDisable(false);
        hint.getStyleClass().setAll("label", typed ? "input-hint" : "drop-hint");
        switch (kind) {
            case TEXT -> {
                hint.setText(Texts.get("ui.input.hint.texts"));
                predictButton.disableProperty().bind(text.textProperty().isEmpty());
                box.getChildren().addAll(text, hint);
            }
            case TABLE -> {
                hint.setText(Texts.get("ui.input.hint.rows"));
                box.getChildren().addAll(form(model.rowFieldsProperty().get()), hint);
            }
            default -> {
                hint.setText(kind.hint());
                box.getChildren().add(hint);
            }
        }
    }

    private Node form(List<RowField> rowFields) {
        GridPane grid = new GridPane();
        grid.setId("rowForm");
        grid.getStyleClass().add("row-form");
        ColumnConstraints names = new ColumnConstraints();
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, values, new ColumnConstraints());
        int row = 0;
        for (RowField f : rowFields) {
            Node input;
            if (f.categorical()) {
                ComboBox<String> choice = new ComboBox<>();
                choice.getItems().addAll(f.categories());
                choice.setPromptText(Texts.get("ui.input.choose"));
                choice.setMaxWidth(Double.MAX_VALUE);
                input = choice;
            } else {
                TextField field = new TextField();
                field.setPromptText(f.hint());
                field.setOnAction(e -> predict());
                input = field;
            }
            input.setId("field-" + f.name());
            ((Control) input).setTooltip(new Tooltip(f.categorical()
                    ? Texts.get("ui.input.tip.choose", f.name(), String.join(", ", f.categories()))
                    : Texts.get("ui.input.tip.number", f.name(), f.hint())));
            fields.put(f.name(), input);
            Label name = new Label(f.name());
            name.setLabelFor(input);
            name.getStyleClass().add("field-name");
            name.setMinWidth(Label.USE_PREF_SIZE);
            Label kind = new Label(f.categorical() ? Texts.get("ui.input.one-of", f.categories().size()) : Texts.get("ui.input.number"));
            kind.getStyleClass().add("field-kind");
            kind.setMinWidth(Label.USE_PREF_SIZE);
            grid.addRow(row++, name, input, kind);
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("row-form-scroll");
        scroll.setMaxHeight(210);
        scroll.setPrefViewportHeight(Math.min(210, rowFields.size() * 31));
        return scroll;
    }

    private void predict() {
        switch (model.inputKindProperty().get()) {
            case TEXT -> {
                if (!text.getText().isBlank()) model.predictText(text.getText());
            }
            case TABLE -> {
                Map<String, String> values = new LinkedHashMap<>();
                fields.forEach((name, input) -> values.put(name, input instanceof TextField t ? t.getText()
                        : ((ComboBox<?>) input).getValue() == null ? "" : String.valueOf(((ComboBox<?>) input).getValue())));
                model.predictRow(values);
            }
            default -> { }
        }
    }
}
