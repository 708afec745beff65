package org.modelstudio.core.eval;

/**
 * How much one word of a text pushed a prediction towards a class: the class's probability with the text minus its
 * probability with the word left out (positive = the word supports the class). {@code start} and {@code end} are
 * the word's character offsets in the original text ({@code text.substring(start, end)} is the word as written).
 */
public record WordContribution(String word, int start, int end, double contribution) {}
