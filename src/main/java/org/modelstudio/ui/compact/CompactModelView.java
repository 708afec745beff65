package org.modelstudio.ui.compact;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.modelstudio.core.eval.CompactionReport;
import org.modelstudio.engine.Precision;
import org.modelstudio.ui.common.SecondaryWindow;
import org.modelstudio.ui.evaluation.EvaluationView;
import org.modelstudio.ui.evaluation.EvaluationViewModel.Choice;

import java.io.File;
import java.io.IOException;
import java.util.function.Function;

/** The compact-model window's view: forwards choices and presses to {@link CompactModelViewModel} and shows its table. */
public final class CompactModelView {
    private final CompactModelViewModel model;

    @FXML private Label modelLabel;
    @FXML private ToggleGroup precisionGroup;
    @FXML private RadioButton fp16Button;
    @FXML private RadioButton int8Button;
    @FXML private ComboBox<Choice> choiceBox;
    @FXML private Button otherDataButton;
    @FXML private Button measureButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progressBar;
    @FXML private TableView<CompactionReport.Row> reportTable;
    @FXML private Label messageLabel;
    @FXML private Button saveButton;
    @FXML private Button closeButton;

    public CompactModelView(CompactModelViewModel model) { this.model = model; }

    /** Opens the window (owned by {@code owner}); returns its stage. */
    public static Stage open(Window owner, CompactModelViewModel model) throws IOException {
        return SecondaryWindow.open(owner, "CompactModel.fxml", new CompactModelView(model), Texts.get("ui.compact.title"), 720, 500, 560, 460);
    }

    @FXML private void initialize() {
        modelLabel.textProperty().bind(model.modelNameProperty());
        fp16Button.setUserData(Precision.FP16);
        int8Button.setUserData(Precision.INT8);
        precisionGroup.selectToggle(model.precisionProperty().get() == Precision.FP16 ? fp16Button : int8Button);
        precisionGroup.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) model.precisionProperty().set((Precision) t.getUserData());
        });
        fp16Button.disableProperty().bind(model.runningProperty());
        int8Button.disableProperty().bind(model.runningProperty());
        choiceBox.setItems(model.choices());
        choiceBox.valueProperty().bindBidirectional(model.choiceProperty());
        choiceBox.disableProperty().bind(model.runningProperty());
        otherDataButton.disableProperty().bind(model.runningProperty());
        otherDataButton.setOnAction(e -> {
            Choice picked = EvaluationView.askForData(otherDataButton.getScene().getWindow(), model.takesImages());
            if (picked != null) model.addChoice(picked);
        });
        measureButton.disableProperty().bind(model.runningProperty().or(choiceBox.valueProperty().isNull()));
        measureButton.setOnAction(e -> model.measure());
        cancelButton.visibleProperty().bind(model.runningProperty());
        cancelButton.managedProperty().bind(model.runningProperty());
        cancelButton.setOnAction(e -> model.cancel());
        progressBar.progressProperty().bind(model.progressProperty());
        progressBar.visibleProperty().bind(model.runningProperty());
        reportTable.setItems(model.rows());
        reportTable.setPlaceholder(new Label(Texts.get("ui.compact.placeholder")));
        reportTable.getColumns().add(column("", CompactionReport.Row::what, 150));
        reportTable.setFocusTraversable(false);
        reportTable.getColumns().add(column(Texts.get("ui.compact.column.before"), CompactionReport.Row::before, 130));
        TableColumn<CompactionReport.Row, String> after = column(Texts.get("ui.compact.column.after"), CompactionReport.Row::after, 130);
        after.textProperty().bind(Bindings.createStringBinding(
                () -> Texts.get("ui.compact.column.after-precision", model.precisionProperty().get().id()), model.precisionProperty()));
        reportTable.getColumns().add(after);
        reportTable.getColumns().add(column(Texts.get("ui.compact.column.change"), CompactionReport.Row::change, 120));
        messageLabel.textProperty().bind(model.messageProperty());
        saveButton.disableProperty().bind(model.reportProperty().isNull().or(model.runningProperty()));
        saveButton.setOnAction(e -> save());
        closeButton.setOnAction(e -> {
            model.cancel();
            closeButton.getScene().getWindow().hide();
        });
    }

    private static TableColumn<CompactionReport.Row, String> column(String title, Function<CompactionReport.Row, String> value, double width) {
        TableColumn<CompactionReport.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        if (!title.isEmpty()) c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    private void save() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("ui.compact.chooser"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.main.filter.models"), "*.zip"));
        chooser.setInitialFileName(model.suggestedFileName());
        File file = chooser.showSaveDialog(saveButton.getScene().getWindow());
        if (file != null) model.save(file.toPath());
    }
}
