package org.modelstudio.core.graph;

import org.modelstudio.core.i18n.Texts;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Lower-case ids for enums in spec files ("leaky_relu"), with a readable error for unknown ids. */
public final class Enums {
    private Enums() {}

    public static <E extends Enum<E>> E fromId(Class<E> type, String id) {
        if (id != null) {
            String wanted = id.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(wanted)) return e;
            }
        }
        throw new IllegalArgumentException(Texts.get("core.spec.not-one-of", id, ids(type)));
    }

    public static <E extends Enum<E>> String ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
