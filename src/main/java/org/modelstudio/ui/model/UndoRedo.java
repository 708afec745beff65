package org.modelstudio.ui.model;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.modelstudio.core.edit.EditHistory;
import org.modelstudio.core.i18n.Texts;

/** What Edit ▸ Undo and Redo say ("Undo add Dense") and whether they can act, after each change of the edit history. */
final class UndoRedo {
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(Texts.get("ui.main.menu.undo"));
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(Texts.get("ui.main.menu.redo"));
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);

    ReadOnlyStringProperty undoTextProperty() { return undoText.getReadOnlyProperty(); }
    ReadOnlyStringProperty redoTextProperty() { return redoText.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty canRedoProperty() { return canRedo.getReadOnlyProperty(); }

    void show(EditHistory history) {
        undoText.set(history.canUndo() ? Texts.get("ui.model.undo-what", history.undoDescription()) : Texts.get("ui.main.menu.undo"));
        redoText.set(history.canRedo() ? Texts.get("ui.model.redo-what", history.redoDescription()) : Texts.get("ui.main.menu.redo"));
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
    }
}
