package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.rendering.GraphView;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The graph in each incident's main message: decides when one is due ({@link GraphPlan}), has it drawn and uploaded
 * on a worker thread of its own, and hands the result back to the sink's loop, which shows it in the message.
 *
 * <p>Why a worker: a graph costs a CloudWatch call, a render and three Slack calls; the text of the message must
 * never wait for them, nor must the next incident's message. The loop only decides, records the render's key in the
 * ref durably before the worker gets it (so a crash never makes the same render twice: see {@link SlackRef.Graph}),
 * and applies finished renders between polls ({@link #completed}). A full queue puts a render off for a second
 * (counted as {@code deferred}); it never blocks the loop.
 *
 * <p>The message is edited from the last snapshot the sink showed, kept in memory for a bounded number of incidents;
 * after a restart the graph appears with the next change. A replaced file is deleted once the message shows the new
 * one.
 *
 * <p>{@link #shown}, {@link #completed} and {@link #due} are called on the sink's loop thread only; the worker is
 * internal. {@link #close} stops the worker.
 */
public final class IncidentGraphs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentGraphs.class);
    private static final int QUEUE = 32;
    private static final int SNAPSHOTS = 10_000;
    private static final Duration QUEUE_RETRY = Duration.ofSeconds(1);

    /** A render handed back to the loop: the incident, the key it was made for, what came of it. */
    public record Ready(int partition, String incidentId, String key, Incident snapshot, Made made) {}

    /**
     * What the worker made.
     *
     * @param fileId the uploaded file, or null
     * @param altText the image's words
     * @param note the line to show, or null
     * @param failure why nothing can be shown this time, or null
     * @param retryIn when the same render should be tried again (Slack out of reach), or null
     */
    public record Made(String fileId, String altText, String note, String failure, Duration retryIn) {

        /** A render that ended without a retry. */
        public Made(String fileId, String altText, String note, String failure) {
            this(fileId, altText, note, failure, null);
        }
    }

    private record Job(int partition, String key, Incident snapshot, String channelId, String threadTs) {}

    private record Due(int partition, Instant at) {}

    private final GraphMaker maker;
    private final GraphUploads uploads;
    private final Duration refresh;
    private final SlackRefStore refs;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final BlockingQueue<Runnable> work = new ArrayBlockingQueue<>(QUEUE);
    private final ConcurrentLinkedQueue<Ready> ready = new ConcurrentLinkedQueue<>();
    private final Map<String, Due> dueLater = new LinkedHashMap<>();
    private final Map<String, Incident> lastShown = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Incident> eldest) {
            return size() > SNAPSHOTS;
        }
    };
    private final Thread worker;

    /**
     * @param maker draws a snapshot's graph
     * @param uploads puts PNGs into Slack
     * @param refresh the least time between two graphs of one incident
     * @param refs the sink's refs (the graph state lives in them)
     * @param metrics counts graphs by outcome
     * @param clock the sink's clock
     */
    public IncidentGraphs(
            GraphMaker maker,
            GraphUploads uploads,
            Duration refresh,
            SlackRefStore refs,
            SinkMetrics metrics,
            Clock clock) {
        this.maker = Objects.requireNonNull(maker, "maker");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.refs = Objects.requireNonNull(refs, "refs");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.worker = new Thread(this::work, "slack-graphs");
        this.worker.setDaemon(true);
        if (maker != GraphMaker.NONE) {
            worker.start();
        }
    }

    /** No graphs: {@link GraphMaker#NONE}, no worker. */
    public static IncidentGraphs off(SlackRefStore refs, SinkMetrics metrics, Clock clock) {
        return new IncidentGraphs(GraphMaker.NONE, NO_UPLOADS, Duration.ZERO, refs, metrics, clock);
    }

    private static final GraphUploads NO_UPLOADS = new GraphUploads() {
        @Override
        public GraphUploads.Upload upload(
                byte[] png, String filename, String title, String altText, String channelId, String threadTs) {
            return GraphUploads.Upload.refused();
        }

        @Override
        public void delete(String fileId) {}
    };

    /** What the message of this ref shows as its graph. */
    public static GraphView view(SlackRef ref) {
        SlackRef.Graph graph = ref.graphOrNone();
        return new GraphView(graph.fileId(), graph.altText(), graph.note());
    }

    /** Told after the incident's main message was posted or edited to show {@code incident}. */
    public void shown(int partition, Incident incident) {
        if (maker == GraphMaker.NONE) {
            return;
        }
        lastShown.put(incident.incidentId(), incident);
        decide(partition, incident);
    }

    private void decide(int partition, Incident incident) {
        SlackRef ref = refs.get(partition, incident.incidentId()).orElse(null);
        if (ref == null || !ref.hasMessage()) {
            return;
        }
        SlackRef.Graph graph = ref.graphOrNone();
        GraphPlan.Decision decision = GraphPlan.decide(maker.renderKey(incident), graph, clock.instant(), refresh);
        switch (decision.action()) {
            case RENDER -> submit(partition, ref, decision.key(), incident);
            case LATER -> {
                dueLater.put(incident.incidentId(), new Due(partition, decision.at()));
                if (!decision.at().equals(graph.dueAt())) {
                    refs.put(partition, ref.withGraph(graph.due(decision.at()), clock.instant()));
                }
            }
            default -> LOG.trace("No graph for {}: {}", incident.incidentId(), decision.reason());
        }
    }

    private void submit(int partition, SlackRef ref, String key, Incident incident) {
        if (work.remainingCapacity() == 0) {
            // A burst (a backlog after an outage) outruns the worker: try again shortly rather than block the
            // loop or lose the graph. The CloudWatch budget, not this, is what skips a graph for good.
            metrics.graph("deferred");
            dueLater.put(
                    incident.incidentId(), new Due(partition, clock.instant().plus(QUEUE_RETRY)));
            return;
        }
        // Durable before the worker sees it: after a crash, this key is never made again.
        refs.putDurably(partition, ref.withGraph(ref.graphOrNone().pending(key), clock.instant()));
        dueLater.remove(incident.incidentId());
        Job job = new Job(partition, key, incident, ref.channelId(), ref.ts());
        if (!work.offer(() -> make(job))) {
            // Only this thread adds work and it checked for room, so this cannot happen; if it did, the key must
            // not stay pending with no job behind it.
            refs.put(partition, ref);
            dueLater.put(
                    incident.incidentId(), new Due(partition, clock.instant().plus(QUEUE_RETRY)));
        }
    }

    /** Puts-off refreshes whose time has come: decided again from the latest snapshot shown. Loop thread. */
    public void due() {
        if (dueLater.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Map.Entry<String, Due>> reached = new ArrayList<>();
        for (Iterator<Map.Entry<String, Due>> it = dueLater.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Due> entry = it.next();
            if (!entry.getValue().at().isAfter(now)) {
                reached.add(entry);
                it.remove();
            }
        }
        for (Map.Entry<String, Due> entry : reached) {
            Incident snapshot = lastShown.get(entry.getKey());
            if (snapshot != null) {
                decide(entry.getValue().partition(), snapshot);
            }
        }
    }

    /**
     * Finished renders, for the loop to show: each with the ref's new graph state already decided by
     * {@link #settle}.
     */
    public List<Ready> completed() {
        List<Ready> out = new ArrayList<>();
        Ready next;
        while ((next = ready.poll()) != null) {
            out.add(next);
        }
        return out;
    }

    /**
     * The graph state a finished render leaves in the ref: the new file or note with its key, or, when it failed,
     * the old picture kept with the key marked as tried. Pure.
     */
    public static SlackRef.Graph settle(SlackRef.Graph before, Ready done, Instant now) {
        Made made = done.made();
        if (made.retryIn() != null) {
            // Not tried for good: the key stays unrendered, so the retry draws it again.
            return new SlackRef.Graph(
                    before.fileId(),
                    before.altText(),
                    before.note(),
                    before.renderKey(),
                    null,
                    before.renderedAt(),
                    before.dueAt());
        }
        if (made.failure() != null) {
            return new SlackRef.Graph(
                    before.fileId(),
                    before.altText(),
                    before.note(),
                    done.key(),
                    null,
                    before.renderedAt(),
                    before.dueAt());
        }
        return new SlackRef.Graph(made.fileId(), made.altText(), made.note(), done.key(), null, now, before.dueAt());
    }

    /** Draws the incident again after {@code delay}, from the latest snapshot shown. Loop thread. */
    public void retryLater(int partition, String incidentId, Duration delay) {
        dueLater.put(incidentId, new Due(partition, clock.instant().plus(delay)));
    }

    /** The latest snapshot this sink showed of an incident, or null. Loop thread. */
    public Incident lastShown(String incidentId) {
        return lastShown.get(incidentId);
    }

    /** Deletes a replaced file, on the worker. Loop thread. */
    public void deleteLater(String fileId) {
        if (fileId != null && !work.offer(() -> uploads.delete(fileId))) {
            LOG.debug("Graph queue full: file {} left in Slack", fileId);
        }
    }

    private void make(Job job) {
        Incident incident = job.snapshot();
        Made made;
        try {
            GraphMaker.Result result = maker.make(incident);
            if (result instanceof GraphMaker.Result.Image image) {
                GraphUploads.Upload upload = uploads.upload(
                        image.png(),
                        incident.incidentId() + "-graph.png",
                        image.title(),
                        image.altText(),
                        job.channelId(),
                        job.threadTs());
                if (upload.fileId() != null) {
                    made = new Made(upload.fileId(), image.altText(), image.note(), null);
                } else if (upload.retryIn() != null) {
                    made = new Made(null, null, null, "upload deferred", upload.retryIn());
                } else {
                    made = new Made(null, null, null, "upload refused");
                }
            } else if (result instanceof GraphMaker.Result.Note note) {
                made = new Made(null, null, note.note(), null);
            } else {
                made = new Made(null, null, null, ((GraphMaker.Result.Skipped) result).reason());
            }
        } catch (RuntimeException e) {
            // The maker promises not to throw; a defect in it must not stop the worker or the sink.
            LOG.warn("Graph for {} failed: {}", incident.incidentId(), LogText.safe(e.toString()));
            made = new Made(null, null, null, "render failed");
        }
        metrics.graph(outcome(made));
        ready.add(new Ready(job.partition(), incident.incidentId(), job.key(), incident, made));
    }

    private static String outcome(Made made) {
        if (made.failure() == null) {
            return made.fileId() != null ? "uploaded" : "note";
        }
        if (made.retryIn() != null) {
            return "upload_deferred";
        }
        return "upload refused".equals(made.failure()) ? "upload_failed" : "skipped";
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                work.take().run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("Graph worker task failed: {}", LogText.safe(e.toString()));
            }
        }
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
