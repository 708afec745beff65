package org.modelstudio.core.eval;

/**
 * How much one column of a table row moved the model's answer: for a classifier the predicted class's probability
 * (0 to 1) with the row as given minus with that column set to "unknown" (a number at its training mean, a category as
 * none of them); for a regression the same difference of the estimate, in the label's units. Positive means the
 * column's value pushed the answer up.
 */
public record ColumnContribution(String column, String value, double contribution) {}
