package org.modelstudio.ui.model;

import org.modelstudio.core.i18n.Texts;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.ShapeInference;

import java.util.List;
import java.util.Optional;

/**
 * File › New from template: the templates in a list, and for the one under the cursor its description,
 * layers and size, read before anything is opened. Enter or a double click opens it.
 */
public final class TemplateChooser {
    private final Dialog<NetworkSpec> dialog = new Dialog<>();
    private final ListView<NetworkSpec> list = new ListView<>();

    public TemplateChooser(Window owner, List<NetworkSpec> templates, NetworkSpec current) {
        dialog.initOwner(owner);
        dialog.setTitle(Texts.get("ui.template.title"));
        dialog.setHeaderText(Texts.get("ui.template.header"));
        ButtonType open = new ButtonType(Texts.get("ui.template.open"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(open, ButtonType.CANCEL);
        list.getItems().setAll(templates);
        list.setId("templateList");
        list.setPrefWidth(230);
        list.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(NetworkSpec s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
            }
        });
        Label name = new Label();
        name.getStyleClass().add("template-name");
        Label description = new Label();
        description.setId("templateDescription");
        description.setWrapText(true);
        Label facts = new Label();
        facts.setWrapText(true);
        facts.getStyleClass().add("description");
        VBox details = new VBox(10, name, description, facts);
        details.setPrefWidth(400);
        details.setMaxWidth(400);
        for (Label l : new Label[] {name, description, facts}) l.setMaxWidth(400);
        HBox.setHgrow(details, Priority.ALWAYS);
        HBox content = new HBox(16, list, details);
        content.setPadding(new Insets(8, 0, 0, 0));
        content.setPrefHeight(300);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, s) -> {
            name.setText(s == null ? "" : s.name());
            description.setText(s == null ? "" : s.description());
            facts.setText(s == null ? "" : facts(s));
        });
        dialog.getDialogPane().lookupButton(open).disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) openSelected();
        });
        // The list would keep Enter to itself; here it means Open.
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == open ? list.getSelectionModel().getSelectedItem() : null);
        int start = Math.max(0, templates.indexOf(current));
        list.getSelectionModel().select(start);
        dialog.setOnShown(e -> Platform.runLater(list::requestFocus));
    }

    private void openSelected() {
        NetworkSpec chosen = list.getSelectionModel().getSelectedItem();
        if (chosen == null) return;
        dialog.setResult(chosen);
        dialog.close();
    }

    /** "8 layers · 421,642 parameters · takes 28×28×1 · 10 classes". */
    static String facts(NetworkSpec s) {
        NetworkSummary summary = ShapeInference.analyse(s);
        return Texts.get("ui.template.facts", Texts.number(s.layers().size()),
                Texts.number(summary.totalParameters()), summary.inputShape(), s.outputUnits() < 0 ? "?" : Texts.number(s.outputUnits()));
    }

    public Optional<NetworkSpec> showAndWait() { return dialog.showAndWait(); }

    Dialog<NetworkSpec> dialog() { return dialog; }
}
