package org.modelstudio.ui.tour;

/**
 * One step of the guided tour: the control it points at (a CSS selector, "#trainButton"), a title, what to do, and on
 * which side of the control the callout goes when it fits there (so that it does not cover the next step's control).
 */
public record TourStep(String target, String title, String text, Side side) {
    public enum Side { RIGHT, LEFT, BELOW }
}
