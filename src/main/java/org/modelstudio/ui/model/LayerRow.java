package org.modelstudio.ui.model;

/** One row of the model table, already formatted for display; {@code category} is the catalogue category id. */
public record LayerRow(String number, String layer, String settings, String outputShape, String parameters,
                       String problem, boolean error, String category) {}
