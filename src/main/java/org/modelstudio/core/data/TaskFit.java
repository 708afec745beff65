package org.modelstudio.core.data;

import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.graph.Issue;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.Loss;
import org.modelstudio.core.graph.NetworkSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a network suits what its data asks for, said on the layer to change. A regression needs an Output layer
 * that gives one number as it is: 1 unit, the identity activation, and the mean squared error loss; and early
 * stopping cannot watch an accuracy it does not have. The editor shows these beside the shape problems, and
 * training refuses with the same sentence.
 */
public final class TaskFit {

    private TaskFit() {}

    /**
     * Problems of {@code spec} for data of kind {@code task} whose label is {@code quantity} (none for a
     * classification: the number of classes is checked against the data's classes when a run starts).
     */
    public static List<Issue> issues(NetworkSpec spec, TaskKind task, String quantity) {
        List<Issue> issues = new ArrayList<>();
        if (task != TaskKind.REGRESSION) return issues;
        List<LayerSpec> layers = spec.layers();
        String what = "The data is a regression (it predicts the number \"" + quantity + "\")";
        if (!layers.isEmpty() && layers.get(layers.size() - 1) instanceof LayerSpec.Output out) {
            List<String> set = new ArrayList<>();
            if (out.units() != 1) set.add("its Classes (units) to 1");
            if (out.activation() != Activation.IDENTITY) set.add("its activation to identity");
            if (spec.training().loss() != Loss.MSE) set.add("the loss (Train → Settings) to mse");
            if (!set.isEmpty()) {
                issues.add(new Issue(layers.size() - 1, Issue.Severity.ERROR, what + ", so the Output layer must give one number as it is: "
                        + "1 unit, identity activation, mean squared error loss. Set " + join(set) + "."));
            }
        }
        EarlyStopping stop = spec.training().earlyStopping();
        if (stop.enabled() && stop.metric() == EarlyStopping.Metric.VALIDATION_ACCURACY) {
            issues.add(new Issue(Issue.NETWORK, Issue.Severity.ERROR, what + ", which has no accuracy: set early stopping (Train → Settings) "
                    + "to watch the validation loss."));
        }
        return issues;
    }

    /** The first of {@link #issues} as a sentence, or null when the network suits the data. */
    public static String problem(NetworkSpec spec, TaskKind task, String quantity) {
        List<Issue> issues = issues(spec, task, quantity);
        return issues.isEmpty() ? null : issues.get(0).message();
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) return parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
