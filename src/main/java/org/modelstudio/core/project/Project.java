package org.modelstudio.core.project;

import org.modelstudio.core.graph.NetworkSpec;

import java.util.Objects;

/** What a project file holds: the network (with its training settings) and its data source. Immutable. */
public record Project(NetworkSpec network, DataSource data) {

    public Project {
        Objects.requireNonNull(network, "network");
        data = data == null ? DataSource.FASHION_MNIST : data;
    }

    public Project withNetwork(NetworkSpec spec) { return new Project(spec, data); }
}
