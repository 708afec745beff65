package org.modelstudio.core.project;

import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.graph.NetworkSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a project file holds: the network (with its training settings), its data source, how its training
 * images are augmented, and the history of its training runs, oldest first. Immutable.
 */
public record Project(NetworkSpec network, DataSource data, List<RunRecord> runs, Augmentation augmentation) {

    public Project {
        Objects.requireNonNull(network, "network");
        data = data == null ? DataSource.FASHION_MNIST : data;
        runs = runs == null ? List.of() : List.copyOf(runs);
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
    }

    /** A project whose training images are not augmented. */
    public Project(NetworkSpec network, DataSource data, List<RunRecord> runs) {
        this(network, data, runs, Augmentation.NONE);
    }

    /** A project without runs. */
    public Project(NetworkSpec network, DataSource data) {
        this(network, data, List.of());
    }

    public Project withNetwork(NetworkSpec spec) { return new Project(spec, data, runs, augmentation); }

    public Project withRuns(List<RunRecord> newRuns) { return new Project(network, data, newRuns, augmentation); }

    /** With {@code run} added at the end, or in place of the run with the same id. */
    public Project withRun(RunRecord run) {
        List<RunRecord> changed = new ArrayList<>(runs);
        int at = -1;
        for (int i = 0; i < changed.size(); i++) if (changed.get(i).id().equals(run.id())) at = i;
        if (at >= 0) changed.set(at, run);
        else changed.add(run);
        return new Project(network, data, changed, augmentation);
    }
}
