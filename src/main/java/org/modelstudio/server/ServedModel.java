package org.modelstudio.server;

import java.util.ArrayList;
import java.util.List;

/**
 * A model served under a name: its versions, newest last, of which the newest answers requests that name no version.
 * Publishing a version swaps it in at once; requests already given to the old one finish on it. The
 * {@value #KEPT} newest versions stay loaded and can be asked for by number.
 */
public final class ServedModel {
    static final int KEPT = 3;

    private final String name;
    private final List<ModelVersion> versions = new ArrayList<>();
    private volatile ModelVersion current;
    private int next = 1;

    ServedModel(String name) {
        this.name = name;
    }

    public String name() { return name; }

    /** The version that answers requests naming no version. */
    public ModelVersion current() { return current; }

    /** A loaded version by its number ("2"), or null when there is none or it was retired. */
    public synchronized ModelVersion version(String version) {
        for (ModelVersion v : versions) if (v.version().equals(version)) return v;
        return null;
    }

    /** The loaded versions' numbers, oldest first. */
    public synchronized List<String> versions() {
        return versions.stream().map(ModelVersion::version).toList();
    }

    synchronized String nextVersion() { return Integer.toString(next); }

    /** Makes {@code version} the current one; returns the versions retired to keep {@value #KEPT}. */
    synchronized List<ModelVersion> publish(ModelVersion version) {
        if (!version.version().equals(nextVersion())) throw new IllegalStateException("version " + version.version() + " is not the next one");
        next++;
        versions.add(version);
        current = version;
        List<ModelVersion> retired = new ArrayList<>();
        while (versions.size() > KEPT) retired.add(versions.remove(0));
        return retired;
    }

    synchronized List<ModelVersion> all() { return List.copyOf(versions); }
}
