package org.modelstudio.ui.serving;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.server.ServerOptions;
import org.modelstudio.ui.common.CurrentModel;

import java.util.function.BooleanSupplier;

/**
 * The Serve window's form before serving starts: the port, whether other computers may call and with which token, and
 * whether serving can start (every name good, the port good, something to serve). A free port is offered after the
 * chosen one was taken.
 */
final class ServeForm {
    private final ServeList list;
    private final CurrentModel currentModel;
    private final BooleanSupplier stopped;
    private final StringProperty port = new SimpleStringProperty(Integer.toString(ServerOptions.DEFAULT_PORT));
    private final ReadOnlyStringWrapper portProblem = new ReadOnlyStringWrapper();
    private final BooleanProperty network = new SimpleBooleanProperty(false);
    private final BooleanProperty tokenRequired = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper token = new ReadOnlyStringWrapper(Tokens.generate());
    private final ReadOnlyIntegerWrapper freePort = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper startProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canAddModelInUse = new ReadOnlyBooleanWrapper();

    /** @param stopped whether no server runs or starts (the form is only used then) */
    ServeForm(ServeList list, CurrentModel currentModel, BooleanSupplier stopped) {
        this.list = list;
        this.currentModel = currentModel;
        this.stopped = stopped;
        list.entries().addListener((Observable o) -> check());
        port.addListener(o -> check());
        network.addListener((obs, was, on) -> {
            if (on) tokenRequired.set(true);
        });
        tokenRequired.addListener((obs, was, on) -> {
            if (!on && network.get()) tokenRequired.set(true);
        });
    }

    StringProperty portProperty() { return port; }
    ReadOnlyStringProperty portProblemProperty() { return portProblem.getReadOnlyProperty(); }
    BooleanProperty networkProperty() { return network; }
    BooleanProperty tokenRequiredProperty() { return tokenRequired; }
    ReadOnlyStringProperty tokenProperty() { return token.getReadOnlyProperty(); }
    ReadOnlyIntegerProperty freePortProperty() { return freePort.getReadOnlyProperty(); }
    ReadOnlyStringProperty startProblemProperty() { return startProblem.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty canStartProperty() { return canStart.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty canAddModelInUseProperty() { return canAddModelInUse.getReadOnlyProperty(); }

    /** The token requests are to carry, or null when they need none. */
    String requiredToken() { return network.get() || tokenRequired.get() ? token.get() : null; }

    void newToken() { token.set(Tokens.generate()); }

    /** After a refused start: the free port to offer (or -1). */
    void offerPort(int free) { freePort.set(free); }

    /** Takes the free port offered; false when none was offered. */
    boolean useFreePort() {
        if (freePort.get() <= 0) return false;
        port.set(Integer.toString(freePort.get()));
        freePort.set(-1);
        return true;
    }

    /** A start is under way: nothing to start again until it ends. */
    void starting() {
        canStart.set(false);
        freePort.set(-1);
    }

    /** Checks every name, the port and whether there is something to serve. */
    void check() {
        boolean namesGood = list.checkNames();
        portProblem.set(ServeChecks.portProblem(port.get()));
        String problem = "";
        if (list.entries().isEmpty()) problem = Texts.get("ui.serve.no-models");
        else if (list.hasModelInUseEntry() && currentModel.get() == null) problem = Texts.get("ui.serve.no-model-in-use");
        startProblem.set(problem);
        boolean canAct = stopped.getAsBoolean();
        canAddModelInUse.set(canAct && currentModel.get() != null && !list.hasModelInUseEntry());
        canStart.set(canAct && problem.isEmpty() && portProblem.get() == null && namesGood);
    }
}
