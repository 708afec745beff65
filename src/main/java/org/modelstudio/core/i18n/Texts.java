package org.modelstudio.core.i18n;

import java.text.NumberFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The words a person reads, in the studio's language: English or 简体中文.
 *
 * <p>Every text is a key in a resource bundle under {@code org/modelstudio/i18n/}. The part of a key before its first
 * dot names its bundle ({@code ui.train.start} is in {@code ui.properties}), so each area of the studio keeps its own
 * pair of files: {@code AREA.properties} (English, the fallback) and {@code AREA_zh_CN.properties}. Both files hold
 * every key; {@code TextsBundleTest} fails when one does not. Files are UTF-8.
 *
 * <p>Placeholders are {@code {0}}, {@code {1}}, … and are replaced by the arguments as they are given (format
 * numbers first with {@link #number}); unlike {@link java.text.MessageFormat}, an apostrophe is just an apostrophe.
 *
 * <p>The language is one per process, like {@link Locale#getDefault()}: chosen from the system at first start (or
 * from what the person picked in View ▸ Language, which the window remembers), and for the CLI from its locale.
 * Files the studio writes never depend on it: they keep {@code .} decimals.
 */
public final class Texts {
    /** The languages the studio speaks, in the order View ▸ Language offers them. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);
    /** The bundles, one per area; a key's prefix before its first dot names one of them. */
    public static final List<String> AREAS = List.of("ui", "catalogue", "core", "engine", "cli");

    private static final String BASE = "org.modelstudio.i18n.";
    private static volatile Locale locale = choose(Locale.getDefault());
    /** A language for one thread's work instead of the studio's ({@link #inEnglish}). */
    private static final ThreadLocal<Locale> OVERRIDE = new ThreadLocal<>();
    /** The bundles read so far, by area and language ("ui_zh_CN"). */
    private static final ConcurrentHashMap<String, ResourceBundle> BUNDLES = new ConcurrentHashMap<>();

    private Texts() {}

    /** The studio's language for a system locale: 简体中文 for any Chinese locale, else English. */
    public static Locale choose(Locale system) {
        return system != null && "zh".equals(system.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    /** The language texts are given in now. */
    public static Locale locale() {
        Locale here = OVERRIDE.get();
        return here != null ? here : locale;
    }

    /**
     * What {@code work} returns with every text in English, on this thread only: for what programs and files read (the
     * model server's answers, comments in exported code), whatever language the window speaks.
     */
    public static <T> T inEnglish(Supplier<T> work) {
        Locale before = OVERRIDE.get();
        OVERRIDE.set(Locale.ENGLISH);
        try {
            return work.get();
        } finally {
            if (before == null) OVERRIDE.remove();
            else OVERRIDE.set(before);
        }
    }

    /** The English text for {@code key} whatever the studio's language (see {@link #inEnglish}). */
    public static String english(String key, Object... args) {
        return inEnglish(() -> get(key, args));
    }

    /** Speaks {@code language} from now on (one of {@link #LANGUAGES}, else the nearest). */
    public static void use(Locale language) {
        locale = choose(language);
    }

    /** The text for {@code key} with its placeholders replaced; a key no bundle has is shown as itself in ‹ ›. */
    public static String get(String key, Object... args) {
        String text = lookup(key);
        if (text == null) return "‹" + key + "›";
        return args.length == 0 ? text : fill(text, args);
    }

    /** Whether {@code key} is in the bundles (in English at least). */
    public static boolean has(String key) { return lookup(key) != null; }

    /** {@code value} with {@code decimals} decimals and the language's grouping, for reading (never for files). */
    public static String number(double value, int decimals) {
        NumberFormat f = NumberFormat.getNumberInstance(locale());
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(value);
    }

    /** A whole number with the language's grouping ("12,345"). */
    public static String number(long value) { return NumberFormat.getIntegerInstance(locale()).format(value); }

    /** A fraction as a percentage with {@code decimals} decimals ("87.5 %" in English, "87.5%" in Chinese). */
    public static String percent(double fraction, int decimals) {
        return get("core.percent", number(fraction * 100, decimals));
    }

    /** All the texts as one bundle, for FXML's {@code %key} (each key looked up in its own area's bundle). */
    public static ResourceBundle bundle() {
        return new ResourceBundle() {
            @Override protected Object handleGetObject(String key) {
                return lookup(key);
            }

            @Override public Enumeration<String> getKeys() {
                Set<String> keys = new LinkedHashSet<>();
                for (String area : AREAS) {
                    ResourceBundle b = area(area);
                    if (b != null) keys.addAll(b.keySet());
                }
                return Collections.enumeration(keys);
            }

            @Override public Locale getLocale() { return locale(); }
        };
    }

    /** The bundle of one area in the current language, or null if the area has no file. */
    public static ResourceBundle area(String area) {
        Locale language = locale();
        ResourceBundle b = BUNDLES.computeIfAbsent(area + "_" + language, key -> load(area, language));
        return b == EMPTY ? null : b;
    }

    private static ResourceBundle load(String area, Locale language) {
        try {
            return ResourceBundle.getBundle(BASE + area, language, Texts.class.getClassLoader(), NO_SYSTEM_FALLBACK);
        } catch (MissingResourceException e) {
            return EMPTY;
        }
    }

    private static String lookup(String key) {
        int dot = key.indexOf('.');
        if (dot <= 0) return null;
        ResourceBundle b = area(key.substring(0, dot));
        if (b == null) return null;
        try {
            return b.getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    static String fill(String text, Object... args) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int close = c == '{' ? text.indexOf('}', i) : -1;
            if (close > i + 1 && close <= i + 3) {
                String digits = text.substring(i + 1, close);
                if (digits.chars().allMatch(Character::isDigit)) {
                    int n = Integer.parseInt(digits);
                    if (n < args.length) {
                        out.append(args[n]);
                        i = close;
                        continue;
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Never the JVM's default locale as a fallback: a missing Chinese text falls back to English, not to another file. */
    private static final ResourceBundle.Control NO_SYSTEM_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final ResourceBundle EMPTY = new ResourceBundle() {
        @Override protected Object handleGetObject(String key) { return null; }

        @Override public Enumeration<String> getKeys() { return Collections.emptyEnumeration(); }
    };
}
