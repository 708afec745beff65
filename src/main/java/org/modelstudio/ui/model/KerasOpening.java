package org.modelstudio.ui.model;

import org.modelstudio.core.i18n.Texts;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.modelstudio.core.io.ModelReading;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.keras.KerasImport;
import org.modelstudio.ui.common.ChooserFolders;
import org.modelstudio.ui.common.CurrentModel;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * File ▸ Open Keras model… and a Keras file dropped on the window: the file is opened in the background (in a child
 * process, see {@link KerasImport}); a dialog then shows how the studio proposes to read its input, which the file
 * does not say, with the other readings that fit and an optional file of class names. Once confirmed, the network
 * appears in the editor as blocks and becomes the model in use, with its weights.
 */
public final class KerasOpening {
    private final Supplier<Window> owner;
    private final CurrentModel currentModel;
    private final ModelViewModel editor;
    private final Executor executor;
    /** The dialog shown last (for tests). */
    private Dialog<ButtonType> shown;

    public KerasOpening(Supplier<Window> owner, CurrentModel currentModel, ModelViewModel editor, Executor executor) {
        this.owner = owner;
        this.currentModel = currentModel;
        this.editor = editor;
        this.executor = executor;
    }

    /** Whether a dropped or chosen file looks like a Keras model (.h5 or .hdf5). */
    public static boolean isKerasFile(File f) {
        String n = f.getName().toLowerCase(Locale.ROOT);
        return f.isFile() && (n.endsWith(".h5") || n.endsWith(".hdf5"));
    }

    /** File ▸ Open Keras model…: asks for the file (the chooser opens where the last one came from), then {@link #open}. */
    public void choose(ChooserFolders folders) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("ui.keras.chooser"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.main.filter.keras"), "*.h5", "*.hdf5"));
        folders.openIn(chooser, "keras", Optional.empty());
        File file = chooser.showOpenDialog(owner.get());
        if (file == null) return;
        folders.used("keras", file.toPath());
        open(file.toPath());
    }

    /** Opens {@code file} with the proposed reading, then asks the person to confirm it (see the class comment). */
    public Task<KerasImport.Opened> open(Path file) {
        Task<KerasImport.Opened> task = opening(file, null, null);
        task.setOnSucceeded(e -> confirm(file, task.getValue()));
        currentModel.set(currentModel.get(), Texts.get("ui.keras.opening", file.getFileName()));
        executor.execute(task);
        return task;
    }

    private Task<KerasImport.Opened> opening(Path file, ModelReading reading, Path labels) {
        String before = currentModel.originProperty().get();
        Task<KerasImport.Opened> task = new Task<>() {
            @Override protected KerasImport.Opened call() throws Exception { return KerasImport.open(file, reading, labels); }
        };
        task.setOnFailed(e -> {
            currentModel.set(currentModel.get(), before.equals(Texts.get("ui.keras.opening", file.getFileName())) ? Texts.get("ui.model-in-use.none") : before);
            Alert a = new Alert(Alert.AlertType.ERROR, task.getException().getMessage());
            a.initOwner(owner.get());
            a.setHeaderText(Texts.get("ui.keras.error", file.getFileName()));
            a.show();
        });
        return task;
    }

    /** The reading dialog; OK opens the file again if the reading or the labels changed, then puts the model in use. */
    private void confirm(Path file, KerasImport.Opened opened) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(Texts.get("ui.keras.title"));
        dialog.setHeaderText(Texts.get("ui.keras.header", file.getFileName(), opened.kerasVersion()
                + (opened.backend().isEmpty() ? "" : ", " + opened.backend())));
        TrainedModel model = opened.model();
        Label summary = new Label(Texts.get("ui.keras.summary", Texts.number(opened.kerasLayers()), Texts.number(model.spec().layers().size()),
                Texts.number(model.parameterCount()), String.format(Locale.ROOT, "%.1e", opened.maxDifference())));
        summary.setWrapText(true);
        Label question = new Label(Texts.get("ui.keras.question"));
        question.setWrapText(true);
        question.getStyleClass().add("dialog-question");
        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(6);
        for (ModelReading r : opened.readings()) {
            RadioButton b = new RadioButton(r.describe() + (r.equals(opened.readings().get(0)) ? Texts.get("ui.keras.proposed") : ""));
            b.setUserData(r);
            b.setToggleGroup(group);
            b.setId("reading-" + r.id().replace(':', '-') + (r.pixels255() ? "-255" : ""));
            if (r.equals(opened.reading())) b.setSelected(true);
            choices.getChildren().add(b);
        }
        Path[] labels = new Path[1];
        Label labelText = new Label(labelSummary(model.labels()));
        labelText.setWrapText(true);
        Button chooseLabels = new Button(Texts.get("ui.keras.labels-button"));
        chooseLabels.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle(Texts.get("ui.keras.labels-chooser"));
            File f = c.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                labels[0] = f.toPath();
                labelText.setText(Texts.get("ui.keras.labels-from", f.getName()));
            }
        });
        HBox labelRow = new HBox(10, labelText, chooseLabels);
        VBox content = new VBox(12, summary, question, choices, labelRow);
        content.setPadding(new Insets(12, 14, 4, 14));
        content.setPrefWidth(620);
        dialog.getDialogPane().setContent(content);
        ButtonType open = new ButtonType(Texts.get("ui.template.open"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(open, ButtonType.CANCEL);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() != open) {
                currentModel.set(currentModel.get(), currentModel.get() == null ? Texts.get("ui.model-in-use.none")
                        : Texts.get("ui.keras.not-opened", file.getFileName()));
                return;
            }
            ModelReading chosen = (ModelReading) group.getSelectedToggle().getUserData();
            if (chosen.equals(opened.reading()) && labels[0] == null) {
                use(file, opened);
                return;
            }
            Task<KerasImport.Opened> again = opening(file, chosen, labels[0]);
            again.setOnSucceeded(done -> use(file, again.getValue()));
            executor.execute(again);
        });
        shown = dialog;
        dialog.show();
    }

    private void use(Path file, KerasImport.Opened opened) {
        TrainedModel model = opened.model();
        editor.openNetwork(model.spec());
        currentModel.set(model, Texts.get("ui.keras.opened", file.getFileName(), opened.kerasVersion(),
                opened.reading().describe(), Texts.number(model.labels().size())));
    }

    private static String labelSummary(List<String> labels) {
        return Texts.get("ui.keras.class-names", String.join(", ", labels.subList(0, Math.min(4, labels.size()))) + (labels.size() > 4 ? ", …" : ""));
    }

    /** The reading dialog shown last, for tests. */
    public Dialog<ButtonType> dialog() { return shown; }
}
