package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.server.RequestLog;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line of the Serve window's request log, as it is shown.
 *
 * @param model  the model's name and the version that answered ("fashion v2"), or empty
 * @param input  what was sent ("1 image"), or for a request that sent none its method and endpoint ("GET …/ready")
 * @param answer the first label, "≈ 152.3", or the error sentence
 */
public record RequestRow(long seq, String time, String client, String model, String input, int status, String answer, String millis,
                         String method, String path) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    static RequestRow of(RequestLog.Entry e) {
        String input = e.input() == null || e.input().isEmpty() ? e.method() + " " + shortPath(e.path()) : e.input();
        return new RequestRow(e.seq(), TIME.format(e.time()), e.client(), e.model(), input, e.status(), e.answer() == null ? "" : e.answer(),
                Texts.number(e.millis(), 1), e.method(), e.path());
    }

    /** "/v2/models/fashion/infer" → "…/infer": the model's column already names it. Other paths stay whole. */
    static String shortPath(String path) {
        if (path == null) return "";
        String[] parts = path.split("/");
        return path.startsWith("/v2/models/") && parts.length > 4 ? "…/" + parts[parts.length - 1] : path;
    }

    /** Whether the request was refused or failed (shown in red). */
    public boolean error() { return status >= 400; }
}
