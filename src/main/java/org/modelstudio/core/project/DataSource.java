package org.modelstudio.core.project;

/** Where a project's training data comes from: a shipped sample or an image folder on this computer. */
public sealed interface DataSource {

    String describe();

    /** A sample shipped inside the studio, by name ("fashion-mnist"). */
    record Sample(String name) implements DataSource {
        @Override public String describe() { return "the shipped " + name + " sample"; }
    }

    /** A folder with one subfolder per class. Stored as given (absolute, or relative to the project file). */
    record ImageFolder(String path) implements DataSource {
        @Override public String describe() { return "images in " + path; }
    }

    DataSource FASHION_MNIST = new Sample("fashion-mnist");
}
