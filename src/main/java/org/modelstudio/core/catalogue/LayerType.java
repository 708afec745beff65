package org.modelstudio.core.catalogue;

import java.util.List;

/** A layer type in the catalogue: its id in spec files, the name shown, its palette category and help. */
public record LayerType(String type, String name, String category, String help, List<ParamSpec> params) {

    public LayerType { params = List.copyOf(params); }

    public ParamSpec param(String key) {
        return params.stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no setting \"" + key + "\""));
    }
}
