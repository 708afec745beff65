package org.modelstudio.core.project;

import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.i18n.Texts;
/** Where a project's training data comes from: a shipped sample, or an image folder, a table or texts on this computer. */
public sealed interface DataSource {

    String describe();

    /** A sample shipped inside the studio, by name ("fashion-mnist"). */
    record Sample(String name) implements DataSource {
        @Override public String describe() { return Texts.get("core.source.sample", name); }
    }

    /** A folder with one subfolder per class. Stored as given (absolute, or relative to the project file). */
    record ImageFolder(String path) implements DataSource {
        @Override public String describe() { return Texts.get("core.source.images", path); }
    }

    /**
     * A CSV table; {@code label} names the label column (null: the last column); {@code task} says whether to learn its
     * classes or predict it as a number (null: as its values decide, see {@link org.modelstudio.core.data.TaskKind#decide}).
     */
    record TableFile(String path, String label, TaskKind task) implements DataSource {
        /** A table whose task its label's values decide. */
        public TableFile(String path, String label) { this(path, label, null); }

        @Override public String describe() { return Texts.get("core.source.table", path); }
    }

    /** Texts: a CSV with a text and a label column, or a folder with one subfolder of .txt files per class. */
    record TextFile(String path, String textColumn, String labelColumn) implements DataSource {
        @Override public String describe() { return Texts.get("core.source.texts", path); }
    }

    DataSource FASHION_MNIST = new Sample("fashion-mnist");
}
