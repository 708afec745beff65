package org.modelstudio.core.catalogue;

/** A palette group ("Convolution"); its id is also the CSS class suffix of its blocks. */
public record Category(String id, String name, String help) {}
