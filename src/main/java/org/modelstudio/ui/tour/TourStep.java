package org.modelstudio.ui.tour;

/** One step of the guided tour: the control it points at (a CSS selector, "#trainButton"), a title and what to do. */
public record TourStep(String target, String title, String text) {}
