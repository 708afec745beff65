package org.modelstudio.ui;

import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.core.project.RecoveryStore;
import org.modelstudio.ui.common.AppDirs;
import org.modelstudio.ui.common.RecentFiles;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.export.JavaCodeExport;
import org.modelstudio.engine.export.KerasCodeExport;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.model.ModelViewModel;
import org.modelstudio.ui.training.TrainingViewModel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/** The main window: menus and the three areas (Model, Train, Predict), each its own FXML and view. */
public final class MainView {
    private final CurrentModel currentModel;
    private final ModelViewModel model;
    private final TrainingViewModel training;
    private final ExecutorService executor;

    @FXML private BorderPane root;
    @FXML private Label modelOrigin;
    @FXML private MenuItem saveModelItem;
    @FXML private MenuItem trainItem;
    @FXML private MenuItem stopItem;
    @FXML private MenuItem undoItem;
    @FXML private Menu recentMenu;
    @FXML private MenuItem cutItem;
    @FXML private MenuItem copyItem;
    @FXML private MenuItem pasteItem;
    @FXML private MenuItem duplicateItem;
    @FXML private MenuItem deleteItem;
    @FXML private MenuItem moveUpItem;
    @FXML private MenuItem moveDownItem;
    @FXML private MenuItem redoItem;

    private final RecentFiles recent = new RecentFiles(AppDirs.dataDir().resolve("recent.txt"));

    public MainView(CurrentModel currentModel, ModelViewModel model, TrainingViewModel training, ExecutorService executor) {
        this.currentModel = currentModel;
        this.model = model;
        this.training = training;
        this.executor = executor;
    }

    @FXML private void initialize() {
        modelOrigin.textProperty().bind(currentModel.originProperty());
        saveModelItem.disableProperty().bind(currentModel.modelProperty().isNull());
        trainItem.disableProperty().bind(training.runningProperty());
        stopItem.disableProperty().bind(training.runningProperty().not());
        undoItem.textProperty().bind(model.undoTextProperty());
        undoItem.disableProperty().bind(model.canUndoProperty().not());
        redoItem.textProperty().bind(model.redoTextProperty());
        redoItem.disableProperty().bind(model.canRedoProperty().not());
        pasteItem.disableProperty().bind(model.canPasteProperty().not());
        for (MenuItem layerAction : new MenuItem[] {cutItem, copyItem, duplicateItem, deleteItem, moveUpItem, moveDownItem}) {
            layerAction.disableProperty().bind(model.selectedLayerProperty().lessThan(0));
        }
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        // Ctrl+Y redoes too, as on Windows; a menu item has only one accelerator.
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), model::redo);
            }
        });
    }

    // ------------------------------------------------------------------ project files

    @FXML private void newNetwork() {
        if (confirmDiscard()) model.newNetwork();
    }

    @FXML private void openProject() {
        if (!confirmDiscard()) return;
        File file = projectChooser("Open a project").showOpenDialog(root.getScene().getWindow());
        if (file != null) open(file.toPath());
    }

    private void open(Path path) {
        try {
            model.open(path);
            recent.add(path);
        } catch (SpecFormatException e) {
            error("Cannot open the project", e.getMessage() + "\n\nNothing was changed, in the studio or in the file.");
        }
    }

    @FXML private void onSave() { saveProject(); }

    @FXML private void onSaveAs() { saveProjectAs(); }

    /** Saves to the project's file, or asks for one; false if the user cancelled or the save failed. */
    private boolean saveProject() {
        Path file = model.fileProperty().get();
        return file == null ? saveProjectAs() : saveTo(file);
    }

    private boolean saveProjectAs() {
        FileChooser chooser = projectChooser("Save the project");
        chooser.setInitialFileName(KerasCodeExport.modelName(model.specProperty().get().name()) + ProjectFile.EXTENSION);
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file == null) return false;
        Path path = file.toPath();
        if (!path.getFileName().toString().endsWith(ProjectFile.EXTENSION)) path = path.resolveSibling(path.getFileName() + ProjectFile.EXTENSION);
        return saveTo(path);
    }

    private boolean saveTo(Path path) {
        try {
            model.saveTo(path);
            recent.add(path);
            return true;
        } catch (IOException e) {
            error("Cannot save " + path.getFileName(), e.getMessage() + "\n\nThe previous file, if any, is unchanged.");
            return false;
        }
    }

    /**
     * Before the network is replaced or the studio closes: asks about unsaved changes. True when it is fine
     * to go on (saved, or the user chose not to save).
     */
    public boolean confirmDiscard() {
        if (!model.dirtyProperty().get()) return true;
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Save the changes to " + model.specProperty().get().name() + "?",
                save, discard, ButtonType.CANCEL);
        ask.initOwner(root.getScene().getWindow());
        ask.setHeaderText("The network has unsaved changes");
        ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == save) return saveProject();
        return answer == discard;
    }

    /** Offers work autosaved before a crash; restoring it keeps it unsaved until the user saves. */
    public void offerRecovery(RecoveryStore.Recoverable found, RecoveryStore store) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Model Studio closed unexpectedly while "
                + found.project().network().name() + (found.origin() == null ? "" : " (" + found.origin().getFileName() + ")")
                + " had unsaved changes, autosaved at " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(found.savedAt().atZone(java.time.ZoneId.systemDefault())) + ". Restore them?",
                ButtonType.YES, ButtonType.NO);
        ask.initOwner(root.getScene().getWindow());
        ask.setHeaderText("Restore unsaved work?");
        if (ask.showAndWait().orElse(ButtonType.NO) == ButtonType.YES) model.restore(found.project(), found.origin());
        store.clear();
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) {
            MenuItem item = new MenuItem(p.getFileName() + "  (" + p.getParent() + ")");
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                if (confirmDiscard()) open(p);
            });
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private static FileChooser projectChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Model Studio projects", "*" + ProjectFile.EXTENSION));
        return chooser;
    }

    @FXML private void cutLayers() {
        if (!textHasFocus()) model.cutSelected();
    }

    @FXML private void copyLayers() {
        if (!textHasFocus()) model.copySelected();
    }

    @FXML private void pasteLayers() {
        if (!textHasFocus()) model.paste();
    }

    /** Cut, copy, paste and delete keys belong to a text field while one is being edited. */
    private boolean textHasFocus() {
        return root.getScene().getFocusOwner() instanceof javafx.scene.control.TextInputControl;
    }

    @FXML private void duplicateLayer() { model.duplicateSelected(); }

    @FXML private void deleteLayer() {
        // The Delete key also edits text fields (the property sheet): only act on layers when no text field has focus.
        if (!textHasFocus()) model.deleteSelected();
    }

    @FXML private void moveLayerUp() { model.moveSelected(-1); }

    @FXML private void moveLayerDown() { model.moveSelected(1); }

    @FXML private void undo() { model.undo(); }

    @FXML private void redo() { model.redo(); }

    @FXML private void startTraining() { training.start(); }

    @FXML private void stopTraining() { training.stop(); }

    @FXML private void openModel() {
        FileChooser chooser = modelChooser("Open a trained model");
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file == null) return;
        Task<TrainedModel> task = new Task<>() {
            @Override protected TrainedModel call() throws Exception { return ModelFile.load(file.toPath()); }
        };
        task.setOnSucceeded(e -> currentModel.set(task.getValue(), "Opened " + file.getName()
                + " (" + task.getValue().spec().name() + ", " + task.getValue().labels().size() + " classes)"));
        task.setOnFailed(e -> error("Cannot open the model", task.getException().getMessage()));
        executor.execute(task);
    }

    @FXML private void saveModel() {
        TrainedModel model = currentModel.get();
        if (model == null) return;
        FileChooser chooser = modelChooser("Save the trained model");
        chooser.setInitialFileName(model.spec().name().replaceAll("[^A-Za-z0-9-]+", "-").toLowerCase() + ".zip");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file == null) return;
        Task<Void> task = new Task<>() {
            @Override protected Void call() throws Exception {
                ModelFile.save(model, file.toPath());
                return null;
            }
        };
        task.setOnSucceeded(e -> currentModel.set(model, "Saved to " + file.getName()));
        task.setOnFailed(e -> error("Cannot save the model", task.getException().getMessage()));
        executor.execute(task);
    }

    @FXML private void exportJava() { exportToFile(true); }

    @FXML private void exportKeras() { exportToFile(false); }

    @FXML private void copyJava() { copy(true); }

    @FXML private void copyKeras() { copy(false); }

    /** The edited network as code; refused with the network's errors when it cannot be built. */
    private String code(boolean java, String className) throws InvalidNetworkException {
        NetworkSpec spec = model.specProperty().get();
        return java ? JavaCodeExport.export(spec, className) : KerasCodeExport.export(spec);
    }

    private void copy(boolean java) {
        try {
            String code = code(java, JavaCodeExport.className(model.specProperty().get().name()));
            ClipboardContent content = new ClipboardContent();
            content.putString(code);
            Clipboard.getSystemClipboard().setContent(content);
        } catch (InvalidNetworkException e) {
            error("The network cannot be exported yet", e.getMessage());
        }
    }

    private void exportToFile(boolean java) {
        String className = JavaCodeExport.className(model.specProperty().get().name());
        FileChooser chooser = new FileChooser();
        chooser.setTitle(java ? "Export as Java code" : "Export as Keras code");
        chooser.getExtensionFilters().add(java ? new FileChooser.ExtensionFilter("Java source", "*.java")
                : new FileChooser.ExtensionFilter("Python source", "*.py"));
        chooser.setInitialFileName(java ? className + ".java" : KerasCodeExport.modelName(model.specProperty().get().name()) + ".py");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file == null) return;
        try {
            String name = file.getName().replaceFirst("\\.java$", "");
            String code = code(java, java && javax.lang.model.SourceVersion.isName(name) ? name : className);
            AtomicFiles.writeString(file.toPath(), code);
        } catch (InvalidNetworkException e) {
            error("The network cannot be exported yet", e.getMessage());
        } catch (IOException e) {
            error("Cannot write " + file.getName(), e.getMessage());
        }
    }

    @FXML private void quit() {
        root.getScene().getWindow().hide();
        Platform.exit();
    }

    @FXML private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(root.getScene().getWindow());
        a.setTitle("About Model Studio");
        a.setHeaderText("Model Studio " + StudioApp.version());
        a.setContentText("Build, train, evaluate and use neural networks, offline.\n\n"
                + "Deeplearning4j, ND4J, JavaFX, ControlsFX and chart-fx (Apache 2.0 / GPL+CE / BSD / LGPL 3).\n"
                + "Sample data: Fashion-MNIST © 2017 Zalando SE, MIT licence.");
        a.showAndWait();
    }

    private static FileChooser modelChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Model Studio models", "*.zip"));
        return chooser;
    }

    private void error(String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.initOwner(root.getScene().getWindow());
        a.setHeaderText(header);
        a.show();
    }
}
