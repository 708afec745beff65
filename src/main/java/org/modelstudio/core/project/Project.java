package org.modelstudio.core.project;

import org.modelstudio.core.graph.NetworkSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a project file holds: the network (with its training settings), its data source and the history of its
 * training runs, oldest first. Immutable.
 */
public record Project(NetworkSpec network, DataSource data, List<RunRecord> runs) {

    public Project {
        Objects.requireNonNull(network, "network");
        data = data == null ? DataSource.FASHION_MNIST : data;
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /** A project without runs. */
    public Project(NetworkSpec network, DataSource data) {
        this(network, data, List.of());
    }

    public Project withNetwork(NetworkSpec spec) { return new Project(spec, data, runs); }

    public Project withRuns(List<RunRecord> newRuns) { return new Project(network, data, newRuns); }

    /** With {@code run} added at the end, or in place of the run with the same id. */
    public Project withRun(RunRecord run) {
        List<RunRecord> changed = new ArrayList<>(runs);
        int at = -1;
        for (int i = 0; i < changed.size(); i++) if (changed.get(i).id().equals(run.id())) at = i;
        if (at >= 0) changed.set(at, run);
        else changed.add(run);
        return new Project(network, data, changed);
    }
}
