package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.ui.common.SecondaryWindow;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The Serve window's view: binds to {@link ServeViewModel} and forwards clicks; copying to the clipboard and choosing
 * files are its only own work.
 */
public final class ServeView {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final ServeViewModel model;

    @FXML private VBox entriesBox;
    @FXML private HBox entryButtons;
    @FXML private Button addInUseButton;
    @FXML private Button addFilesButton;
    @FXML private VBox accessBox;
    @FXML private TextField portField;
    @FXML private Label portProblem;
    @FXML private CheckBox networkBox;
    @FXML private CheckBox tokenBox;
    @FXML private TextField tokenField;
    @FXML private Button copyTokenButton;
    @FXML private Button newTokenButton;
    @FXML private Label tokenNote;
    @FXML private Button startServingButton;
    @FXML private Button stopServingButton;
    @FXML private Button freePortButton;
    @FXML private Label startProblem;
    @FXML private Label serveMessage;
    @FXML private VBox versionBox;
    @FXML private VBox addressBox;
    @FXML private ComboBox<String> servedBox;
    @FXML private TextField urlField;
    @FXML private Button copyUrlButton;
    @FXML private Label addressesLabel;
    @FXML private Label versionLabel;
    @FXML private Button publishButton;
    @FXML private Label publishNote;
    @FXML private CheckBox autoPublishBox;
    @FXML private Label examplesNote;
    @FXML private TabPane examplesTabs;
    @FXML private Label requestsTitle;
    @FXML private Label trafficSummary;
    @FXML private StackPane chartHolder;
    @FXML private TableView<RequestRow> requestTable;

    public ServeView(ServeViewModel model) { this.model = model; }

    /** Opens the Serve window (owned by {@code owner}); returns its stage, which can be shown again after it is closed. */
    public static Stage open(Window owner, ServeViewModel model) throws IOException {
        return SecondaryWindow.open(owner, "Serve.fxml", new ServeView(model), Texts.get("ui.serve.title"), 1320, 860, 820, 560, "serving.css");
    }

    @FXML private void initialize() {
        BooleanBinding stopped = model.stateProperty().isEqualTo(ServeViewModel.State.STOPPED);
        BooleanBinding serving = model.stateProperty().isEqualTo(ServeViewModel.State.SERVING);

        model.entries().addListener((ListChangeListener<ServeEntry>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    drawEntries();
                    return;
                }
            }
        });
        drawEntries();
        entriesBox.disableProperty().bind(stopped.not());
        entryButtons.disableProperty().bind(stopped.not());
        addInUseButton.disableProperty().bind(model.canAddModelInUseProperty().not());
        addInUseButton.setOnAction(e -> model.addModelInUse());
        addFilesButton.setOnAction(e -> chooseFiles());

        accessBox.disableProperty().bind(stopped.not());
        portField.textProperty().bindBidirectional(model.portProperty());
        showProblem(portProblem, model.portProblemProperty());
        networkBox.selectedProperty().bindBidirectional(model.networkProperty());
        networkBox.setTooltip(new Tooltip(Texts.get("ui.serve.tip.network")));
        tokenBox.selectedProperty().bindBidirectional(model.tokenRequiredProperty());
        tokenBox.disableProperty().bind(model.networkProperty());
        tokenField.textProperty().bind(model.tokenProperty());
        tokenField.disableProperty().bind(model.tokenRequiredProperty().not());
        copyTokenButton.disableProperty().bind(model.tokenRequiredProperty().not());
        copyTokenButton.setOnAction(e -> copy(model.tokenProperty().get()));
        newTokenButton.disableProperty().bind(stopped.not().or(model.tokenRequiredProperty().not()));
        newTokenButton.setOnAction(e -> model.newToken());
        tokenNote.textProperty().bind(Bindings.createStringBinding(() -> model.networkProperty().get()
                        ? Texts.get("ui.serve.token.network")
                        : model.tokenRequiredProperty().get()
                        ? Texts.get("ui.serve.token.required")
                        : Texts.get("ui.serve.token.none"),
                model.networkProperty(), model.tokenRequiredProperty()));

        startServingButton.disableProperty().bind(model.canStartProperty().not());
        startServingButton.setOnAction(e -> model.start());
        stopServingButton.disableProperty().bind(serving.not().or(model.publishing().runningProperty()));
        stopServingButton.setOnAction(e -> model.stop());
        freePortButton.textProperty().bind(Bindings.createStringBinding(() -> Texts.get("ui.serve.use-port", model.freePortProperty().get()),
                model.freePortProperty()));
        freePortButton.visibleProperty().bind(model.freePortProperty().greaterThan(0).and(stopped));
        freePortButton.managedProperty().bind(freePortButton.visibleProperty());
        freePortButton.setOnAction(e -> model.useFreePort());
        showProblem(startProblem, model.startProblemProperty());
        serveMessage.textProperty().bind(model.messageProperty());
        serveMessage.pseudoClassStateChanged(FAILED, model.failedProperty().get());
        model.failedProperty().addListener((obs, was, failed) -> serveMessage.pseudoClassStateChanged(FAILED, failed));

        for (VBox box : new VBox[] {versionBox, addressBox}) {
            box.visibleProperty().bind(stopped.not().and(Bindings.isNotEmpty(model.servedNames())));
            box.managedProperty().bind(box.visibleProperty());
        }
        servedBox.setItems(model.servedNames());
        servedBox.valueProperty().bindBidirectional(model.selectedProperty());
        urlField.textProperty().bind(model.urlProperty());
        copyUrlButton.setOnAction(e -> copy(model.urlProperty().get()));
        showProblem(addressesLabel, model.addressesProperty());
        versionLabel.textProperty().bind(model.versionProperty());
        Publishing publishing = model.publishing();
        publishButton.textProperty().bind(publishing.actionProperty());
        publishButton.disableProperty().bind(publishing.allowedProperty().not());
        publishButton.setOnAction(e -> publishing.publish());
        publishNote.textProperty().bind(publishing.noteProperty());
        autoPublishBox.selectedProperty().bindBidirectional(publishing.automaticProperty());

        showProblem(examplesNote, model.examplesNoteProperty());
        model.examples().addListener((ListChangeListener<ServeViewModel.Example>) c -> drawExamples());
        drawExamples();

        TrafficChart chart = new TrafficChart(model.traffic());
        chartHolder.getChildren().add(chart);
        model.trafficRevisionProperty().addListener(o -> chart.draw());
        trafficSummary.textProperty().bind(model.trafficSummaryProperty());
        requestsTitle.textProperty().bind(Bindings.createStringBinding(() ->
                Texts.get("ui.serve.requests-title", Texts.number(model.requests().size())), model.requests()));
        RequestTable.configure(requestTable, model.requests());
    }

    /** A label that shows a sentence when there is one, and takes no room when there is none. */
    private static void showProblem(Label label, ObservableValue<String> text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.createBooleanBinding(() -> text.getValue() != null && !text.getValue().isEmpty(), text));
        label.managedProperty().bind(label.visibleProperty());
    }

    private void drawEntries() {
        entriesBox.getChildren().clear();
        for (ServeEntry entry : model.entries()) {
            TextField name = new TextField();
            name.textProperty().bindBidirectional(entry.nameProperty());
            name.setPrefColumnCount(15);
            name.setMinWidth(180);
            name.getStyleClass().add("entry-name");
            name.setTooltip(new Tooltip(Texts.get("ui.serve.tip.name")));
            Label source = new Label();
            source.textProperty().bind(entry.sourceProperty());
            source.setWrapText(true);
            source.setMinHeight(Label.USE_PREF_SIZE);
            source.getStyleClass().add("description");
            if (entry.file() != null) source.setTooltip(new Tooltip(entry.file().toString()));
            HBox.setHgrow(source, Priority.ALWAYS);
            source.setMaxWidth(Double.MAX_VALUE);
            Button remove = new Button(Texts.get("ui.serve.remove"));
            remove.setMinWidth(Button.USE_PREF_SIZE);
            remove.setOnAction(e -> model.remove(entry));
            HBox line = new HBox(8, name, source, remove);
            line.getStyleClass().add("entry-line");
            Label problem = new Label();
            problem.setWrapText(true);
            problem.setMinHeight(Label.USE_PREF_SIZE);
            problem.getStyleClass().add("problem");
            showProblem(problem, entry.problemProperty());
            VBox row = new VBox(3, line, problem);
            row.getStyleClass().add("serve-entry");
            entriesBox.getChildren().add(row);
        }
    }

    private void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("ui.serve.chooser"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.main.filter.models"), "*.zip"));
        List<File> files = chooser.showOpenMultipleDialog(entriesBox.getScene().getWindow());
        if (files != null) model.addFiles(files.stream().map(File::toPath).toList());
    }

    private void drawExamples() {
        examplesTabs.getTabs().clear();
        for (ServeViewModel.Example ex : model.examples()) {
            TextArea code = new TextArea(ex.code());
            code.setEditable(false);
            code.setWrapText(true); // what is copied is the program as it is; the wrapping only spares a scroll bar
            code.getStyleClass().add("example-code");
            VBox.setVgrow(code, Priority.ALWAYS);
            Button copy = new Button(Texts.get("ui.serve.copy"));
            copy.setId("copy-" + ex.language().toLowerCase(Locale.ROOT));
            copy.setOnAction(e -> copy(ex.code()));
            HBox bar = new HBox(copy);
            bar.getStyleClass().add("toolbar");
            Tab tab = new Tab(ex.language(), new VBox(6, code, bar));
            examplesTabs.getTabs().add(tab);
        }
        if (model.examples().isEmpty()) {
            Label empty = new Label(Texts.get("ui.serve.examples-placeholder"));
            empty.setWrapText(true);
            empty.getStyleClass().add("description");
            examplesTabs.getTabs().add(new Tab(Texts.get("ui.serve.examples"), new StackPane(empty)));
        }
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
