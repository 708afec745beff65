package org.modelstudio.core.graph;

import java.util.List;
import java.util.Locale;

/** The result of shape inference: a row per layer, the total parameter count and every issue found. */
public record NetworkSummary(Shape inputShape, List<LayerSummary> layers, long totalParameters, List<Issue> issues) {

    public NetworkSummary {
        layers = List.copyOf(layers);
        issues = List.copyOf(issues);
    }

    /** The same summary with more issues (those a network has with its data, say) after its own. */
    public NetworkSummary withIssues(List<Issue> more) {
        if (more.isEmpty()) return this;
        List<Issue> all = new java.util.ArrayList<>(issues);
        all.addAll(more);
        return new NetworkSummary(inputShape, layers, totalParameters, all);
    }

    public boolean hasErrors() { return issues.stream().anyMatch(Issue::isError); }

    public List<Issue> errors() { return issues.stream().filter(Issue::isError).toList(); }

    public List<Issue> issuesFor(int layerIndex) {
        return issues.stream().filter(i -> i.layerIndex() == layerIndex).toList();
    }

    /** The network's output shape, or null when it cannot be worked out. */
    public Shape outputShape() { return layers.isEmpty() ? inputShape : layers.get(layers.size() - 1).outputShape(); }

    /** A Keras-style text table, as the CLI prints it. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-4s %-16s %-28s %-14s %12s%n";
        sb.append(String.format(fmt, "#", "Layer", "Settings", "Output shape", "Parameters"));
        sb.append("-".repeat(78)).append('\n');
        sb.append(String.format(fmt, "0", "Input", "", inputShape, "0"));
        for (LayerSummary row : layers) {
            sb.append(String.format(fmt, row.index() + 1, row.layer().typeName(), row.layer().describe(),
                    row.outputShape() == null ? "?" : row.outputShape(), String.format(Locale.ROOT, "%,d", row.parameters())));
        }
        sb.append("-".repeat(78)).append('\n');
        sb.append(String.format(Locale.ROOT, "Total parameters: %,d%n", totalParameters));
        for (Issue issue : issues) sb.append(issue).append('\n');
        return sb.toString();
    }
}
