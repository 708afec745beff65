package org.modelstudio.ui.model;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.edit.Edit;
import org.modelstudio.core.edit.EditHistory;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.i18n.Texts;

import java.util.List;

/**
 * Whole networks put in the place of the one edited, each as one undoable step: a template chosen from the list, a
 * network opened from a Keras file (added to the list), and the network a run fitted to its data.
 */
final class WholeNetworks {
    private final EditHistory history;
    private final ObservableList<NetworkSpec> templates;
    private final ObjectProperty<NetworkSpec> chosen = new SimpleObjectProperty<>();

    WholeNetworks(List<NetworkSpec> available, EditHistory history) {
        this.history = history;
        this.templates = FXCollections.observableArrayList(available);
        chosen.set(available.get(0));
        chosen.addListener((obs, old, network) -> {
            if (network != null && !network.equals(history.current())) replaceWith(network);
        });
    }

    ObservableList<NetworkSpec> templates() { return templates; }

    /** The template chosen in the list (null once a document of its own is open); choosing one replaces the network. */
    ObjectProperty<NetworkSpec> chosenProperty() { return chosen; }

    /** Replaces the network with a template, even when that template was chosen before. */
    void openTemplate(NetworkSpec template) {
        if (template.equals(chosen.get()) && !template.equals(history.current())) replaceWith(template);
        chosen.set(template);
    }

    /** Replaces the network with one made elsewhere, e.g. opened from a Keras file, listed with the templates. */
    void openNetwork(NetworkSpec network) {
        if (!templates.contains(network)) templates.add(network);
        openTemplate(network);
    }

    /**
     * Takes the input and layers of the network a run fitted to its data (its Output units to the data's classes, its
     * input to a table's columns), keeping the edited network's name and training settings. A network edited into
     * another shape meanwhile is left alone.
     */
    void fitToData(NetworkSpec fitted) {
        NetworkSpec current = history.current();
        if (current.layers().size() != fitted.layers().size()) return;
        NetworkSpec next = new NetworkSpec(current.name(), current.description(), fitted.input(), fitted.layers(), current.training());
        if (next.equals(current)) return;
        history.apply(new Edit.ReplaceNetwork(next, Texts.get("ui.model.edit.fit")));
        history.seal();
    }

    private void replaceWith(NetworkSpec network) {
        history.apply(new Edit.ReplaceNetwork(network, Texts.get("ui.model.edit.open", network.name())));
        history.seal();
    }
}
