package org.modelstudio.ui.serving;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a port nobody listens on, to offer when the chosen one is taken. */
final class FreePort {
    static final int TRIES = 50;

    private FreePort() {}

    /** The first port after {@code busy} that can be listened on at {@code bind}, or -1 if none of the next {@value #TRIES} can. */
    static int after(String bind, int busy) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (IOException e) {
            return -1;
        }
        for (int port = busy + 1; port <= Math.min(65535, busy + TRIES); port++) {
            if (free(address, port)) return port;
        }
        return -1;
    }

    static boolean free(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
