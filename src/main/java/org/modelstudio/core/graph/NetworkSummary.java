package org.modelstudio.core.graph;

import org.modelstudio.core.i18n.Texts;
import java.util.ArrayList;
import java.util.List;
import org.modelstudio.core.i18n.Words;

/** The result of shape inference: a row per layer, the total parameter count and every issue found. */
public record NetworkSummary(Shape inputShape, List<LayerSummary> layers, long totalParameters, List<Issue> issues) {

    public NetworkSummary {
        layers = List.copyOf(layers);
        issues = List.copyOf(issues);
    }

    /** The same summary with more issues (those a network has with its data, say) after its own. */
    public NetworkSummary withIssues(List<Issue> more) {
        if (more.isEmpty()) return this;
        List<Issue> all = new ArrayList<>(issues);
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

    /** One row of the table, in columns of 4, 16, 28, 14 and 12 characters (CJK characters count two). */
    private static String row(String index, String layer, String settings, String shape, String parameters) {
        return Words.pad(index, 4) + " " + Words.pad(layer, 16) + " " + Words.pad(settings, 28) + " " + Words.pad(shape, 14) + " "
                + Words.padLeft(parameters, 12) + "\n";
    }

    /** A Keras-style text table, as the CLI prints it. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(row("#", Texts.get("core.summary.layer"), Texts.get("core.summary.settings"), Texts.get("core.summary.output-shape"),
                Texts.get("core.summary.parameters")));
        sb.append("-".repeat(78)).append('\n');
        sb.append(row("0", Texts.get("core.summary.input"), "", String.valueOf(inputShape), "0"));
        for (LayerSummary row : layers) {
            sb.append(row(String.valueOf(row.index() + 1), ShapeInference.name(row.layer()), row.layer().describe(),
                    row.outputShape() == null ? "?" : row.outputShape().toString(), Texts.number(row.parameters())));
        }
        sb.append("-".repeat(78)).append('\n');
        sb.append(Texts.get("core.summary.total", Texts.number(totalParameters))).append('\n');
        for (Issue issue : issues) sb.append(issue).append('\n');
        return sb.toString();
    }
}
