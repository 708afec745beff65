package org.modelstudio.ui;

import org.modelstudio.core.i18n.Texts;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.modelstudio.core.infer.ModelNames;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.core.project.RecoveryStore;
import org.modelstudio.ui.common.AppDirs;
import org.modelstudio.ui.common.RecentFiles;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.Precision;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.export.ExportRefusedException;
import org.modelstudio.engine.export.JavaCodeExport;
import org.modelstudio.engine.export.KerasCodeExport;
import org.modelstudio.engine.export.KerasH5Export;
import org.modelstudio.engine.export.ModelRepositoryExport;
import org.modelstudio.engine.export.OnnxExport;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.ui.common.ChooserFolders;
import org.modelstudio.ui.common.CurrentModel;
import org.modelstudio.ui.common.Presentation;
import org.modelstudio.ui.common.StudioSettings;
import org.modelstudio.ui.compact.CompactModelView;
import org.modelstudio.ui.compact.CompactModelViewModel;
import org.modelstudio.ui.evaluation.EvaluationView;
import org.modelstudio.ui.evaluation.EvaluationViewModel;
import org.modelstudio.ui.inference.PredictionView;
import org.modelstudio.ui.model.KerasOpening;
import org.modelstudio.ui.model.ModelView;
import org.modelstudio.ui.model.ModelViewModel;
import org.modelstudio.ui.model.ProjectDocument;
import org.modelstudio.ui.model.TemplateChooser;
import org.modelstudio.ui.serving.ServeView;
import org.modelstudio.ui.serving.ServeViewModel;
import org.modelstudio.ui.tour.TourViewModel;
import org.modelstudio.ui.training.TrainingViewModel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javax.lang.model.SourceVersion;

/** The main window: menus and the three areas (Model, Train, Predict), each its own FXML and view. */
public final class MainView {
    private final CurrentModel currentModel;
    private final ModelViewModel model;
    private final ProjectDocument document;
    private final TrainingViewModel training;
    private final EvaluationViewModel evaluation;
    private Stage evaluationStage;
    private final ServeViewModel serving;
    private Stage serveStage;
    private final CompactModelViewModel compact;
    private Stage compactStage;
    private final ExecutorService executor;
    private final Presentation presentation;
    private final TourViewModel tour;
    private final ChooserFolders folders;
    @FXML private CheckMenuItem presentationItem;
    @FXML private CheckMenuItem highContrastItem;
    @FXML private Menu languageMenu;

    @FXML private BorderPane root;
    @FXML private Label modelOrigin;
    @FXML private MenuItem saveModelItem;
    @FXML private MenuItem exportOnnxItem;
    private KerasOpening kerasOpening;
    @FXML private MenuItem exportKerasH5Item;
    @FXML private MenuItem exportTritonItem;
    @FXML private MenuItem exportCompactItem;
    @FXML private MenuItem trainItem;
    @FXML private MenuItem stopItem;
    @FXML private MenuItem pauseItem;
    @FXML private MenuItem continueItem;
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
    @FXML private Menu addLayerMenu;
    @FXML private ModelView modelPanelController;
    @FXML private PredictionView predictPanelController;
    @FXML private Label serveStatus;

    private ProjectActions projects;

    public MainView(CurrentModel currentModel, ModelViewModel model, ProjectDocument document, TrainingViewModel training,
                    EvaluationViewModel evaluation, ServeViewModel serving,
                    CompactModelViewModel compact, Presentation presentation,
                    TourViewModel tour, ChooserFolders folders, ExecutorService executor) {
        this.currentModel = currentModel;
        this.model = model;
        this.document = document;
        this.training = training;
        this.evaluation = evaluation;
        this.serving = serving;
        this.compact = compact;
        this.executor = executor;
        this.presentation = presentation;
        this.tour = tour;
        this.folders = folders;
    }

    /** Opens the evaluation window, or brings it to the front (one per studio window). */
    @FXML public void openEvaluation() {
        if (evaluationStage != null && evaluationStage.isShowing()) {
            evaluationStage.toFront();
            return;
        }
        try {
            evaluationStage = EvaluationView.open(root.getScene().getWindow(), evaluation);
        } catch (IOException e) {
            throw new UncheckedIOException("The evaluation window could not be built", e);
        }
    }

    /** The evaluation window if it is open (for tests). */
    public Stage evaluationStage() { return evaluationStage; }

    /**
     * Opens the Serve window, or shows it again: it is built once, since the server (and what the window shows of it)
     * keeps running while the window is closed.
     */
    @FXML public void openServe() {
        if (serveStage != null) {
            serveStage.show();
            serveStage.toFront();
            return;
        }
        try {
            serveStage = ServeView.open(root.getScene().getWindow(), serving);
        } catch (IOException e) {
            throw new UncheckedIOException("The Serve window could not be built", e);
        }
    }

    /** The Serve window once it was opened (for tests). */
    public Stage serveStage() { return serveStage; }

    /** File › Export network › Compact model: opens the window that makes the model in use smaller, or brings it to the front. */
    @FXML public void openCompact() {
        if (compactStage != null && compactStage.isShowing()) {
            compactStage.toFront();
            return;
        }
        try {
            compactStage = CompactModelView.open(root.getScene().getWindow(), compact);
        } catch (IOException e) {
            throw new UncheckedIOException("The compact-model window could not be built", e);
        }
    }

    /** The compact-model window once it was opened (for tests). */
    public Stage compactStage() { return compactStage; }

    @FXML private void initialize() {
        modelOrigin.textProperty().bind(currentModel.originProperty());
        serveStatus.textProperty().bind(Bindings.concat(serving.summaryProperty(), Texts.get("ui.main.status.serve-hint")));
        serveStatus.visibleProperty().bind(serving.summaryProperty().isNotEmpty());
        serveStatus.managedProperty().bind(serveStatus.visibleProperty());
        predictPanelController.onServe(this::openServe);
        predictPanelController.onEvaluate(this::openEvaluation);
        presentationItem.selectedProperty().bindBidirectional(presentation.presentationProperty());
        highContrastItem.selectedProperty().bindBidirectional(presentation.highContrastProperty());
        saveModelItem.disableProperty().bind(currentModel.modelProperty().isNull());
        exportOnnxItem.disableProperty().bind(currentModel.modelProperty().isNull());
        exportKerasH5Item.disableProperty().bind(currentModel.modelProperty().isNull());
        exportTritonItem.disableProperty().bind(currentModel.modelProperty().isNull());
        exportCompactItem.disableProperty().bind(currentModel.modelProperty().isNull());
        trainItem.disableProperty().bind(training.runningProperty());
        stopItem.disableProperty().bind(training.runningProperty().not());
        pauseItem.disableProperty().bind(training.runningProperty().not());
        pauseItem.textProperty().bind(Bindings.when(training.pausedProperty())
                .then(Texts.get("ui.main.menu.resume-training")).otherwise(Texts.get("ui.main.menu.pause-training-plain")));
        continueItem.disableProperty().bind(training.runningProperty().or(currentModel.modelProperty().isNull()));
        undoItem.textProperty().bind(model.undoTextProperty());
        undoItem.disableProperty().bind(model.canUndoProperty().not());
        redoItem.textProperty().bind(model.redoTextProperty());
        redoItem.disableProperty().bind(model.canRedoProperty().not());
        pasteItem.disableProperty().bind(model.canPasteProperty().not());
        for (MenuItem layerAction : new MenuItem[] {cutItem, copyItem, duplicateItem, deleteItem, moveUpItem, moveDownItem}) {
            layerAction.disableProperty().bind(model.selectedLayerProperty().lessThan(0));
        }
        buildAddLayerMenu();
        new LanguageMenu(languageMenu, new StudioSettings(AppDirs.dataDir()), () -> root.getScene().getWindow(),
                this::quitThen);
        projects = new ProjectActions(document, () -> root.getScene().getWindow(), recentMenu,
                new RecentFiles(AppDirs.dataDir().resolve("recent.txt")), folders);
        // Ctrl+Y redoes too, as on Windows; a menu item has only one accelerator.
        kerasOpening = new KerasOpening(() -> root.getScene().getWindow(), currentModel, model, executor);
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                acceptKerasDrops(scene);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), model::redo);
            }
        });
    }

    /** Edit › Add layer: every catalogue type, grouped by category, added after the selected layer. */
    private void buildAddLayerMenu() {
        var catalogue = model.catalogue();
        for (var category : catalogue.categories()) {
            var types = catalogue.typesIn(category.id());
            if (types.isEmpty()) continue;
            if (!addLayerMenu.getItems().isEmpty()) addLayerMenu.getItems().add(new SeparatorMenuItem());
            for (var type : types) {
                MenuItem item = new MenuItem(type.name());
                item.setId("add-" + type.type());
                item.setOnAction(e -> model.add(type.type()));
                addLayerMenu.getItems().add(item);
            }
        }
    }

    // ------------------------------------------------------------------ keyboard focus (View menu)

    @FXML private void goToLayers() { modelPanelController.focusLayers(); }

    @FXML private void goToSettings() { modelPanelController.focusSettings(); }

    @FXML private void goToTraining() { focus("#trainButton"); }

    @FXML private void goToEvaluation() { openEvaluation(); }

    /** The text box for a text model, the row form's first field for a table model, else the Open button. */
    @FXML private void goToPrediction() {
        for (String selector : new String[] {"#textInput", "#rowForm .text-field", "#rowForm .combo-box", "#openButton"}) {
            Node n = root.lookup(selector);
            if (n != null && n.isVisible() && n.getScene() != null) {
                n.requestFocus();
                return;
            }
        }
    }

    private void focus(String selector) {
        Node n = root.lookup(selector);
        if (n != null) n.requestFocus();
    }

    // ------------------------------------------------------------------ project files (see ProjectActions)

    @FXML private void newNetwork() { projects.newNetwork(); }

    @FXML private void newFromTemplate() {
        new TemplateChooser(root.getScene().getWindow(), model.networks(), model.selectedProperty().get())
                .showAndWait().ifPresent(model::openTemplate);
    }

    @FXML private void openProject() { projects.openProject(); }

    @FXML private void onSave() { projects.save(); }

    @FXML private void onSaveAs() { projects.saveAs(); }

    /** True when it is fine to replace the network or quit (saved, or the user chose not to save). */
    public boolean confirmDiscard() { return projects.confirmDiscard(); }

    public void offerRecovery(RecoveryStore.Recoverable found, RecoveryStore store) { projects.offerRecovery(found, store); }

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
        return root.getScene().getFocusOwner() instanceof TextInputControl;
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

    @FXML private void pauseTraining() {
        if (training.pausedProperty().get()) training.resume();
        else training.pause();
    }

    @FXML private void continueTraining() { training.continueTraining(); }

    @FXML private void openModel() {
        FileChooser chooser = modelChooser(Texts.get("ui.main.chooser.open-model"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.main.filter.keras"), "*.h5", "*.hdf5"));
        folders.openIn(chooser, "models", Optional.empty());
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file == null) return;
        folders.used("models", file.toPath());
        if (KerasOpening.isKerasFile(file)) {
            kerasOpening.open(file.toPath());   // a Keras file chosen here opens as File ▸ Open Keras model opens it
            return;
        }
        Task<TrainedModel> task = new Task<>() {
            @Override protected TrainedModel call() throws Exception { return ModelFile.load(file.toPath()); }
        };
        task.setOnSucceeded(e -> currentModel.set(task.getValue(), task.getValue().precision() == Precision.FLOAT32
                ? Texts.get("ui.main.status.opened-model", file.getName(), task.getValue().spec().name(), Texts.number(task.getValue().labels().size()))
                : Texts.get("ui.main.status.opened-model-precision", file.getName(), task.getValue().spec().name(),
                        Texts.number(task.getValue().labels().size()), task.getValue().precision().id())));
        task.setOnFailed(e -> error(Texts.get("ui.main.error.open-model"), task.getException().getMessage()));
        executor.execute(task);
    }

    /** File › Open Keras model: see {@link KerasOpening}. */
    @FXML private void openKeras() { kerasOpening.choose(folders); }

    /** What opens Keras files, chosen or dropped (for tests). */
    public KerasOpening kerasOpening() { return kerasOpening; }

    /** A Keras file dropped anywhere on the window opens as a model (other drops go where they were made). */
    private void acceptKerasDrops(Scene scene) {
        scene.addEventFilter(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1 && KerasOpening.isKerasFile(e.getDragboard().getFiles().get(0))) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        scene.addEventFilter(DragEvent.DRAG_DROPPED, e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1 && KerasOpening.isKerasFile(e.getDragboard().getFiles().get(0))) {
                kerasOpening.open(e.getDragboard().getFiles().get(0).toPath());
                e.setDropCompleted(true);
                e.consume();
            }
        });
    }

    @FXML private void saveModel() {
        TrainedModel model = currentModel.get();
        if (model == null) return;
        FileChooser chooser = modelChooser(Texts.get("ui.main.chooser.save-model"));
        chooser.setInitialFileName(model.spec().name().replaceAll("[^A-Za-z0-9-]+", "-").toLowerCase() + ".zip");
        folders.openIn(chooser, "models", Optional.empty());
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file == null) return;
        folders.used("models", file.toPath());
        Task<Void> task = new Task<>() {
            @Override protected Void call() throws Exception {
                ModelFile.save(model, file.toPath());
                return null;
            }
        };
        task.setOnSucceeded(e -> currentModel.set(model, Texts.get("ui.main.status.saved-model", file.getName())));
        task.setOnFailed(e -> error(Texts.get("ui.main.error.save-model"), task.getException().getMessage()));
        executor.execute(task);
    }

    /** File › Export network › Trained model as ONNX: the model in use (the one Predict answers with), to a chosen file. */
    @FXML private void exportOnnx() {
        TrainedModel model = currentModel.get();
        if (model == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("ui.main.chooser.export-onnx"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.main.filter.onnx"), "*.onnx"));
        chooser.setInitialFileName(model.spec().name().replaceAll("[^A-Za-z0-9-]+", "-").toLowerCase() + ".onnx");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) exportOnnx(model, file.toPath());
    }

    /** Writes the ONNX file in the background; a refusal or a failed write is shown as the studio's other errors are. */
    Task<Void> exportOnnx(TrainedModel model, Path file) {
        Task<Void> task = new Task<>() {
            @Override protected Void call() throws Exception {
                OnnxExport.write(model, file);
                return null;
            }
        };
        task.setOnFailed(e -> error(Texts.get("ui.main.error.export-onnx", file.getFileName()), exportFailure(task.getException())));
        executor.execute(task);
        return task;
    }

    /** File › Export network › Trained model as Keras .h5: the model in use, as a Keras 2 file, to a chosen file. */
    @FXML private void exportKerasH5() {
        TrainedModel model = currentModel.get();
        if (model == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get("ui.main.chooser.export-h5"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.main.filter.keras"), "*.h5"));
        chooser.setInitialFileName(model.spec().name().replaceAll("[^A-Za-z0-9-]+", "-").toLowerCase() + ".h5");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) exportKerasH5(model, file.toPath());
    }

    /** Writes the .h5 file in the background; then says where it went and how Keras opens it, or why it could not. */
    Task<Void> exportKerasH5(TrainedModel model, Path file) {
        Task<Void> task = new Task<>() {
            @Override protected Void call() throws Exception {
                KerasH5Export.write(model, file);
                return null;
            }
        };
        task.setOnSucceeded(e -> {
            Alert done = new Alert(Alert.AlertType.INFORMATION, Texts.get("ui.main.done.h5", file, file.getFileName(), KerasH5Export.DESCRIPTION));
            done.setHeaderText(Texts.get("ui.main.done.h5-header"));
            done.initOwner(root.getScene().getWindow());
            done.show();
        });
        task.setOnFailed(e -> error(Texts.get("ui.main.error.export-h5", file.getFileName()), exportFailure(task.getException())));
        executor.execute(task);
        return task;
    }

    /**
     * File › Export network › Trained model for Triton/KServe: the model in use as the next version of a model in a
     * chosen model repository folder, named after the network.
     */
    @FXML private void exportTriton() {
        TrainedModel model = currentModel.get();
        if (model == null) return;
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Texts.get("ui.main.chooser.triton"));
        File folder = chooser.showDialog(root.getScene().getWindow());
        if (folder != null) exportTriton(model, folder.toPath(), ModelNames.nameFor(model.spec().name()));
    }

    /** Writes the model folder in the background; then says where it went and how a server and a client reach it. */
    Task<Integer> exportTriton(TrainedModel model, Path repository, String name) {
        Task<Integer> task = new Task<>() {
            @Override protected Integer call() throws Exception {
                return ModelRepositoryExport.write(model, repository, name);
            }
        };
        task.setOnSucceeded(e -> {
            Alert done = new Alert(Alert.AlertType.INFORMATION, Texts.get("ui.main.done.triton",
                    repository.resolve(name), task.getValue(), repository, name));
            done.setHeaderText(Texts.get("ui.main.done.triton-header"));
            done.initOwner(root.getScene().getWindow());
            done.show();
        });
        task.setOnFailed(e -> error(Texts.get("ui.main.error.export-triton", name, repository), exportFailure(task.getException())));
        executor.execute(task);
        return task;
    }

    /** A refusal ({@link ExportRefusedException}) says why itself; a file that cannot be written is explained in words. */
    private static String exportFailure(Throwable t) {
        return t instanceof IOException io ? Texts.get("ui.main.error.not-written", AtomicFiles.reason(io)) : t.getMessage();
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
            error(Texts.get("ui.main.error.not-exportable"), e.getMessage());
        }
    }

    private void exportToFile(boolean java) {
        String className = JavaCodeExport.className(model.specProperty().get().name());
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Texts.get(java ? "ui.main.chooser.export-java" : "ui.main.chooser.export-keras"));
        chooser.getExtensionFilters().add(java ? new FileChooser.ExtensionFilter(Texts.get("ui.main.filter.java"), "*.java")
                : new FileChooser.ExtensionFilter(Texts.get("ui.main.filter.python"), "*.py"));
        chooser.setInitialFileName(java ? className + ".java" : KerasCodeExport.modelName(model.specProperty().get().name()) + ".py");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file == null) return;
        try {
            String name = file.getName().replaceFirst("\\.java$", "");
            String code = code(java, java && SourceVersion.isName(name) ? name : className);
            AtomicFiles.writeString(file.toPath(), code);
        } catch (InvalidNetworkException e) {
            error(Texts.get("ui.main.error.not-exportable"), e.getMessage());
        } catch (IOException e) {
            error(Texts.get("ui.main.error.write", file.getName()), e.getMessage());
        }
    }

    /** File › Quit asks the same questions as closing the window (training running, unsaved changes). */
    @FXML private void quit() { quitThen(null); }

    /** Quits as File › Quit does; {@code then} (a restart) runs as the JVM exits, after the studio closed. False when the user stayed. */
    private boolean quitThen(Runnable then) {
        if (!confirmClose()) return false;
        if (then != null) Runtime.getRuntime().addShutdownHook(new Thread(then, "studio-restart"));
        root.getScene().getWindow().hide();
        Platform.exit();
        return true;
    }

    /**
     * True when the studio may close: a running training is stopped only if the user agrees, so is a running model
     * server (Studio.close() stops it), and unsaved changes are saved or given up only if the user says so.
     */
    public boolean confirmClose() {
        if (training.runningProperty().get()) {
            ButtonType stop = new ButtonType(Texts.get("ui.main.quit.stop-training"), ButtonBar.ButtonData.YES);
            ButtonType keep = new ButtonType(Texts.get("ui.main.quit.keep-training"), ButtonBar.ButtonData.CANCEL_CLOSE);
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, Texts.get("ui.main.quit.training-text"), stop, keep);
            ask.initOwner(root.getScene().getWindow());
            ask.setHeaderText(Texts.get("ui.main.quit.training-header"));
            if (ask.showAndWait().orElse(keep) != stop) return false;
            training.stop();
        }
        if (serving.stateProperty().get() != ServeViewModel.State.STOPPED) {
            ButtonType stop = new ButtonType(Texts.get("ui.main.quit.stop-serving"), ButtonBar.ButtonData.YES);
            ButtonType keep = new ButtonType(Texts.get("ui.main.quit.keep-serving"), ButtonBar.ButtonData.CANCEL_CLOSE);
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, Texts.get("ui.main.quit.serving-text", serving.summaryProperty().get()), stop, keep);
            ask.initOwner(root.getScene().getWindow());
            ask.setHeaderText(Texts.get("ui.main.quit.serving-header"));
            if (ask.showAndWait().orElse(keep) != stop) return false;
        }
        return projects.confirmDiscard();
    }

    /** Help › Guided tour: the first-run tour again, from its first step. */
    @FXML private void showTour() { tour.start(); }

    @FXML private void about() {
        new AboutDialog(root.getScene().getWindow()).showAndWait();
    }

    /** Opens a project the desktop handed to the studio (a double-clicked {@code .msproj} file). */
    public void openProjectFile(Path file) { projects.open(file); }

    private static FileChooser modelChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.main.filter.models"), "*.zip"));
        return chooser;
    }

    private void error(String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.initOwner(root.getScene().getWindow());
        a.setHeaderText(header);
        a.show();
    }
}
