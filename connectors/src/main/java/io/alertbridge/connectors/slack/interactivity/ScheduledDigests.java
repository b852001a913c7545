package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import io.alertbridge.connectors.reports.DigestSchedule;
import io.alertbridge.connectors.reports.HistoryView;
import io.alertbridge.connectors.reports.Report;
import io.alertbridge.connectors.reports.ReportFigures;
import io.alertbridge.connectors.reports.WorkingHours;
import io.alertbridge.connectors.slack.files.SlackFileUploader;
import io.alertbridge.connectors.slack.files.UploadResult;
import io.alertbridge.connectors.slack.sink.ChannelDirectory;
import io.alertbridge.schemas.model.ReportRule;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.text.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Posts the {@link ReportRule scheduled report digests}: one thread ({@code report-digests}) that, once the
 * incident history view is live, looks every {@code interval} (30 s in production) for digests that are due
 * ({@link DigestSchedule#decide}) and posts each period once, into the rule's channel, as the Block Kit of
 * {@code /alerts report} under a "Weekly incident report" or "Daily incident report" header.
 *
 * <p>Once per period across restarts and several instances: before posting, it reads the channel's history since the
 * due time ({@code conversations.history} with {@code include_all_metadata}) for a message whose metadata is a
 * digest of the same period key ({@link DigestPosts}), and posts (with that metadata) only when there is none. Two
 * instances that look within the same second can both post; each reads the channel again after posting and deletes
 * its own when an earlier digest of the period is there, so one stays (people may see the second for a moment). A
 * period whose posting fails (Slack down, a 429) is tried again at the next look, until it is too late
 * ({@link DigestSchedule#maxLateness}). A digest posted more than {@link DigestSchedule#ON_TIME} late says so.
 *
 * <p>Counted in {@code alertbridge.reports.digests} by {@code outcome}: {@code posted}, {@code found} (already in the
 * channel), {@code skipped} (too late), {@code deleted} (posted twice at once, this one removed), {@code failed}
 * (tried again at the next look).
 *
 * <p>Threading: the rules supplier and the Slack calls run on the digest thread only. {@link #close()} stops it.
 */
final class ScheduledDigests implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledDigests.class);
    /** How often it looks for due digests in production. */
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private static final int PAGE = 200;
    private static final int MAX_PAGES = 5;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final HistoryView view;
    private final Slack slack;
    private final Supplier<String> token;
    private final Supplier<? extends Collection<ReportRule>> rules;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    /** Per rule id, the last period key settled here (posted, found posted, or skipped). */
    private final Map<String, String> settled = new ConcurrentHashMap<>();

    private final Map<String, String> channelIds = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final ReportChartImages charts;

    /**
     * @param view the incident history; nothing is posted until it is live
     * @param slack the Slack client (its API URL configured)
     * @param token the bot token, read for every call
     * @param rules the report rules in force, read at every look
     * @param clock the clock due times are compared with
     * @param registry where the outcome counter goes
     */
    ScheduledDigests(
            HistoryView view,
            Slack slack,
            Supplier<String> token,
            Supplier<? extends Collection<ReportRule>> rules,
            Clock clock,
            MeterRegistry registry) {
        this.view = view;
        this.slack = slack;
        this.token = token;
        this.rules = rules;
        this.clock = clock;
        this.registry = registry;
        this.charts = new ReportChartImages(() -> slack.methods(token.get()));
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-digests");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts looking every {@code interval}, the first time at once. */
    ScheduledDigests start(Duration interval) {
        thread.scheduleWithFixedDelay(this::checkSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Scheduled report digests: looking every {}", interval);
        return this;
    }

    private void count(String outcome) {
        Counter.builder("alertbridge.reports.digests")
                .description("scheduled report digests by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Looking for due report digests failed: {}", LogText.failure(e));
        }
    }

    /** One look: posts every digest that is due and not yet posted. Runs on the digest thread (tests call it). */
    void check() {
        if (!view.isReady()) {
            return;
        }
        Instant now = clock.instant();
        for (ReportRule rule : List.copyOf(rules.get())) {
            DigestSchedule.Decision decision = DigestSchedule.decide(rule, now);
            String key = decision.due().key();
            if (key.equals(settled.get(rule.id()))) {
                continue;
            }
            if (!decision.post()) {
                LOG.info(
                        "Not posting report digest {}: it was due {} ago, more than {} (the next one comes sooner)",
                        LogText.safe(key),
                        decision.late(),
                        DigestSchedule.maxLateness(rule));
                settled.put(rule.id(), key);
                count("skipped");
                continue;
            }
            if (post(rule, decision)) {
                settled.put(rule.id(), key);
            } else {
                count("failed");
            }
        }
    }

    /** Posts the digest unless the channel already has it; true when settled, false to try again at the next look. */
    private boolean post(ReportRule rule, DigestSchedule.Decision decision) {
        DigestSchedule.Due due = decision.due();
        MethodsClient methods = slack.methods(token.get());
        try {
            Optional<String> channelId = channelId(methods, rule.channel());
            if (channelId.isEmpty()) {
                LOG.warn(
                        "Cannot post report digest {}: no channel {} is visible to the bot",
                        LogText.safe(due.key()),
                        LogText.safe(rule.channel()));
                return false;
            }
            Optional<List<Message>> before = history(methods, channelId.get(), due.dueAt());
            if (before.isEmpty()) {
                return false;
            }
            if (DigestPosts.alreadyPosted(before.get(), due.key())) {
                LOG.info("Report digest {} is already in {}", LogText.safe(due.key()), channelId.get());
                count("found");
                return true;
            }
            Report report = report(rule, due);
            Optional<String> chart =
                    report.isEmpty() ? Optional.empty() : charts.upload(report, rule.zone(), channelId.get());
            String blocks = blocks(rule, decision, report, chart);
            ChatPostMessageResponse posted = methods.chatPostMessage(r -> r.channel(channelId.get())
                    .text(fallback(rule, due))
                    .blocksAsString(blocks)
                    .metadata(DigestPosts.metadata(rule.id(), due.key())));
            if (!posted.isOk()) {
                LOG.warn(
                        "Posting report digest {} failed: {}",
                        LogText.safe(due.key()),
                        LogText.safe(posted.getError()));
                deleteChart(methods, chart);
                return false;
            }
            LOG.info(
                    "Posted report digest {} in {}{}",
                    LogText.safe(due.key()),
                    channelId.get(),
                    decision.isLate() ? ", " + decision.late() + " late" : "");
            count("posted");
            if (yieldToAnEarlierPost(methods, channelId.get(), due, posted.getTs())) {
                deleteChart(methods, chart);
            }
            return true;
        } catch (IOException | SlackApiException e) {
            LOG.warn("Posting report digest {} failed; trying again: {}", LogText.safe(due.key()), LogText.failure(e));
            return false;
        }
    }

    /**
     * Deletes the chart of a digest that was not posted or was deleted, so that the next try's chart is the only one
     * left; its file message in the channel goes with it.
     */
    private static void deleteChart(MethodsClient methods, Optional<String> chart) {
        chart.ifPresent(id -> {
            UploadResult deleted = new SlackFileUploader(methods).delete(id);
            if (!deleted.ok()) {
                LOG.info("Could not delete the chart {} of a digest not kept: {}", id, LogText.safe(deleted.reason()));
            }
        });
    }

    /**
     * Deletes the digest just posted when another instance posted the same period's earlier; true when it did.
     */
    private boolean yieldToAnEarlierPost(MethodsClient methods, String channelId, DigestSchedule.Due due, String ownTs)
            throws IOException, SlackApiException {
        Optional<List<Message>> after = history(methods, channelId, due.dueAt());
        if (after.isPresent() && DigestPosts.yieldsTo(DigestPosts.postsOf(after.get(), due.key()), ownTs)) {
            LOG.info("Report digest {} was posted twice at once; deleting this instance's", LogText.safe(due.key()));
            methods.chatDelete(r -> r.channel(channelId).ts(ownTs));
            count("deleted");
            return true;
        }
        return false;
    }

    /** The channel's messages since {@code oldest}, with metadata; empty when Slack would not say. */
    private Optional<List<Message>> history(MethodsClient methods, String channelId, Instant oldest)
            throws IOException, SlackApiException {
        List<Message> messages = new ArrayList<>();
        String cursor = null;
        boolean joined = false;
        for (int page = 0; page < MAX_PAGES; page++) {
            String pageCursor = cursor;
            ConversationsHistoryResponse answer = methods.conversationsHistory(r -> r.channel(channelId)
                    .oldest(oldest.getEpochSecond() + ".000000")
                    .limit(PAGE)
                    .includeAllMetadata(true)
                    .cursor(pageCursor));
            if (!answer.isOk()) {
                if ("not_in_channel".equals(answer.getError()) && !joined) {
                    joined = true;
                    if (methods.conversationsJoin(r -> r.channel(channelId)).isOk()) {
                        page--;
                        continue;
                    }
                }
                LOG.warn("Cannot read channel {} for digests: {}", channelId, LogText.safe(answer.getError()));
                return Optional.empty();
            }
            messages.addAll(answer.getMessages() == null ? List.of() : answer.getMessages());
            cursor = answer.getResponseMetadata() == null
                    ? null
                    : answer.getResponseMetadata().getNextCursor();
            if (!answer.isHasMore() || cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return Optional.of(messages);
    }

    /** The channel's id: given, or looked up by name once ({@code conversations.list}). */
    private Optional<String> channelId(MethodsClient methods, String channel) throws IOException, SlackApiException {
        if (ChannelDirectory.isId(channel)) {
            return Optional.of(channel);
        }
        String name = channel.startsWith("#") ? channel.substring(1) : channel;
        String known = channelIds.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        String cursor = null;
        do {
            String pageCursor = cursor;
            ConversationsListResponse answer = methods.conversationsList(
                    r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                            .excludeArchived(true)
                            .limit(1000)
                            .cursor(pageCursor));
            if (!answer.isOk()) {
                LOG.warn("Cannot list channels for digests: {}", LogText.safe(answer.getError()));
                return Optional.empty();
            }
            for (Conversation c : answer.getChannels()) {
                if (name.equals(c.getName())) {
                    channelIds.put(name, c.getId());
                    return Optional.of(c.getId());
                }
            }
            cursor = answer.getResponseMetadata() == null
                    ? null
                    : answer.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return Optional.empty();
    }

    /** The figures of the period due, with its days counted in the rule's zone. */
    private Report report(ReportRule rule, DigestSchedule.Due due) {
        return ReportFigures.compute(
                view.index().since(due.range().previous().from()),
                due.range(),
                DigestSchedule.filter(rule),
                WorkingHours.ByRoute.everywhere(rule.zone()));
    }

    /** The digest's blocks, with the chart image {@code chart} in place of the text chart when there is one. */
    private String blocks(ReportRule rule, DigestSchedule.Decision decision, Report report, Optional<String> chart) {
        DigestSchedule.Due due = decision.due();
        ZoneId zone = rule.zone();
        Instant availableFrom = view.index().earliest().orElse(due.range().from());
        String late = decision.isLate()
                ? ":hourglass: Posted late: it was due "
                        + DUE.format(due.dueAt().atZone(zone)) + " (" + zone.getId() + ")."
                : null;
        ArrayNode blocks = ReportFormatter.digest(report, zone, availableFrom, title(rule), late);
        chart.ifPresent(id -> ReportFormatter.withChart(blocks, id, ReportChart.altText(report, zone)));
        try {
            return Json.mapper().writeValueAsString(blocks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "Weekly incident report" or "Daily incident report". */
    static String title(ReportRule rule) {
        return (rule.every() == ReportRule.Every.WEEK ? "Weekly" : "Daily") + " incident report";
    }

    private static String fallback(ReportRule rule, DigestSchedule.Due due) {
        return title(rule) + ": " + ReportFormatter.range(due.range(), rule.zone());
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Report digest thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
