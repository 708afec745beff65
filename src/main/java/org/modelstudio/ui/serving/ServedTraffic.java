package org.modelstudio.ui.serving;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.server.ModelServer;
import org.modelstudio.server.RequestLog;

import java.util.ArrayList;
import java.util.List;

/**
 * What the running server has answered: its request log (the newest requests first, at most {@value #MAX_ROWS}) and its
 * traffic over time, read from the server's log and counters every {@value #POLL_MILLIS} ms by a timer on the FX thread:
 * the server is never told to push anything per request.
 */
final class ServedTraffic {
    static final int MAX_ROWS = 500;
    static final long POLL_MILLIS = 300;

    private final ObservableList<RequestRow> requests = FXCollections.observableArrayList();
    private final TrafficHistory history = new TrafficHistory();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private long lastSeq = -1;
    private Timeline poller;

    ObservableList<RequestRow> requests() { return requests; }
    TrafficHistory history() { return history; }
    /** Counts the traffic history's new points: the chart redraws when it changes. */
    ReadOnlyLongProperty revisionProperty() { return revision.getReadOnlyProperty(); }
    ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    /** Follows a server that has just started: nothing answered yet, then what it answers, read at each poll. */
    void follow(ModelServer server) {
        stop(null);   // one timer at a time
        reset(server);
        poller = new Timeline(new KeyFrame(Duration.millis(POLL_MILLIS), e -> poll(server)));
        poller.setCycleCount(Animation.INDEFINITE);
        poller.play();
    }

    /** Stops following; {@code server}, if given, is read a last time (the requests answered before its port closed). */
    void stop(ModelServer server) {
        if (server != null) poll(server);
        if (poller != null) poller.stop();
        poller = null;
    }

    private void reset(ModelServer server) {
        requests.clear();
        lastSeq = -1;
        history.reset(System.nanoTime(), server.metrics().requests(), server.metrics().latencySeconds());
        revision.set(revision.get() + 1);
        summary.set(Texts.get("ui.traffic.none"));
    }

    /** Reads the server's new log entries and its counters. */
    private void poll(ModelServer server) {
        List<RequestLog.Entry> fresh = server.log().after(lastSeq);
        if (!fresh.isEmpty()) {
            lastSeq = fresh.get(fresh.size() - 1).seq();
            List<RequestRow> rows = new ArrayList<>(Math.min(fresh.size(), MAX_ROWS));
            for (int i = fresh.size() - 1; i >= Math.max(0, fresh.size() - MAX_ROWS); i--) rows.add(RequestRow.of(fresh.get(i)));
            requests.addAll(0, rows);
            if (requests.size() > MAX_ROWS) requests.remove(MAX_ROWS, requests.size());
        }
        if (history.sample(System.nanoTime(), server.metrics().requests(), server.metrics().latencySeconds())) {
            revision.set(revision.get() + 1);
            summary.set(history.summary(10) + Texts.get("ui.traffic.total", Texts.number(server.metrics().requests())));
        }
    }
}
