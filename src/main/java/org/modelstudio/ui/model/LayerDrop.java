package org.modelstudio.ui.model;

import javafx.scene.input.Dragboard;

/**
 * What is being dragged onto the model table: a new layer from the palette ("layer:conv2d") or an existing
 * layer being moved ("move:3"). Plain logic over the view model, so the drop rules are tested without a mouse.
 */
record LayerDrop(String newType, int movedLayer) {
    static final String NEW = "model-studio/layer:";
    static final String MOVE = "model-studio/move:";

    static LayerDrop parse(Dragboard board) {
        return board.hasString() ? parse(board.getString()) : null;
    }

    static LayerDrop parse(String text) {
        if (text == null) return null;
        if (text.startsWith(NEW)) return new LayerDrop(text.substring(NEW.length()), -1);
        if (text.startsWith(MOVE)) {
            try {
                return new LayerDrop(null, Integer.parseInt(text.substring(MOVE.length())));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Applies the drop onto table row {@code row} (row 0 is the Input, row i is layer i - 1; -1 is the empty
     * space below the rows): a new layer goes right after the row's layer, a moved one ends up there.
     */
    boolean applyTo(ModelViewModel model, int row) {
        int layers = model.specProperty().get().layers().size();
        if (newType != null) {
            if (row < 0) {
                model.selectedLayerProperty().set(-1);
                model.add(newType);
            } else {
                model.insert(newType, Math.min(row, layers));
            }
            return true;
        }
        if (movedLayer < 0 || movedLayer >= layers) return false;
        int insertAt = row < 0 ? layers : row;                 // position in the list before the layer is removed
        int to = movedLayer < insertAt ? insertAt - 1 : insertAt;
        to = Math.max(0, Math.min(layers - 1, to));
        if (to == movedLayer) return false;
        model.move(movedLayer, to);
        return true;
    }
}
