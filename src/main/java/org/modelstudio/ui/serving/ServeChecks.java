package org.modelstudio.ui.serving;

import org.modelstudio.core.infer.ModelNames;

/** What the Serve window checks as a person types: a model's name and the port, each refused with the reason. */
final class ServeChecks {
    private ServeChecks() {}

    /**
     * Why {@code name} cannot name a served model, or null when it can.
     *
     * @param others how many other models in the list carry the same name
     */
    static String nameProblem(String name, long others) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) return "Give the model a name: programs call it by this name in its address.";
        if (!ModelNames.isName(n)) {
            return "\u201c" + n + "\u201d cannot name a model: use letters, digits, - and _ (at most 64), starting with a letter or digit.";
        }
        if (others > 0) return "Another model in the list is named \u201c" + n + "\u201d; each needs its own name.";
        return null;
    }

    /** The port typed, or -1 when it is not one (see {@link #portProblem}). */
    static int port(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("\\d{1,5}")) return -1;
        int p = Integer.parseInt(t);
        return p <= 65535 ? p : -1;
    }

    /** Why {@code text} is not a port to listen on, or null. */
    static String portProblem(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return "Give a port from 1 to 65535, or 0 to let the system choose a free one.";
        if (port(t) < 0) return "\u201c" + t + "\u201d is not a port: give a whole number from 1 to 65535, or 0 to let the system choose a free one.";
        return null;
    }
}
