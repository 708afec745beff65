package org.modelstudio.cli;

import org.modelstudio.core.i18n.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line words split into positionals and --options, checked against what a command accepts. */
public final class Args {
    public final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    /** @param valued options that take a value; @param flags options that do not */
    public static Args parse(List<String> words, Set<String> valued, Set<String> flags) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--")) {
                String name = w;
                String value = null;
                int eq = w.indexOf('=');
                if (eq > 0) {
                    name = w.substring(0, eq);
                    value = w.substring(eq + 1);
                }
                if (flags.contains(name) && value == null) {
                    a.options.put(name, "true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= words.size()) throw new UsageException(Texts.get("cli.args.needs-value", name));
                        value = words.get(++i);
                    }
                    a.options.put(name, value);
                } else {
                    throw new UsageException(Texts.get("cli.args.unknown-option", name));
                }
            } else {
                a.positional.add(w);
            }
        }
        return a;
    }

    public boolean has(String name) { return options.containsKey(name); }

    public String get(String name) { return options.get(name); }

    public int intOption(String name, int fallback, int min) throws UsageException {
        String v = options.get(name);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min) throw new UsageException(Texts.get("cli.args.at-least", name, min, n));
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(Texts.get("cli.args.whole-number", name, v));
        }
    }

    public double doubleOption(String name, double fallback, double min, double max) throws UsageException {
        String v = options.get(name);
        if (v == null) return fallback;
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= min && d <= max)) throw new UsageException(Texts.get("cli.args.between", name, min, max, v));
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(Texts.get("cli.args.number", name, v));
        }
    }
}
