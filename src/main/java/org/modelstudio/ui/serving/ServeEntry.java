package org.modelstudio.ui.serving;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;

/**
 * One model in the Serve window's list: the model in use, or a saved model file, under the name programs call it by.
 * The name is typed by the person; {@link ServeViewModel} checks it and sets the problem (null when it is fine).
 */
public final class ServeEntry {
    private final Path file;
    private final StringProperty name = new SimpleStringProperty();
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();

    ServeEntry(Path file, String name, String source) {
        this.file = file;
        this.name.set(name);
        this.source.set(source);
    }

    /** The saved model file to serve; null for the model in use. */
    public Path file() { return file; }

    public boolean modelInUse() { return file == null; }

    public StringProperty nameProperty() { return name; }

    /** Where the model comes from, in words. */
    public ReadOnlyStringProperty sourceProperty() { return source.getReadOnlyProperty(); }

    /** Why the name cannot be used, or null. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    void setSource(String value) { source.set(value); }

    void setProblem(String value) { problem.set(value); }
}
