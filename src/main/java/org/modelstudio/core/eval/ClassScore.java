package org.modelstudio.core.eval;

/** One class and the probability the model gives it. */
public record ClassScore(String label, int classIndex, double probability) {}
