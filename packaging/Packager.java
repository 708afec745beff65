import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the studio's installers for the OS it runs on with the JDK's own tools, run by {@code mvn -Pinstaller
 * package} after the jar and {@code target/lib/} exist:
 * <ol>
 *   <li>App jars into {@code input/}; the native libraries inside the JavaCPP jars (ND4J, OpenBLAS, JavaCPP)
 *       are taken out, so they ship unpacked and nothing is unpacked into the user's home at first start.</li>
 *   <li>JavaFX's jars become jmods with their native libraries as {@code --libs}, so jlink puts the libraries
 *       in the runtime's lib folder, where JavaFX looks first (no {@code ~/.openjfx/cache}).</li>
 *   <li>jlink: the JDK modules the jars use (jdeps) and JavaFX; the ND4J/OpenBLAS libraries are added beside
 *       JavaFX's; a CDS archive of the JDK's classes is made so the JVM starts faster.</li>
 *   <li>jpackage: the portable app image, then the OS's installers from it.</li>
 * </ol>
 * Usage: {@code java packaging/Packager.java BASEDIR VERSION JAVACPP_PLATFORM [TYPE...]} (types default to the
 * OS's: deb and rpm on Linux (rpm only where rpmbuild exists), msi on Windows, dmg on macOS).
 */
public final class Packager {
    private static final Pattern NATIVE = Pattern.compile(".*/((lib)?[^/]+\\.(so(\\.[0-9]+)*|dylib|dll))$");
    private static final String MAIN_CLASS = "org.modelstudio.Launcher";
    /** ControlsFX and chart-fx reach into JavaFX internals, which are closed once JavaFX is a set of modules. */
    private static final List<String> FX_ACCESS = List.of(
            "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED",
            "--add-exports=javafx.controls/com.sun.javafx.scene.control=ALL-UNNAMED",
            "--add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED",
            "--add-exports=javafx.controls/com.sun.javafx.scene.control.skin=ALL-UNNAMED",
            "--add-exports=javafx.graphics/com.sun.javafx.tk=ALL-UNNAMED",
            "--add-opens=javafx.graphics/javafx.scene=ALL-UNNAMED",
            "--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED");

    private final Path base;
    private final Path target;
    private final Path work;
    private final String version;
    private final String platform;
    private final Os os;

    enum Os {
        LINUX("linux", "model-studio", "png", "lib"), MAC("macos", "Model Studio", "icns", "lib"),
        WINDOWS("windows", "Model Studio", "ico", "bin");

        final String dir;
        final String name;
        final String icon;
        /** The runtime's folder for native libraries: JavaFX's and ours go there. */
        final String nativeDir;

        Os(String dir, String name, String icon, String nativeDir) {
            this.dir = dir;
            this.name = name;
            this.icon = icon;
            this.nativeDir = nativeDir;
        }

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return name.contains("win") ? WINDOWS : name.contains("mac") ? MAC : LINUX;
        }

        /** The runtime's folder as the launcher sees it ({@code $APPDIR} is the app folder, lib/app on Linux). */
        String runtimeHome() {
            return switch (this) {
                case LINUX -> "$APPDIR/../runtime";
                case MAC -> "$APPDIR/../runtime/Contents/Home";
                case WINDOWS -> "$APPDIR\\..\\runtime";
            };
        }

        String sep() { return this == WINDOWS ? "\\" : "/"; }
    }

    Packager(Path base, String version, String platform) {
        this.base = base;
        this.target = base.resolve("target");
        this.work = target.resolve("installer");
        this.version = version;
        this.platform = platform;
        this.os = Os.current();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) throw new IllegalArgumentException("usage: Packager BASEDIR VERSION JAVACPP_PLATFORM [TYPE...]");
        // jpackage wants a plain version number: 0.1.0-SNAPSHOT is packaged as 0.1.0.
        Packager p = new Packager(Path.of(args[0]).toAbsolutePath().normalize(), args[1].replaceAll("[^0-9.].*$", ""), args[2]);
        List<String> types = args.length > 3 ? List.of(Arrays.copyOfRange(args, 3, args.length)) : p.defaultTypes();
        if (types.equals(List.of("default"))) types = p.defaultTypes();
        if (types.equals(List.of("app-image"))) types = List.of(); // the app image only
        p.build(types);
    }

    List<String> defaultTypes() {
        return switch (os) {
            case LINUX -> onPath("rpmbuild") ? List.of("deb", "rpm") : List.of("deb");
            case MAC -> List.of("dmg");
            case WINDOWS -> List.of("msi");
        };
    }

    void build(List<String> types) throws Exception {
        deleteTree(work);
        Path input = Files.createDirectories(work.resolve("input"));
        Path natives = Files.createDirectories(work.resolve("natives"));
        Path fxJars = Files.createDirectories(work.resolve("javafx-jars"));
        stageJars(input, natives, fxJars);
        stageFiles(input);
        Path runtime = runtime(input, natives, javafxJmods(fxJars));
        Path image = appImage(input, runtime);
        log("app image: %s (%s)", image, megabytes(size(image)));
        Path packaged = os == Os.LINUX ? withStartupArchive(image) : image;
        for (String type : types) installer(type, packaged);
        try (Stream<Path> files = Files.list(work)) {
            for (Path f : files.filter(f -> f.toString().matches(".*\\.(deb|rpm|msi|exe|dmg|pkg)$")).toList()) {
                log("installer: %s (%s)", f, megabytes(Files.size(f)));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ staging

    /** The app's jars into input/, JavaFX's aside (they become jmods), native libraries out of the JavaCPP jars. */
    private void stageJars(Path input, Path natives, Path fxJars) throws IOException {
        Files.copy(target.resolve("model-studio.jar"), input.resolve("model-studio.jar"));
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            for (Path jar : jars.sorted().toList()) {
                String name = jar.getFileName().toString();
                if (name.startsWith("javafx-")) {
                    if (hasEntry(jar, "module-info.class")) Files.copy(jar, fxJars.resolve(name));
                } else if (name.matches(".*-" + Pattern.quote(platform) + "(-[a-z0-9]+)*\\.jar")) { // -linux-x86_64(-onednn).jar
                    unpackNatives(jar, input.resolve(name), natives);
                } else {
                    Files.copy(jar, input.resolve(name));
                }
            }
        }
        arrangeNatives(natives);
    }

    /** Copies {@code jar} without its native libraries (and the headers beside them); the libraries go to natives/. */
    private void unpackNatives(Path jar, Path out, Path natives) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : zip.stream().toList()) {
                Matcher m = NATIVE.matcher("/" + e.getName());
                boolean platformFile = e.getName().matches(".*/" + Pattern.quote(platform) + "(-[a-z0-9]+)*/.*")
                        && !e.getName().startsWith("META-INF/");
                if (!e.isDirectory() && m.matches() && platformFile) {
                    try (InputStream in = zip.getInputStream(e)) {
                        Path lib = natives.resolve(m.group(1));
                        Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
                        lib.toFile().setLastModified(e.getTime());
                    }
                } else if (!platformFile || e.isDirectory()) {
                    copy.putNextEntry(new ZipEntry(e.getName()));
                    try (InputStream in = zip.getInputStream(e)) {
                        in.transferTo(copy);
                    }
                    copy.closeEntry();
                }
            }
        }
    }

    /**
     * JavaCPP's OpenBLAS preset loads the same library twice under two names ("openblas@.0#openblas_nolapack@.0":
     * find libopenblas, load it as libopenblas_nolapack), and renaming means copying it into its cache. On Linux
     * we ship it once, under the second name: the first lookup then finds nothing (harmless), the second loads the
     * file, and the other libraries' links to libopenblas.so.0 are satisfied by its soname, so one copy is loaded
     * instead of two and nothing is copied. (On Windows and macOS, not tried yet, the files stay as they are and
     * JavaCPP makes the renamed copy once, in the studio's data folder.) ND4J's libnd4jcpu ships with its symbol
     * table: stripping it saves about 20 MB.
     */
    private void arrangeNatives(Path natives) throws IOException {
        if (os != Os.LINUX) return;
        Path openblas = natives.resolve("libopenblas.so.0");
        if (!Files.exists(openblas)) throw new IllegalStateException("no libopenblas.so.0 among " + list(natives));
        Files.move(openblas, natives.resolve("libopenblas_nolapack.so.0"), StandardCopyOption.REPLACE_EXISTING);
        if (onPath("strip")) {
            for (Path lib : list(natives)) run(List.of("strip", "--strip-unneeded", lib.toString()));
        }
    }

    /** Samples as files (the app keeps its own copy inside the jar; the IDX archives are only needed there). */
    private void stageFiles(Path input) throws IOException {
        copyTree(base.resolve("sample-models"), input.resolve("sample-models"), p -> !p.toString().endsWith(".gz"));
        copyTree(base.resolve("src/main/resources/licenses"), input.resolve("licenses"), p -> true);
        Files.copy(base.resolve("packaging/icons/splash.png"), input.resolve("splash.png"));
        if (os == Os.LINUX) Files.copy(base.resolve("packaging/linux/cds-archive.sh"), input.resolve("cds-archive.sh"));
    }

    // ------------------------------------------------------------------------------------------ runtime

    /** Each JavaFX jar as a jmod whose native libraries are --libs, so that jlink places them in the runtime. */
    private Path javafxJmods(Path fxJars) throws IOException {
        Path jmods = Files.createDirectories(work.resolve("jmods"));
        for (Path jar : list(fxJars)) {
            Path classes = work.resolve("fx-classes"), libs = work.resolve("fx-libs");
            deleteTree(classes);
            deleteTree(libs);
            Files.createDirectories(libs);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : zip.stream().toList()) {
                    if (e.isDirectory() || e.getName().startsWith("META-INF/")) continue;
                    boolean nativeLib = !e.getName().contains("/") && NATIVE.matcher("/" + e.getName()).matches();
                    Path to = (nativeLib ? libs : classes).resolve(e.getName());
                    Files.createDirectories(to.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, to);
                    }
                }
            }
            String module = jar.getFileName().toString().replaceAll("-[0-9].*", "").replace('-', '.');
            tool("jmod", "create", "--class-path", classes.toString(), "--libs", libs.toString(),
                    "--module-version", javafxVersion(jar), jmods.resolve(module + ".jmod").toString());
        }
        return jmods;
    }

    private static String javafxVersion(Path jar) {
        Matcher m = Pattern.compile("-([0-9][0-9.]*)").matcher(jar.getFileName().toString());
        return m.find() ? m.group(1) : "0";
    }

    private Path runtime(Path input, Path natives, Path jmods) throws IOException {
        TreeSet<String> modules = new TreeSet<>(List.of("javafx.controls", "javafx.fxml", "jdk.unsupported"));
        Path plain = work.resolve("jdeps.jar");
        for (Path jar : list(input)) {
            if (!jar.toString().endsWith(".jar")) continue;
            // jdeps reads a jar with a module-info as a module and then wants its module dependencies too: it is
            // asked about the classes alone.
            copyJar(jar, plain, e -> !e.getName().endsWith("module-info.class"));
            Matcher m = Pattern.compile("-> ((java|jdk)\\.[a-z.]+)").matcher(toolOutput("jdeps", "-s", plain.toString()));
            while (m.find()) modules.add(m.group(1));
        }
        Files.delete(plain);
        log("runtime modules: %s", modules);
        Path runtime = work.resolve("runtime");
        tool("jlink", "--module-path", jmods + java.io.File.pathSeparator + Path.of(System.getProperty("java.home"), "jmods"),
                "--add-modules", String.join(",", modules), "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", runtime.toString());
        Path libDir = runtime.resolve(os.nativeDir);
        for (Path lib : list(natives)) Files.copy(lib, libDir.resolve(lib.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        Path java = runtime.resolve(os == Os.WINDOWS ? "bin/java.exe" : "bin/java");
        run(List.of(java.toString(), "-Xshare:dump", "-version"));
        return runtime;
    }

    // ------------------------------------------------------------------------------------------ jpackage

    private List<String> javaOptions() {
        String libs = os.runtimeHome() + os.sep() + os.nativeDir;
        List<String> options = new ArrayList<>(List.of(
                "-XX:MaxGCPauseMillis=15",
                "-splash:$APPDIR" + os.sep() + "splash.png",
                "-Djava.library.path=" + libs,
                "-Dorg.bytedeco.javacpp.pathsFirst=true",
                // JavaCPP's cache folder is the studio's data folder (Launcher), so it makes no ~/.javacpp.
                "-Dmodelstudio.samples=$APPDIR" + os.sep() + "sample-models"));
        options.addAll(FX_ACCESS);
        return options;
    }

    private List<String> common() {
        List<String> args = new ArrayList<>(List.of("--name", os.name, "--app-version", version,
                "--vendor", "Model Studio", "--copyright", "Copyright (c) 2026 The Model Studio authors (MIT licence)",
                "--description", "Build, train, evaluate and use neural networks, offline"));
        return args;
    }

    private Path appImage(Path input, Path runtime) throws IOException {
        Path dest = work.resolve("image");
        List<String> args = new ArrayList<>(List.of("--type", "app-image", "--dest", dest.toString()));
        args.addAll(common());
        args.addAll(List.of("--input", input.toString(), "--main-jar", "model-studio.jar", "--main-class", MAIN_CLASS,
                "--runtime-image", runtime.toString(),
                "--icon", base.resolve("packaging/icons/model-studio." + os.icon).toString()));
        for (String option : javaOptions()) args.addAll(List.of("--java-options", option));
        // A second launcher for the command line: no splash, a console on Windows, no menu entry (jpackage 17 makes a
        // desktop file for it all the same on Linux: linux/resources/model-studio-cli.desktop hides it).
        Path cli = work.resolve("model-studio-cli.properties");
        String options = String.join(" ", javaOptions().stream().filter(o -> !o.startsWith("-splash:")).toList());
        Files.writeString(cli, "win-console=true\nlinux-shortcut=false\nwin-shortcut=false\nwin-menu=false\njava-options=" + options.replace("\\", "\\\\") + "\n"); // properties escape \
        args.addAll(List.of("--add-launcher", "model-studio-cli=" + cli));
        tool("jpackage", args.toArray(String[]::new));
        return dest.resolve(os == Os.MAC ? os.name + ".app" : os.name);
    }

    // ------------------------------------------------------------------------------------------ start-up archive (Linux)

    /**
     * Records the classes the studio loads until its window shows and the engine is warm (model-studio.classlist,
     * in the app folder), then returns a copy of the image for the packages whose launcher options name the
     * class-data-sharing archive that the package's install script makes from that list (cds-archive.sh). The
     * archive holds the jars' paths, so it can only be made where the app is installed; the portable image keeps
     * the JDK's own archive only. Recording needs a display: xvfb-run, or DISPLAY. Without one the packages are
     * built without the archive (and start more slowly).
     */
    private Path withStartupArchive(Path image) throws IOException {
        Path list = image.resolve("lib/app/model-studio.classlist");
        if (!recordClassList(image, list)) return image;
        Path copy = work.resolve("package-image").resolve(image.getFileName());
        copyTree(image, copy, p -> true);
        copyPermissions(image, copy);
        for (Path cfg : list(copy.resolve("lib/app"))) { // both launchers have the same class path
            if (!cfg.toString().endsWith(".cfg")) continue;
            Files.writeString(cfg, Files.readString(cfg).replace("[JavaOptions]\n",
                    "[JavaOptions]\njava-options=-XX:SharedArchiveFile=$APPDIR/model-studio.jsa\n"));
        }
        return copy;
    }

    private boolean recordClassList(Path image, Path list) throws IOException {
        List<String> command = new ArrayList<>();
        if (onPath("xvfb-run")) command.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1440x900x24"));
        else if (System.getenv("DISPLAY") == null) {
            log("no xvfb-run and no DISPLAY: the packages are built without a start-up archive");
            return false;
        }
        Path app = image.resolve("lib/app");
        command.add(image.resolve("lib/runtime/bin/java").toString());
        command.add("-XX:DumpLoadedClassList=" + list);
        for (String line : Files.readAllLines(app.resolve(os.name + ".cfg"))) {
            if (line.startsWith("java-options=") && !line.contains("-splash:")) {
                command.add(line.substring("java-options=".length()).replace("$APPDIR", app.toString()));
            }
        }
        command.add("-Dmodelstudio.dataDir=" + work.resolve("classlist-data"));
        command.addAll(List.of("-cp", classPath(app), MAIN_CLASS));
        Path logFile = work.resolve("classlist.log");
        List<Path> before = files(image);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline && p.isAlive()) {
                String log = Files.readString(logFile);
                if (log.contains("First frame") && log.contains("Engine and sample ready")) break;
                Thread.sleep(250);
            }
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        List<Path> written = new ArrayList<>(files(image));
        written.removeAll(before);
        written.remove(list);
        if (!written.isEmpty()) throw new IllegalStateException("the studio wrote into its own folder: " + written);
        String log = Files.readString(logFile);
        if (!log.contains("First frame")) {
            log("the studio did not show its window while recording classes (see %s): no start-up archive", logFile);
            Files.deleteIfExists(list);
            return false;
        }
        log("recorded %d classes for the start-up archive", Files.readAllLines(list).size());
        return true;
    }

    private static String classPath(Path app) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String line : Files.readAllLines(app.resolve(Os.current().name + ".cfg"))) {
            if (line.startsWith("app.classpath=")) entries.add(line.substring("app.classpath=".length()).replace("$APPDIR", app.toString()));
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.toList();
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p) && Files.isExecutable(p)) to.resolve(from.relativize(p).toString()).toFile().setExecutable(true, false);
            }
        }
    }

    private void installer(String type, Path image) throws IOException {
        Path resources = base.resolve("packaging").resolve(os.dir);
        List<String> args = new ArrayList<>(List.of("--type", type, "--dest", work.toString(), "--app-image", image.toString()));
        args.addAll(common());
        args.addAll(List.of("--license-file", base.resolve("src/main/resources/licenses/MODEL-STUDIO-LICENSE.txt").toString(),
                "--file-associations", resources.resolve("msproj.properties").toString(),
                "--icon", base.resolve("packaging/icons/model-studio." + os.icon).toString()));
        if (Files.isDirectory(resources.resolve("resources"))) args.addAll(List.of("--resource-dir", resources.resolve("resources").toString()));
        switch (os) {
            case LINUX -> args.addAll(List.of("--linux-package-name", "model-studio", "--linux-shortcut",
                    "--linux-menu-group", "Education;Science;", "--linux-app-category", "science",
                    "--linux-deb-maintainer", "studio@modelstudio.invalid", "--linux-rpm-license-type", "MIT"));
            case WINDOWS -> args.addAll(List.of("--win-menu", "--win-shortcut", "--win-dir-chooser",
                    "--win-upgrade-uuid", "6f0b1c9e-4a53-4c44-9a43-5c8f3d0e7a21"));
            case MAC -> args.addAll(List.of("--mac-package-identifier", "org.modelstudio.studio"));
        }
        tool("jpackage", args.toArray(String[]::new));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void tool(String name, String... args) {
        String out = toolOutput(name, args);
        if (!out.isBlank()) System.out.print(out);
    }

    private static String toolOutput(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name).orElseThrow(() -> new IllegalStateException(name + " is not in this JDK"));
        StringWriter out = new StringWriter();
        int code = tool.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
        if (code != 0 && !name.equals("jdeps")) {
            throw new IllegalStateException(name + " failed (" + code + "): " + String.join(" ", args) + "\n" + out);
        }
        return out.toString();
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(java.io.File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static void copyJar(Path jar, Path out, java.util.function.Predicate<ZipEntry> keep) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : zip.stream().filter(keep).toList()) {
                copy.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream in = zip.getInputStream(e)) {
                    in.transferTo(copy);
                }
                copy.closeEntry();
            }
        }
    }

    private static boolean hasEntry(Path jar, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else if (keep.test(p)) Files.copy(p, dest);
            }
        }
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static String megabytes(long bytes) { return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6); }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void log(String format, Object... args) { System.out.println("[packager] " + String.format(Locale.ROOT, format, args)); }
}
