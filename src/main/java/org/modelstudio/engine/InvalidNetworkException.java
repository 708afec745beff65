package org.modelstudio.engine;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Issue;

import java.util.List;
import java.util.stream.Collectors;

/** The spec has errors that stop it from being built; the message lists them, layer by layer. */
public class InvalidNetworkException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Issue> errors;

    public InvalidNetworkException(List<Issue> errors) {
        super(Texts.get("engine.compile.cannot-build") + "\n" + errors.stream().map(i -> "  - " + i.message()).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public InvalidNetworkException(String message) {
        super(message);
        this.errors = List.of();
    }

    public List<Issue> errors() { return errors; }
}
