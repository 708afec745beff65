package org.modelstudio.ui;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import com.sun.javafx.tk.Toolkit;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A synthetic file drag-and-drop for headless tests (TestFX cannot drive an OS drag). JavaFX has no public
 * Dragboard constructor, so this uses its internal helper with a local clipboard that reports the transfer
 * modes. Call on the FX thread.
 */
final class TestDragboards {
    private TestDragboards() {}

    static Dragboard withFiles(List<File> files) {
        return withContent(c -> c.putFiles(files));
    }

    private static Dragboard withContent(Consumer<ClipboardContent> fill) {
        TKClipboard local = Toolkit.getToolkit().createLocalClipboard();
        Set<TransferMode> supported = Set.of(TransferMode.COPY, TransferMode.MOVE);
        TKClipboard peer = (TKClipboard) Proxy.newProxyInstance(TKClipboard.class.getClassLoader(),
                new Class<?>[] {TKClipboard.class}, (p, m, a) -> {
                    if (m.getName().equals("getTransferModes")) return supported;
                    try {
                        return m.invoke(local, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Dragboard board = DragboardHelper.createDragboard(peer);
        ClipboardContent content = new ClipboardContent();
        fill.accept(content);
        board.setContent(content);
        return board;
    }

    /** Drags a string (a palette tile or a moved row) over the node and drops it. */
    static boolean drop(Node target, String text) {
        Dragboard board = withContent(c -> c.putString(text));
        return fire(target, board);
    }

    /** Drags the files over the node and drops them; returns whether the drop was accepted and completed. */
    static boolean drop(Node target, List<File> files) {
        return fire(target, withFiles(files));
    }

    private static boolean fire(Node target, Dragboard board) {
        DragEvent over = new DragEvent(DragEvent.DRAG_OVER, board, 10, 10, 10, 10, TransferMode.COPY, null, null, null);
        Event.fireEvent(target, over);
        DragEvent drop = new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10, TransferMode.COPY, null, null, null);
        Event.fireEvent(target, drop);
        return over.isAccepted() && drop.isDropCompleted();
    }
}
