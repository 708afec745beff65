package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.keras.KerasImport;
import org.modelstudio.server.ModelServer;
import org.modelstudio.server.ServerOptions;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Starts a server for the Serve window, off the FX thread: opens the saved model files, publishes every model as version
 * 1 of its name (each warmed up by one forward pass), then listens. Anything that goes wrong is a {@link Refused} with the
 * sentence to show, and nothing is left running.
 */
final class ServerLauncher {
    static final String LOOPBACK = "127.0.0.1";
    static final String EVERY_ADDRESS = "0.0.0.0";

    /**
     * One model to serve.
     *
     * @param model the model in use, or null to open {@code file}
     * @param description where it came from, for the server's versions ("the studio: Trained MLP…", "mlp.zip")
     */
    record Source(String name, TrainedModel model, Path file, String description) {}

    /**
     * What to start, taken on the FX thread when Start is pressed.
     *
     * @param network whether other computers may call it (listening on every address; a token is then required)
     * @param token   null for none (loopback only)
     */
    record Request(List<Source> sources, int port, boolean network, String token) {
        Request {
            sources = List.copyOf(sources);
            if (network && token == null) throw new IllegalArgumentException("a server that other computers can call needs a token");
        }

        String bind() { return network ? EVERY_ADDRESS : LOOPBACK; }
    }

    /** A running server, and what the window shows with it. */
    record Launched(ModelServer server, Path exampleImage, List<String> addresses) {}

    /** Why the server did not start, as a sentence; {@code freePort} is a port to offer instead, or -1. */
    static final class Refused extends Exception {
        private final int freePort;

        Refused(String message, int freePort) {
            super(message);
            this.freePort = freePort;
        }

        int freePort() { return freePort; }
    }

    private ServerLauncher() {}

    static Launched launch(Request request) throws Refused {
        ModelServer server;
        try {
            server = new ModelServer(ServerOptions.defaults().withBind(request.bind()).withPort(request.port()).withToken(request.token()));
        } catch (IllegalArgumentException e) {
            throw new Refused(Texts.get("ui.serve.not-started-dot", e.getMessage()), -1);
        }
        try {
            for (Source s : request.sources()) {
                TrainedModel model = s.model() != null ? s.model() : open(s.file());
                try {
                    server.models().publish(s.name(), model, s.description());
                } catch (IllegalArgumentException e) {
                    throw new Refused(Texts.get("ui.serve.cannot-serve", s.name(), e.getMessage()), -1);
                }
            }
            try {
                server.start();
            } catch (IOException e) {
                boolean busy = inUse(e);
                int free = busy ? FreePort.after(request.bind(), request.port()) : -1;
                throw new Refused(Texts.get("ui.serve.not-started-dot", reason(e, busy))
                        + (free > 0 ? Texts.get("ui.serve.port-suggested", free) : busy ? Texts.get("ui.serve.port-busy") : ""),
                        free);
            }
        } catch (Refused e) {
            server.stop(Duration.ofSeconds(2));
            throw e;
        } catch (RuntimeException e) {
            server.stop(Duration.ofSeconds(2));
            throw new Refused(Texts.get("ui.serve.not-started", e.getMessage()), -1);
        }
        return new Launched(server, ExampleInputs.exampleImage().orElse(null), request.network() ? addresses(server.port()) : List.of());
    }

    /** Why the port could not be listened on (Jetty wraps the BindException in an IOException), or null. */
    private static BindException bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) return b;
        }
        return null;
    }

    /** Whether another program holds the port. */
    private static boolean inUse(Throwable e) {
        BindException b = bindFailure(e);
        return b != null && String.valueOf(b.getMessage()).toLowerCase(Locale.ROOT).contains("in use");
    }

    /** The server's sentence, without its advice to choose another port when the window offers a free one. */
    private static String reason(IOException e, boolean busy) {
        String said = String.valueOf(e.getMessage());
        return busy ? said.replace("; choose another port", "") : said;
    }

    private static TrainedModel open(Path file) throws Refused {
        try {
            return KerasImport.loadModel(file);
        } catch (IOException | RuntimeException e) {
            throw new Refused(Texts.get("ui.serve.cannot-open", file.getFileName(), e.getMessage()), -1);
        }
    }

    /** This computer's addresses on its networks, as other computers would call the server: "http://192.168.1.20:8080/". */
    static List<String> addresses(int port) {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual()) continue;
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress()) out.add("http://" + a.getHostAddress() + ":" + port + "/");
                }
            }
        } catch (SocketException e) {
            // No list of addresses: the window then only says that other computers use this one's address.
        }
        return out.size() > 3 ? out.subList(0, 3) : out;
    }
}
