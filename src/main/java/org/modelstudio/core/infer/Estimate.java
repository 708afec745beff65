package org.modelstudio.core.infer;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.eval.RegressionReport;

import java.util.List;

/**
 * A regression's answer for one input: the number predicted, in the units of the label column {@code quantity}, with
 * what was odd about the input (an unseen category, an empty cell).
 */
public record Estimate(double value, String quantity, List<String> warnings) {
    public Estimate { warnings = List.copyOf(warnings); }

    /** "progression ≈ 152.3 (in the units of the column \"progression\")". */
    public String describe() {
        return Texts.get("core.estimate", quantity, RegressionReport.number(value));
    }
}
