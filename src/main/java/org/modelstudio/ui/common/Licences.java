package org.modelstudio.ui.common;

import org.modelstudio.core.i18n.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The licence texts shipped inside the studio ({@code src/main/resources/licenses/}): the studio's own, the
 * notices of the libraries, the runtime and the sample data, and the full texts they refer to. The About box
 * lists them in this order; the installers also copy the folder beside the app.
 */
public final class Licences {
    /** A licence file: the name shown to the user and the resource's file name. */
    public record Text(String title, String file) {
        @Override public String toString() { return title; }
    }

    public static final List<Text> ALL = List.of(
            new Text(Texts.get("ui.licences.model-studio"), "MODEL-STUDIO-LICENSE.txt"),
            new Text(Texts.get("ui.licences.third-party"), "THIRD-PARTY.txt"),
            new Text(Texts.get("ui.licences.sample-data"), "SAMPLE-DATA.txt"),
            new Text("Apache License 2.0", "Apache-2.0.txt"),
            new Text("GPL 2.0 with Classpath Exception", "GPL-2.0-with-classpath-exception.txt"),
            new Text("LGPL 3.0", "LGPL-3.0.txt"),
            new Text("GPL 3.0", "GPL-3.0.txt"),
            new Text("GCC Runtime Library Exception 3.1", "GCC-runtime-library-exception-3.1.txt"),
            new Text("LGPL 2.1", "LGPL-2.1.txt"),
            new Text("Eclipse Public License 1.0", "EPL-1.0.txt"),
            new Text("CDDL 1.1 / GPL 2.0 with Classpath Exception", "CDDL-1.1-GPL-2.0-CE.txt"),
            new Text("CC0 1.0", "CC0-1.0.txt"),
            new Text("HDF5 (The HDF Group)", "HDF5.txt"));

    private Licences() {}

    /** The text of one licence file. */
    public static String read(Text text) {
        try (InputStream in = Licences.class.getResourceAsStream("/licenses/" + text.file())) {
            if (in == null) throw new IllegalStateException("/licenses/" + text.file() + " is missing from the application");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
