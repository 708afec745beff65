package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.i18n.Words;
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

        if (!layers.isEmpty() && layers.get(layers.size() - 1) instanceof LayerSpec.Output out) {
            List<String> set = new ArrayList<>();
            if (out.units() != 1) set.add(Texts.get("core.task.set-units"));
            if (out.activation() != Activation.IDENTITY) set.add(Texts.get("core.task.set-activation"));
            if (spec.training().loss() != Loss.MSE) set.add(Texts.get("core.task.set-loss"));
            if (!set.isEmpty()) {
                issues.add(new Issue(layers.size() - 1, Issue.Severity.ERROR, Texts.get("core.task.regression-output", quantity, Words.and(set))));
            }
        }
        EarlyStopping stop = spec.training().earlyStopping();
        if (stop.enabled() && stop.metric() == EarlyStopping.Metric.VALIDATION_ACCURACY) {
            issues.add(new Issue(Issue.NETWORK, Issue.Severity.ERROR, Texts.get("core.task.regression-accuracy", quantity)));
        }
        return issues;
    }

    /** The first of {@link #issues} as a sentence, or null when the network suits the data. */
    public static String problem(NetworkSpec spec, TaskKind task, String quantity) {
        List<Issue> issues = issues(spec, task, quantity);
        return issues.isEmpty() ? null : issues.get(0).message();
    }
}
