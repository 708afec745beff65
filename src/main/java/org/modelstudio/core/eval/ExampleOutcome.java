package org.modelstudio.core.eval;

/**
 * What the model made of one evaluated example.
 *
 * @param index             the example's index in the evaluated {@link org.modelstudio.core.data.ExampleSource}
 * @param actual            its true class
 * @param predicted         the class the model gave the highest probability
 * @param confidence        the probability of the predicted class
 * @param actualProbability the probability the model gave the true class
 */
public record ExampleOutcome(int index, int actual, int predicted, double confidence, double actualProbability) {

    public boolean correct() { return actual == predicted; }
}
