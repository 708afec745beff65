package org.modelstudio.ui.evaluation;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.modelstudio.core.eval.DetailedEvaluation;
import org.modelstudio.core.eval.EvaluationReport;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.ui.common.SecondaryWindow;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.SplitPane;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The evaluation window's view: forwards choices and clicks to {@link EvaluationViewModel} and draws what it holds:
 * the confusion matrix as a heat map of clickable cells, the per-class metrics and the gallery of examples.
 */
public final class EvaluationView {
    private final EvaluationViewModel model;

    @FXML private ComboBox<EvaluationViewModel.Choice> choiceBox;
    @FXML private Button evaluateButton;
    @FXML private Button otherDataButton;
    @FXML private Button cancelButton;
    @FXML private Button exportButton;
    @FXML private Button mistakesButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label messageLabel;
    @FXML private GridPane matrixGrid;
    @FXML private TableView<ClassRow> classTable;
    @FXML private Label galleryTitle;
    @FXML private FlowPane galleryPane;
    @FXML private SplitPane split;
    @FXML private SplitPane regressionPane;
    @FXML private StackPane scatterHolder;
    @FXML private TableView<EvaluationViewModel.ErrorRow> errorTable;
    private final ScatterPlot scatter = new ScatterPlot();

    /** One line of the per-class table (a class, or an average). */
    public record ClassRow(String name, double precision, double recall, double f1, int support) {}

    public EvaluationView(EvaluationViewModel model) { this.model = model; }

    /** Opens the evaluation window (owned by {@code owner}); returns its stage. */
    public static Stage open(Window owner, EvaluationViewModel model) throws IOException {
        return SecondaryWindow.open(owner, "Evaluation.fxml", new EvaluationView(model), Texts.get("ui.eval.title"), 1260, 840, 760, 520);
    }

    @FXML private void initialize() {
        choiceBox.setItems(model.choices());
        model.choices().addListener((ListChangeListener<EvaluationViewModel.Choice>) c -> selectFirstChoice());
        selectFirstChoice();
        evaluateButton.disableProperty().bind(model.runningProperty().or(choiceBox.valueProperty().isNull()));
        evaluateButton.setOnAction(e -> model.evaluate(choiceBox.getValue()));
        model.onAmbiguousClasses(this::askWhichLabel);
        otherDataButton.disableProperty().bind(model.runningProperty());
        otherDataButton.setOnAction(e -> chooseOtherData());
        otherDataButton.setTooltip(new Tooltip(Texts.get("ui.eval.tip.other-data")));
        cancelButton.visibleProperty().bind(model.runningProperty());
        cancelButton.managedProperty().bind(model.runningProperty());
        cancelButton.setOnAction(e -> model.cancel());
        progressBar.progressProperty().bind(model.progressProperty());
        progressBar.visibleProperty().bind(model.runningProperty());
        progressBar.managedProperty().bind(model.runningProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        exportButton.disableProperty().bind(model.evaluationProperty().isNull().and(model.regressionProperty().isNull()));
        exportButton.setOnAction(e -> export());
        mistakesButton.disableProperty().bind(model.evaluationProperty().isNull());
        mistakesButton.setOnAction(e -> model.showMistakes());
        galleryTitle.textProperty().bind(model.galleryTitleProperty());
        model.gallery().addListener((ListChangeListener<GalleryItem>) c -> drawGallery());
        model.evaluationProperty().addListener((obs, old, d) -> drawReport(d));
        model.selectedCellProperty().addListener((obs, old, cell) -> markSelected(cell));
        buildClassTable();
        buildRegressionView();
        drawReport(model.evaluationProperty().get());
        drawGallery();
    }

    private void selectFirstChoice() {
        if (!model.choices().isEmpty() && (choiceBox.getValue() == null || !model.choices().contains(choiceBox.getValue()))) {
            choiceBox.setValue(model.choices().get(0));
        }
    }

    private void chooseOtherData() {
        EvaluationViewModel.Choice choice = askForData(choiceBox.getScene().getWindow(), model.takesImages());
        if (choice != null) {
            model.choices().add(choice);
            choiceBox.setValue(choice);
            model.evaluate(choice);
        }
    }

    /**
     * Asks for other labelled examples: a folder of images (one subfolder per class) for an image model, else a CSV or
     * text file; null when the person cancels.
     */
    public static EvaluationViewModel.Choice askForData(Window window, boolean images) {
        if (images) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(Texts.get("ui.eval.chooser.folder"));
            File dir = chooser.showDialog(window);
            return dir == null ? null : DataChoices.folder(dir.toPath());
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("ui.eval.chooser.file"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.eval.filter.file"), "*.csv", "*.CSV", "*.tsv", "*.txt"));
        File f = chooser.showOpenDialog(window);
        return f == null ? null : DataChoices.file(f.toPath());
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("ui.eval.chooser.export"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Texts.get("ui.eval.filter.html"), "*.html"),
                new FileChooser.ExtensionFilter(Texts.get("ui.eval.filter.csv"), "*.csv"));
        chooser.setInitialFileName("evaluation.html");
        File f = chooser.showSaveDialog(choiceBox.getScene().getWindow());
        if (f != null) model.exportInBackground(f.toPath());
    }

    private void buildClassTable() {
        classTable.getColumns().add(column(Texts.get("ui.eval.column.class"), r -> r.name(), 150));
        classTable.getColumns().add(column(Texts.get("ui.eval.column.precision"), r -> fmt(r.precision()), 80));
        classTable.getColumns().add(column(Texts.get("ui.eval.column.recall"), r -> fmt(r.recall()), 80));
        classTable.getColumns().add(column("F1", r -> fmt(r.f1()), 70));
        classTable.getColumns().add(column(Texts.get("ui.eval.column.support"), r -> Texts.number(r.support()), 70));
        classTable.setPlaceholder(new Label(Texts.get("ui.eval.classes-placeholder")));
    }

    /** A regression's figures: the predicted-against-actual plot and the examples with the largest errors. */
    private void buildRegressionView() {
        scatterHolder.getChildren().add(scatter);
        regressionPane.visibleProperty().bind(model.regressionProperty().isNotNull());
        split.visibleProperty().bind(model.regressionProperty().isNull());
        model.regressionProperty().addListener((obs, old, r) -> scatter.show(r));
        errorTable.setItems(model.largestErrors());
        errorTable.setPlaceholder(new Label(Texts.get("ui.eval.errors-placeholder")));
        errorTable.getColumns().add(errorColumn(Texts.get("ui.eval.column.example"), r -> r.example(), 260));
        errorTable.getColumns().add(errorColumn(Texts.get("ui.eval.column.actual"), r -> RegressionReport.number(r.actual()), 80));
        errorTable.getColumns().add(errorColumn(Texts.get("ui.eval.column.predicted"), r -> RegressionReport.number(r.predicted()), 80));
        errorTable.getColumns().add(errorColumn(Texts.get("ui.eval.column.error"), r -> RegressionReport.number(r.error()), 70));
    }

    private static TableColumn<EvaluationViewModel.ErrorRow, String> errorColumn(String title,
            Function<EvaluationViewModel.ErrorRow, String> value, double width) {
        TableColumn<EvaluationViewModel.ErrorRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private static TableColumn<ClassRow, String> column(String title, Function<ClassRow, String> value, double width) {
        TableColumn<ClassRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private static String fmt(double v) { return Texts.number(v, 3); }

    /** The per-class rows and the two averages, as the table shows them. */
    static List<ClassRow> classRows(EvaluationReport r) {
        List<ClassRow> rows = new ArrayList<>();
        for (int c = 0; c < r.classes().size(); c++) {
            rows.add(new ClassRow(r.classes().get(c), r.precision()[c], r.recall()[c], r.f1()[c], r.support()[c]));
        }
        rows.add(new ClassRow(Texts.get("ui.eval.macro"), r.macroPrecision(), r.macroRecall(), r.macroF1(), r.total()));
        rows.add(new ClassRow(Texts.get("ui.eval.weighted"), r.weightedPrecision(), r.weightedRecall(), r.weightedF1(), r.total()));
        return rows;
    }

    private void drawReport(DetailedEvaluation d) {
        matrixGrid.getChildren().clear();
        classTable.getItems().clear();
        if (d == null) return;
        EvaluationReport r = d.report();
        classTable.getItems().setAll(classRows(r));
        int n = r.classes().size();
        Label corner = new Label(Texts.get("ui.eval.matrix.corner"));
        corner.getStyleClass().add("matrix-corner");
        matrixGrid.add(corner, 0, 0);
        for (int p = 0; p < n; p++) {
            Label head = new Label(Integer.toString(p));
            head.getStyleClass().add("matrix-head");
            head.setTooltip(new Tooltip(Texts.get("ui.eval.matrix.head", r.classes().get(p))));
            matrixGrid.add(head, p + 1, 0);
        }
        for (int a = 0; a < n; a++) {
            Label name = new Label(a + "  " + r.classes().get(a));
            name.getStyleClass().add("matrix-row-name");
            matrixGrid.add(name, 0, a + 1);
            for (int p = 0; p < n; p++) matrixGrid.add(cell(r, a, p), p + 1, a + 1);
        }
    }

    /** One cell: its count and share of the row, coloured by that share (blue on the diagonal, red off it). */
    private StackPane cell(EvaluationReport r, int a, int p) {
        int count = r.confusion()[a][p];
        double share = r.rowPercent(a, p) / 100.0;
        Label countLabel = new Label(Integer.toString(count));
        countLabel.getStyleClass().add("cell-count");
        Label shareLabel = new Label(count == 0 ? "" : Texts.percent(share, 0));
        shareLabel.getStyleClass().add("cell-share");
        VBox text = new VBox(countLabel, shareLabel);
        text.setAlignment(Pos.CENTER);
        StackPane cell = new StackPane(text);
        cell.setId("cell-" + a + "-" + p);
        cell.getStyleClass().addAll("matrix-cell", a == p ? "diagonal" : "off-diagonal");
        double alpha = count == 0 ? 0 : 0.12 + 0.88 * share;
        String rgb = a == p ? "45,108,223" : "214,39,40";
        cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%s,%.3f);", rgb, alpha));
        if (alpha > 0.55) cell.getStyleClass().add("dark");
        cell.setCursor(Cursor.HAND);
        String says = Texts.get("ui.eval.matrix.cell", r.classes().get(a), r.classes().get(p), count, Texts.percent(share, 1));
        Tooltip.install(cell, new Tooltip(says));
        cell.setAccessibleText(says);
        cell.setOnMouseClicked(e -> model.showCell(a, p));
        return cell;
    }

    private void markSelected(int[] selected) {
        for (Node n : matrixGrid.getChildren()) {
            n.getStyleClass().remove("selected");
            if (selected != null && ("cell-" + selected[0] + "-" + selected[1]).equals(n.getId())) n.getStyleClass().add("selected");
        }
    }

    private void drawGallery() {
        List<Node> tiles = new ArrayList<>();
        for (GalleryItem item : model.gallery()) tiles.add(tile(item));
        galleryPane.getChildren().setAll(tiles);
    }

    private static VBox tile(GalleryItem item) {
        VBox tile = new VBox(3);
        tile.getStyleClass().addAll("gallery-tile", item.correct() ? "right" : "mistake");
        if (item.picture() != null) {
            tile.getChildren().add(new ImageView(item.picture()));
        } else {
            Label text = new Label(item.description());
            text.setWrapText(true);
            text.getStyleClass().add("gallery-text");
            tile.getChildren().add(text);
        }
        Label truth = new Label(Texts.get("ui.eval.gallery.true", item.actual()));
        truth.getStyleClass().add("gallery-truth");
        Label predicted = new Label(Texts.get("ui.eval.gallery.predicted", item.predicted(), Texts.percent(item.outcome().confidence(), 1)));
        predicted.getStyleClass().add("gallery-predicted");
        truth.setWrapText(true);
        predicted.setWrapText(true);
        tile.getChildren().addAll(truth, predicted);
        Tooltip.install(tile, new Tooltip(item.description() + Texts.get("ui.eval.gallery.true-probability",
                Texts.percent(item.outcome().actualProbability(), 1))));
        return tile;
    }

    /** Asks which of the model's labels each ambiguous class of the data is; null when the person cancels. */
    private Map<String, String> askWhichLabel(Map<String, List<String>> ambiguous) {
        Dialog<Map<String, String>> dialog = new Dialog<>();
        dialog.initOwner(choiceBox.getScene().getWindow());
        dialog.setTitle(Texts.get("ui.eval.ambiguous.title"));
        dialog.setHeaderText(Texts.get("ui.eval.ambiguous.header"));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        Map<String, ChoiceBox<String>> boxes = new LinkedHashMap<>();
        int row = 0;
        for (Map.Entry<String, List<String>> e : ambiguous.entrySet()) {
            ChoiceBox<String> box = new ChoiceBox<>(FXCollections.observableArrayList(e.getValue()));
            box.getSelectionModel().selectFirst();
            box.setAccessibleText(Texts.get("ui.eval.ambiguous.a11y", e.getKey()));
            grid.addRow(row++, new Label(Texts.get("ui.eval.ambiguous.is", e.getKey())), box);
            boxes.put(e.getKey(), box);
        }
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> {
            if (b != ButtonType.OK) return null;
            Map<String, String> chosen = new LinkedHashMap<>();
            boxes.forEach((name, box) -> chosen.put(name, box.getValue()));
            return chosen;
        });
        return dialog.showAndWait().orElse(null);
    }
}
