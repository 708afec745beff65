package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
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
        if (n.isEmpty()) return Texts.get("ui.serve.check.no-name");
        if (!ModelNames.isName(n)) {
            return Texts.get("ui.serve.check.bad-name", n);
        }
        if (others > 0) return Texts.get("ui.serve.check.same-name", n);
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
        if (t.isEmpty()) return Texts.get("ui.serve.check.no-port");
        if (port(t) < 0) return Texts.get("ui.serve.check.bad-port", t);
        return null;
    }
}
