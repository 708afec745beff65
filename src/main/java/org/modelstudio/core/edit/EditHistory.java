package org.modelstudio.core.edit;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.NetworkSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The network being edited and its undo/redo history. Every change goes through {@link #apply}; a batch
 * ({@link #beginBatch}/{@link #endBatch}) makes several edits one undo step (a drag that moves a block
 * past three others, a paste of several layers). Each change bumps {@link #revision()} and tells the
 * listeners, so panels react to revisions instead of calling each other. Plain Java: the UI wraps it.
 */
public final class EditHistory {

    /** One undo step: the spec before and after, and what it did. */
    public record Step(String description, NetworkSpec before, NetworkSpec after, String mergeKey) {}

    public static final int DEFAULT_LIMIT = 500;

    private final int limit;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final List<Consumer<EditHistory>> listeners = new ArrayList<>();
    private NetworkSpec current;
    private long revision;
    private String batchDescription;
    private NetworkSpec batchStart;
    private int batchDepth;
    private boolean sealed = true;

    public EditHistory(NetworkSpec start) { this(start, DEFAULT_LIMIT); }

    public EditHistory(NetworkSpec start, int limit) {
        this.current = Objects.requireNonNull(start);
        this.limit = limit;
    }

    public NetworkSpec current() { return current; }

    /** Goes up by one with every change of {@link #current()} (edit, undo, redo, reset). */
    public long revision() { return revision; }

    public void addListener(Consumer<EditHistory> listener) { listeners.add(listener); }

    /** Applies an edit; an edit that does not fit the spec is refused and changes nothing. */
    public void apply(Edit edit) {
        NetworkSpec before = current;
        NetworkSpec after = edit.applyTo(before);
        if (after.equals(before)) return;
        current = after;
        redo.clear();
        if (batchDepth == 0) {
            Step top = undo.peek();
            String key = edit.mergeKey();
            if (!sealed && top != null && key != null && key.equals(top.mergeKey())) {
                undo.pop();
                push(new Step(top.description(), top.before(), after, key));
            } else {
                push(new Step(edit.description(before), before, after, key));
            }
            sealed = false;
        } else if (batchDescription == null) {
            batchDescription = edit.description(before);
        }
        changed();
    }

    /** Ends merging: the next edit starts a new undo step even if it has the same merge key. */
    public void seal() { sealed = true; }

    /** Starts a batch; {@code description} names it in the Edit menu (null: the first edit's description). */
    public void beginBatch(String description) {
        if (batchDepth++ == 0) {
            batchStart = current;
            batchDescription = description;
        }
    }

    public void endBatch() {
        if (batchDepth == 0) throw new IllegalStateException("no batch is open");
        if (--batchDepth > 0) return;
        boolean changed = !current.equals(batchStart);
        if (changed) {
            push(new Step(batchDescription == null ? Texts.get("core.edit.edit") : batchDescription, batchStart, current, null));
            redo.clear();
        }
        batchStart = null;
        batchDescription = null;
        sealed = true;
        // The network is as the batch's edits left it, but undo is available again: tell the listeners.
        if (changed) notifyListeners();
    }

    public boolean canUndo() { return batchDepth == 0 && !undo.isEmpty(); }

    public boolean canRedo() { return batchDepth == 0 && !redo.isEmpty(); }

    /** "Add Dense", or null when there is nothing to undo. */
    public String undoDescription() { return canUndo() ? undo.peek().description() : null; }

    public String redoDescription() { return canRedo() ? redo.peek().description() : null; }

    public void undo() {
        if (!canUndo()) return;
        Step step = undo.pop();
        redo.push(step);
        current = step.before();
        sealed = true;
        changed();
    }

    public void redo() {
        if (!canRedo()) return;
        Step step = redo.pop();
        undo.push(step);
        current = step.after();
        sealed = true;
        changed();
    }

    /** Starts over with another network (opening a file, a template): the history is cleared. */
    public void reset(NetworkSpec start) {
        if (batchDepth > 0) throw new IllegalStateException("cannot reset inside a batch");
        current = Objects.requireNonNull(start);
        undo.clear();
        redo.clear();
        sealed = true;
        changed();
    }

    public int undoSteps() { return undo.size(); }

    private void push(Step step) {
        undo.push(step);
        while (undo.size() > limit) undo.removeLast();
    }

    private void changed() {
        revision++;
        notifyListeners();
    }

    private void notifyListeners() {
        for (Consumer<EditHistory> l : List.copyOf(listeners)) l.accept(this);
    }
}
