package org.modelstudio.ui;

import org.modelstudio.core.i18n.Texts;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.core.project.RecoveryStore;
import org.modelstudio.engine.export.KerasCodeExport;
import org.modelstudio.ui.common.ChooserFolders;
import org.modelstudio.ui.common.RecentFiles;
import org.modelstudio.ui.model.ProjectDocument;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The File menu's project commands: New, Open, Open recent, Save, Save As, the unsaved-changes question and
 * the crash-recovery offer. The file work itself is the view model's; this class owns the dialogs.
 */
final class ProjectActions {
    private final ProjectDocument model;
    private final Supplier<Window> window;
    private final Menu recentMenu;
    private final ChooserFolders folders;
    private final RecentFiles recent;

    ProjectActions(ProjectDocument model, Supplier<Window> window, Menu recentMenu, RecentFiles recent,
                   ChooserFolders folders) {
        this.folders = folders;
        this.model = model;
        this.window = window;
        this.recentMenu = recentMenu;
        this.recent = recent;
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
    }

    void newNetwork() {
        if (confirmDiscard()) model.newNetwork();
    }

    void openProject() {
        if (!confirmDiscard()) return;
        FileChooser chooser = projectChooser(Texts.get("ui.project.chooser.open"));
        folders.openIn(chooser, "projects", Optional.empty());
        File file = chooser.showOpenDialog(window.get());
        if (file == null) return;
        folders.used("projects", file.toPath());
        open(file.toPath());
    }

    /** Opens a project file (from the Open dialog, the recent list, or a file the desktop asked the studio to open). */
    void open(Path path) {
        try {
            model.open(path);
            recent.add(path);
        } catch (SpecFormatException e) {
            error(Texts.get("ui.project.error.open"), Texts.get("ui.project.error.open-text", e.getMessage()));
        }
    }

    void save() { saveProject(); }

    void saveAs() { saveProjectAs(); }

    /** Saves to the project's file, or asks for one; false if the user cancelled or the save failed. */
    private boolean saveProject() {
        Path file = model.fileProperty().get();
        return file == null ? saveProjectAs() : saveTo(file);
    }

    private boolean saveProjectAs() {
        FileChooser chooser = projectChooser(Texts.get("ui.project.chooser.save"));
        chooser.setInitialFileName(KerasCodeExport.modelName(model.network().name()) + ProjectFile.EXTENSION);
        folders.openIn(chooser, "projects", Optional.empty());
        File file = chooser.showSaveDialog(window.get());
        if (file == null) return false;
        folders.used("projects", file.toPath());
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
            error(Texts.get("ui.project.error.save", path.getFileName()), Texts.get("ui.project.error.save-text", e.getMessage()));
            return false;
        }
    }

    /**
     * Before the network is replaced or the studio closes: asks about unsaved changes. True when it is fine
     * to go on (saved, or the user chose not to save).
     */
    boolean confirmDiscard() {
        if (!model.dirtyProperty().get()) return true;
        ButtonType save = new ButtonType(Texts.get("ui.project.ask.save"), ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType(Texts.get("ui.project.ask.dont-save"), ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, Texts.get("ui.project.ask.save-text", model.network().name()),
                save, discard, ButtonType.CANCEL);
        ask.initOwner(window.get());
        ask.setHeaderText(Texts.get("ui.project.ask.save-header"));
        ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == save) return saveProject();
        return answer == discard;
    }

    /** Offers work autosaved before a crash; restoring it keeps it unsaved until the user saves. */
    void offerRecovery(RecoveryStore.Recoverable found, RecoveryStore store) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, Texts.get("ui.project.recover.text",
                found.project().network().name() + (found.origin() == null ? "" : " (" + found.origin().getFileName() + ")"),
                DateTimeFormatter.ofPattern("HH:mm:ss").format(found.savedAt().atZone(ZoneId.systemDefault()))),
                ButtonType.YES, ButtonType.NO);
        ask.initOwner(window.get());
        ask.setHeaderText(Texts.get("ui.project.recover.header"));
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
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("ui.project.filter"), "*" + ProjectFile.EXTENSION));
        return chooser;
    }

    private void error(String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.initOwner(window.get());
        a.setHeaderText(header);
        a.show();
    }
}
