package org.modelstudio.ui.data;

import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.i18n.Texts;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.ui.common.AppDirs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** The Data tab: choose the sample or an image folder; classes with counts, bars and thumbnails; files left out. */
public final class DataView {
    private static final int THUMB = 40;

    private final DataViewModel model;

    @FXML private Button sampleButton;
    @FXML private Button folderButton;
    @FXML private Button cancelScanButton;
    @FXML private Button tableButton;
    @FXML private Button textButton;
    @FXML private ProgressBar scanProgress;
    @FXML private Label summaryLabel;
    @FXML private Label problemLabel;
    @FXML private Label warningsLabel;
    @FXML private FlowPane taskBox;
    @FXML private ChoiceBox<TaskKind> taskChoice;
    @FXML private Button regressionTemplateButton;
    @FXML private Label taskLabel;
    @FXML private ListView<DataViewModel.ClassRow> classList;
    @FXML private TitledPane skippedPane;
    @FXML private TableView<List<String>> previewTable;
    @FXML private ListView<String> skippedList;
    @FXML private TitledPane augmentationPane;
    @FXML private GridPane augmentationGrid;
    @FXML private Button typicalButton;
    @FXML private Button noAugmentationButton;
    @FXML private HBox augmentationPreview;
    private final Map<String, Slider> sliders = new LinkedHashMap<>();
    private final CheckBox flip = new CheckBox(Texts.get("ui.data.augment.flip"));
    private boolean showingAugmentation;

    public DataView(DataViewModel model) { this.model = model; }

    @FXML private void initialize() {
        sampleButton.setOnAction(e -> model.useSample());
        folderButton.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(Texts.get("ui.data.chooser.images"));
            File dir = chooser.showDialog(folderButton.getScene().getWindow());
            if (dir != null) model.useFolder(dir.toPath());
        });
        folderButton.setTooltip(new Tooltip(Texts.get("ui.data.tip.folder")));
        sampleButton.setTooltip(new Tooltip(Texts.get("ui.data.tip.sample")));
        tableButton.setOnAction(e -> chooseCsv(Texts.get("ui.data.chooser.table"))
                .ifPresent(f -> model.useTable(f, null)));
        tableButton.setTooltip(new Tooltip(Texts.get("ui.data.tip.table", TaskKind.rule())));
        textButton.setOnAction(e -> {
            // Texts come as one CSV (a text and a label column) or as a folder of .txt files, one subfolder per class.
            ButtonType csv = new ButtonType(Texts.get("ui.data.texts.file"));
            ButtonType folder = new ButtonType(Texts.get("ui.data.texts.folder"));
            // The shipped topic sentences, when their files are where a person can find them (installed, or a source tree).
            Map<ButtonType, Path> samples = new LinkedHashMap<>();
            AppDirs.samplesDir().ifPresent(d -> {
                for (String[] sample
                        : new String[][] {{Texts.get("ui.data.texts.sample-en"), "text-topics"}, {Texts.get("ui.data.texts.sample-zh"), "text-topics-zh"}}) {
                    Path topics = d.resolve(sample[1]).resolve("topics.csv");
                    if (Files.isRegularFile(topics)) samples.put(new ButtonType(sample[0]), topics);
                }
            });
            List<ButtonType> buttons = new ArrayList<>(List.of(csv, folder));
            buttons.addAll(samples.keySet());
            buttons.add(ButtonType.CANCEL);
            Alert ask = new Alert(Alert.AlertType.NONE,
                    Texts.get("ui.data.texts.question")
                            + (samples.isEmpty() ? "" : Texts.get("ui.data.texts.question-samples")), buttons.toArray(new ButtonType[0]));
            ask.initOwner(textButton.getScene().getWindow());
            ask.setHeaderText(Texts.get("ui.data.texts.header"));
            var answer = ask.showAndWait().orElse(ButtonType.CANCEL);
            if (samples.containsKey(answer)) {
                model.useText(samples.get(answer), null, null);
            } else if (answer == csv) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(Texts.get("ui.data.chooser.texts"));
                chooser.getExtensionFilters().addAll(
                        new FileChooser.ExtensionFilter(Texts.get("ui.data.filter.texts"), "*.csv", "*.CSV", "*.tsv", "*.txt"));
                File f = chooser.showOpenDialog(textButton.getScene().getWindow());
                if (f != null) model.useText(f.toPath(), null, null);
            } else if (answer == folder) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(Texts.get("ui.data.chooser.text-folder"));
                File dir = chooser.showDialog(textButton.getScene().getWindow());
                if (dir != null) model.useText(dir.toPath(), null, null);
            }
        });
        textButton.setTooltip(new Tooltip(Texts.get("ui.data.tip.texts")));
        cancelScanButton.visibleProperty().bind(model.scanningProperty());
        cancelScanButton.managedProperty().bind(model.scanningProperty());
        cancelScanButton.setOnAction(e -> model.cancelScan());
        scanProgress.visibleProperty().bind(model.scanningProperty());
        scanProgress.managedProperty().bind(model.scanningProperty());
        scanProgress.progressProperty().bind(model.scanProgressProperty());
        summaryLabel.textProperty().bind(model.summaryProperty());
        bindOptional(problemLabel, model.problemProperty());
        bindOptional(warningsLabel, model.warningsProperty());
        setUpTask();
        classList.setItems(model.classes());
        classList.setCellFactory(l -> new ClassCell());
        classList.setPlaceholder(new Label(Texts.get("ui.data.classes-placeholder")));
        skippedList.setItems(model.skipped());
        skippedPane.textProperty().bind(Bindings.createStringBinding(() -> Texts.get("ui.data.left-out", model.skipped().size()), model.skipped()));
        skippedPane.visibleProperty().bind(Bindings.isNotEmpty(model.skipped()));
        skippedPane.managedProperty().bind(skippedPane.visibleProperty());
        setUpAugmentation();
        // Tables and texts show their first rows (the class list gets the rest of the space).
        previewTable.setItems(model.previewRows());
        previewTable.visibleProperty().bind(Bindings.isNotEmpty(model.previewColumns()));
        previewTable.managedProperty().bind(previewTable.visibleProperty());
        previewTable.setMinHeight(240);
        // Augmentation is for images: tables and texts do not show it.
        augmentationPane.visibleProperty().bind(Bindings.isEmpty(model.previewColumns()));
        augmentationPane.managedProperty().bind(augmentationPane.visibleProperty());
        model.previewColumns().addListener((ListChangeListener<String>) c -> {
            previewTable.getColumns().clear();
            for (int i = 0; i < model.previewColumns().size(); i++) {
                int at = i;
                var column = new TableColumn<List<String>, String>(model.previewColumns().get(i));
                column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(
                        at < cell.getValue().size() ? cell.getValue().get(at) : "").getReadOnlyProperty());
                column.setSortable(false);
                column.setPrefWidth(model.previewColumns().size() == 2 && i == 1 ? 100 : 150);
                previewTable.getColumns().add(column);
            }
            previewTable.setColumnResizePolicy(model.previewColumns().size() == 2
                    ? TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN
                    : TableView.UNCONSTRAINED_RESIZE_POLICY);
        });
    }

    /**
     * For a table: whether its label is learnt as classes or predicted as a number (a choice only when its values
     * allow both), why, and the regression template when the network does not suit a regression.
     */
    private void setUpTask() {
        taskChoice.getItems().setAll(TaskKind.values());
        taskChoice.setConverter(new StringConverter<>() {
            @Override public String toString(TaskKind k) {
                return k == null ? "" : Texts.get(k == TaskKind.REGRESSION ? "ui.data.task.regression" : "ui.data.task.classification");
            }

            @Override public TaskKind fromString(String s) { return null; }
        });
        taskChoice.setTooltip(new Tooltip(TaskKind.rule()));
        taskChoice.valueProperty().addListener((o, was, kind) -> {
            if (kind != null && kind != model.taskProperty().get()) model.chooseTask(kind);
        });
        model.taskProperty().addListener((o, was, kind) -> taskChoice.setValue(kind));
        taskChoice.disableProperty().bind(model.taskChoosableProperty().not());
        taskBox.visibleProperty().bind(model.taskProperty().isNotNull());
        taskBox.managedProperty().bind(taskBox.visibleProperty());
        regressionTemplateButton.visibleProperty().bind(model.templateSuggestedProperty());
        regressionTemplateButton.managedProperty().bind(regressionTemplateButton.visibleProperty());
        regressionTemplateButton.setOnAction(e -> model.useRegressionTemplate());
        regressionTemplateButton.setTooltip(new Tooltip(Texts.get("ui.data.tip.regression-template")));
        bindOptional(taskLabel, model.taskNoteProperty());
    }

    /** Sliders for each change, and eight variants of the data's first image, redrawn as the sliders move. */
    private void setUpAugmentation() {
        addSlider("rotation", Texts.get("ui.data.augment.rotation"), 45, 0, "%.0f°");
        addSlider("shift", Texts.get("ui.data.augment.shift"), 0.3, 0, "%.2f");
        addSlider("zoom", Texts.get("ui.data.augment.zoom"), 0.3, 0, "%.2f");
        addSlider("brightness", Texts.get("ui.data.augment.brightness"), 0.5, 0, "%.2f");
        addSlider("contrast", Texts.get("ui.data.augment.contrast"), 0.5, 0, "%.2f");
        augmentationGrid.add(flip, 1, sliders.size());
        flip.selectedProperty().addListener((o, a, b) -> fromControls());
        typicalButton.setOnAction(e -> model.augmentationProperty().set(Augmentation.TYPICAL));
        noAugmentationButton.setOnAction(e -> model.augmentationProperty().set(Augmentation.NONE));
        model.augmentationProperty().addListener((o, a, aug) -> {
            toControls(aug);
            preview();
        });
        augmentationPane.expandedProperty().addListener((o, a, open) -> preview());
        model.classes().addListener((ListChangeListener<DataViewModel.ClassRow>) c -> preview());
        augmentationPane.textProperty().bind(Bindings.createStringBinding(() ->
                Texts.get("ui.data.augment.title", model.augmentationProperty().get().describe()), model.augmentationProperty()));
        toControls(model.augmentationProperty().get());
    }

    private void addSlider(String key, String label, double max, double value, String format) {
        Slider slider = new Slider(0, max, value);
        slider.setId("augment-" + key);
        slider.setPrefWidth(180);
        Label shown = new Label();
        shown.textProperty().bind(slider.valueProperty().asString(Locale.ROOT, format));
        int row = sliders.size();
        augmentationGrid.addRow(row, new Label(label), slider, shown);
        slider.valueProperty().addListener((o, a, b) -> fromControls());
        sliders.put(key, slider);
    }

    private void fromControls() {
        if (showingAugmentation) return;
        model.augmentationProperty().set(new Augmentation(sliders.get("rotation").getValue(),
                sliders.get("shift").getValue(), flip.isSelected(), sliders.get("zoom").getValue(),
                sliders.get("brightness").getValue(), sliders.get("contrast").getValue()));
    }

    private void toControls(Augmentation a) {
        showingAugmentation = true;
        try {
            sliders.get("rotation").setValue(a.rotationDegrees());
            sliders.get("shift").setValue(a.shift());
            sliders.get("zoom").setValue(a.zoom());
            sliders.get("brightness").setValue(a.brightness());
            sliders.get("contrast").setValue(a.contrast());
            flip.setSelected(a.flipHorizontal());
        } finally {
            showingAugmentation = false;
        }
    }

    /** The first training image and seven variants as the next run would see them (grey: the first channel). */
    private void preview() {
        augmentationPreview.getChildren().clear();
        if (!augmentationPane.isExpanded()) return;
        float[] example = model.previewExample();
        if (!(model.previewShape() instanceof Shape.Image shape) || example == null) {
            augmentationPreview.getChildren().add(new Label(Texts.get("ui.data.augment.images-only")));
            return;
        }
        var aug = model.augmentationProperty().get();
        Random random = new Random(1);
        for (int i = 0; i < 8; i++) {
            float[] variant = i == 0 ? example : aug.apply(example, shape, random);
            ImageView view = new ImageView(grey(variant, shape.width(), shape.height()));
            view.setFitWidth(48);
            view.setFitHeight(48);
            augmentationPreview.getChildren().add(view);
        }
    }

    private Optional<Path> chooseCsv(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.data.filter.csv"), "*.csv", "*.CSV"));
        File file = chooser.showOpenDialog(tableButton.getScene().getWindow());
        return Optional.ofNullable(file).map(File::toPath);
    }

    private static void bindOptional(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
    }

    /** A class: name and count over a bar as long as its share of the largest class, then its first images. */
    private final class ClassCell extends ListCell<DataViewModel.ClassRow> {
        @Override protected void updateItem(DataViewModel.ClassRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label(row.name() + "  " + Texts.number(row.count()));
            name.getStyleClass().add("class-name");
            Region bar = new Region();
            bar.getStyleClass().add("class-bar");
            bar.setPrefWidth(Math.max(2, 160 * row.share()));
            bar.setMaxWidth(Region.USE_PREF_SIZE);
            HBox thumbs = new HBox(3);
            if (!row.preview().isEmpty()) {
                for (var file : row.preview()) {
                    thumbs.getChildren().add(new ImageView(new Image(file.toUri().toString(), THUMB, THUMB, true, true, true)));
                }
            } else if (row.sampleIndexFrom() >= 0 && model.samples().trainIfLoaded() != null) {
                LabeledData sample = model.samples().trainIfLoaded();
                int shown = 0;
                for (int i = row.sampleIndexFrom(); i < sample.size() && shown < DataViewModel.PREVIEW; i++) {
                    if (sample.labels()[i] != sample.classes().indexOf(row.name())) continue;
                    ImageView view = new ImageView(grey(sample.features()[i], 28, 28));
                    view.setFitWidth(THUMB);
                    view.setFitHeight(THUMB);
                    thumbs.getChildren().add(view);
                    shown++;
                }
            }
            VBox text = new VBox(3, name, bar);
            text.setMinWidth(150);
            text.setPrefWidth(150);
            thumbs.setMinWidth(0);
            HBox line = new HBox(10, text, thumbs);
            line.setMinWidth(0);
            Rectangle clip = new Rectangle();
            clip.widthProperty().bind(line.widthProperty());
            clip.heightProperty().bind(line.heightProperty());
            line.setClip(clip);
            setPrefWidth(0);   // as wide as the list: the thumbnails that do not fit are cut, not scrolled to
            setGraphic(line);
        }
    }

    private static Image grey(float[] pixels, int w, int h) {
        WritableImage img = new WritableImage(w, h);
        PixelWriter pw = img.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = Math.round(255 * Math.max(0, Math.min(1, pixels[y * w + x])));
                pw.setArgb(x, y, 0xff000000 | (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }
}
