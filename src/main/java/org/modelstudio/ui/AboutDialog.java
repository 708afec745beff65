package org.modelstudio.ui;

import org.modelstudio.core.i18n.Texts;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.modelstudio.ui.common.AppDirs;
import org.modelstudio.ui.common.Licences;

/**
 * Help ▸ About: the version, the runtime, where the studio keeps the user's data and where the sample files
 * are, and every licence text, readable in the dialog (the list on the left picks the text on the right).
 */
final class AboutDialog extends Dialog<Void> {

    AboutDialog(Window owner) {
        initOwner(owner);
        setTitle(Texts.get("ui.about.title"));
        setHeaderText("Model Studio " + StudioApp.version());
        setResizable(true);

        GridPane facts = new GridPane();
        facts.setHgap(10);
        facts.setVgap(4);
        facts.addRow(0, new Label(Texts.get("ui.about.tagline")));
        GridPane.setColumnSpan(facts.getChildren().get(0), 2);
        addFact(facts, 1, Texts.get("ui.about.java"), System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        addFact(facts, 2, "JavaFX", System.getProperty("javafx.runtime.version", "?"));
        addFact(facts, 3, Texts.get("ui.about.data"), AppDirs.dataDir().toString());
        addFact(facts, 4, Texts.get("ui.about.samples"), AppDirs.samplesDir().map(Object::toString).orElse(Texts.get("ui.about.samples-inside")));

        ListView<Licences.Text> list = new ListView<>();
        list.setId("licenceList");
        list.getItems().setAll(Licences.ALL);
        TextArea text = new TextArea();
        text.setId("licenceText");
        text.setEditable(false);
        text.setWrapText(false);
        text.setStyle("-fx-font-family: monospace;");
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) ->
                text.setText(chosen == null ? "" : Licences.read(chosen)));
        list.getSelectionModel().selectFirst();
        SplitPane licences = new SplitPane(list, text);
        licences.setDividerPositions(0.3);
        licences.setPrefSize(860, 420);
        VBox.setVgrow(licences, Priority.ALWAYS);

        VBox content = new VBox(12, facts, new Label(Texts.get("ui.about.licences")), licences);
        content.setPadding(new Insets(4, 0, 0, 0));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    /** A label and a read-only field, so that a path can be selected and copied. */
    private static void addFact(GridPane grid, int row, String name, String value) {
        TextField field = new TextField(value);
        field.setEditable(false);
        field.setPrefColumnCount(48);
        grid.addRow(row, new Label(name), field);
    }
}
