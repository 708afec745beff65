package org.modelstudio.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Cross-origin access for web pages, off unless an origin is allowed: then requests from that origin (or any, for "*")
 * get the headers a browser needs, and preflight requests are answered.
 */
record Cors(String allowOrigin) {

    boolean enabled() { return allowOrigin != null; }

    /** Whether a request from {@code origin} may be answered to a page. */
    boolean allows(String origin) {
        return allowOrigin != null && origin != null && (allowOrigin.equals("*") || allowOrigin.equalsIgnoreCase(origin));
    }

    void decorate(Request request, Response response) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!allows(origin)) return;
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin.equals("*") ? "*" : origin);
        response.getHeaders().put(HttpHeader.VARY, "Origin");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After");
    }

    /** The extra headers of a preflight answer. */
    void preflight(Response response) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
    }
}
